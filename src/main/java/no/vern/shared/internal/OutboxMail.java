package no.vern.shared.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.shared.Mail;
import no.vern.shared.MailSignature;
import no.vern.shared.MailNotSent;
import no.vern.shared.OutgoingMail;

/**
 * {@link OutgoingMail} over the outbox: a message is sealed into {@code shared_mail_outbox} in the caller's
 * transaction and tried once that commits, on the committing thread (so it leaves as soon as it did when
 * modules sent inline); what fails waits for the job ({@link #sendDue}) with back-off, 1 min doubling up
 * to about 4 h, until {@code vern.mail.max-attempts}. Each try claims the row in a committed statement
 * first, so a message is never sent twice; one a crash leaves claimed is counted uncertain, not resent.
 * Logs name the message id only.
 */
final class OutboxMail implements OutgoingMail {

    private static final Logger log = LoggerFactory.getLogger(OutboxMail.class);
    private static final int BATCH = 50;

    private final MailOutbox outbox;
    private final SealedMail sealed;
    private final MailTransport transport;
    private final MailSettings settings;
    private final TransactionTemplate own;
    private final Clock clock;
    private final MailSignature signature;
    /**
     * First tries of {@link Mail.Delivery#QUEUED} messages: one daemon thread, off the caller's; what it cannot
     * take (or a node that stops first) is the outbox job's, since the row is committed before it is handed over.
     */
    private final Executor background = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(1_000), runnable -> {
                Thread thread = new Thread(runnable, "mail-queued");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    OutboxMail(MailOutbox outbox, SealedMail sealed, MailTransport transport, MailSettings settings,
            PlatformTransactionManager transactions, Clock clock, MailSignature signature) {
        this.signature = signature;
        this.outbox = outbox;
        this.sealed = sealed;
        this.transport = transport;
        this.settings = settings;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public UUID send(Mail unsigned) {
        Mail mail = signed(unsigned);
        UUID id = UUID.randomUUID();
        if (mail.delivery() == Mail.Delivery.IMMEDIATE) {
            try {
                transport.send(id, mail);
            } catch (MailNotSent e) {
                log.warn("Mail {} not sent ({}: {})", id, e.permanent() ? "refused" : "temporary", e.failure());
                throw e;
            }
            log.debug("Mail {} sent", id);
            return id;
        }
        outbox.insert(id, sealed.seal(id, mail), clock.instant());
        Runnable first = mail.delivery() == Mail.Delivery.QUEUED ? () -> background.execute(() -> tryAfterCommit(id))
                : () -> tryAfterCommit(id);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    first.run();
                }
            });
        } else {
            first.run();
        }
        return id;
    }

    @Override
    public void decoy(Mail unsigned) {
        // The same sealing and the same statement as send(); the row is removed again in the same transaction.
        Mail mail = signed(unsigned);
        UUID id = UUID.randomUUID();
        outbox.insert(id, sealed.seal(id, mail), clock.instant());
        outbox.discard(id);
    }

    /**
     * The message with the company profile's footer under it, in the message's {@code Content-Language} (both
     * languages when it has none): inside the signature block when the body has one ({@code "-- "} line, e.g. the
     * objection footer of list mail), otherwise as a new one. Read from the profile for each message.
     */
    Mail signed(Mail mail) {
        String language = mail.headers().getOrDefault("Content-Language", "");
        String footer = switch (language) {
            case "en" -> signature.footer(Locale.ENGLISH).strip();
            case "nb", "no", "nn" -> signature.footer(Locale.forLanguageTag("nb")).strip();
            default -> both(signature.footer(Locale.forLanguageTag("nb")).strip(),
                    signature.footer(Locale.ENGLISH).strip());
        };
        if (footer.isEmpty()) {
            return mail;
        }
        String body = mail.body().stripTrailing();
        String signedBody = body.startsWith("-- \n") || body.contains("\n-- \n") ? body + "\n\n" + footer + "\n"
                : body + "\n\n-- \n" + footer + "\n";
        return new Mail(mail.to(), mail.subject(), signedBody, mail.headers(), mail.delivery());
    }

    private static String both(String nb, String en) {
        return nb.equals(en) || en.isEmpty() ? nb : nb.isEmpty() ? en : nb + "\n\n" + en;
    }

    /** The first try right after the commit; whatever goes wrong is the job's to retry, never the caller's problem. */
    private void tryAfterCommit(UUID id) {
        try {
            attempt(id);
        } catch (RuntimeException e) {
            log.warn("Mail {} left for the outbox job: {}", id, e.getClass().getSimpleName());
        }
    }

    /**
     * One run of the job: settles messages a crash left claimed, sends what is due batch by batch, and
     * forgets settled rows past {@code vern.mail.keep-settled}. Returns how many messages were sent.
     */
    int sendDue() {
        Instant now = clock.instant();
        List<UUID> interrupted = own.execute(s -> outbox.expireLeases(now.minus(settings.lease()), now));
        for (UUID id : interrupted == null ? List.<UUID>of() : interrupted) {
            log.warn("Mail {} was being sent when its node stopped; counted as uncertain, not resent", id);
        }
        int sent = 0;
        List<UUID> due;
        do {
            due = outbox.due(clock.instant(), BATCH);
            int settled = 0;
            for (UUID id : due) {
                Outcome outcome = attempt(id);
                if (outcome == Outcome.SENT) {
                    sent++;
                }
                if (outcome != Outcome.LOST) {
                    settled++;
                }
            }
            if (settled == 0) {
                break;
            }
        } while (due.size() == BATCH);
        own.executeWithoutResult(s -> outbox.forgetSettled(clock.instant().minus(settings.keepSettled())));
        return sent;
    }

    enum Outcome { SENT, RETRY, FAILED, LOST }

    /** Claims, sends and records one message; {@link Outcome#LOST} when another caller had it already. */
    Outcome attempt(UUID id) {
        Optional<MailOutbox.Claimed> claimed = own.execute(s -> outbox.claim(id, clock.instant()));
        if (claimed == null || claimed.isEmpty()) {
            return Outcome.LOST;
        }
        MailOutbox.Claimed c = claimed.get();
        Mail mail;
        try {
            mail = sealed.open(id, c.content());
        } catch (RuntimeException e) {
            own.executeWithoutResult(s -> outbox.markFailed(id, "unreadable", clock.instant()));
            log.warn("Mail {} could not be read back ({}); not sent", id, e.getClass().getSimpleName());
            return Outcome.FAILED;
        }
        try {
            transport.send(id, mail);
        } catch (MailNotSent e) {
            return failed(c, e);
        }
        own.executeWithoutResult(s -> outbox.markSent(id, clock.instant()));
        log.debug("Mail {} sent", id);
        return Outcome.SENT;
    }

    private Outcome failed(MailOutbox.Claimed c, MailNotSent e) {
        Instant now = clock.instant();
        if (e.permanent() || c.attempts() >= settings.maxAttempts()) {
            own.executeWithoutResult(s -> outbox.markFailed(c.id(), e.permanent() ? "refused" : "gave-up", now));
            log.warn("Mail {} failed for good after {} attempt(s) ({}: {})", c.id(), c.attempts(),
                    e.permanent() ? "refused" : "temporary", e.failure());
            return Outcome.FAILED;
        }
        Duration wait = Duration.ofMinutes(1L << Math.min(c.attempts() - 1, 8));
        own.executeWithoutResult(s -> outbox.retryAt(c.id(), now.plus(wait), now));
        log.warn("Mail {} not sent (attempt {}, {}), next try in {} min", c.id(), c.attempts(), e.failure(),
                wait.toMinutes());
        return Outcome.RETRY;
    }
}
