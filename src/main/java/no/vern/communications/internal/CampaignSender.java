package no.vern.communications.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import no.vern.communications.Campaign;
import no.vern.communications.Exclusion;
import no.vern.communications.MailingList;
import no.vern.informing.SourceNotices;
import no.vern.register.SubjectGone;
import no.vern.register.SubjectRecords;
import no.vern.register.SubjectRegister;
import no.vern.shared.MailNotSent;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;
import no.vern.shared.OutgoingMail;

/**
 * The send job's work: takes due deliveries in batches, throttled to a number per minute across all
 * nodes, re-checks each person right before their message ({@link Audience#recheck}), reads the
 * address from the register for the list's purpose (audited there), sends, and records the outcome.
 * Each delivery is claimed (committed "sending") before the SMTP call, so a crash can at worst leave a
 * message unrecorded, never send it twice; temporary SMTP failures are retried with back-off.
 */
@Component
class CampaignSender {

    private static final Logger log = LoggerFactory.getLogger(CampaignSender.class);

    private final Deliveries deliveries;
    private final Campaigns campaigns;
    private final MailingLists lists;
    private final Audience audience;
    private final SubjectRegister register;
    private final Languages languages;
    private final ListMessages messages;
    private final OutgoingMail mail;
    private final CommunicationsProperties properties;
    private final Clock clock;
    private final ObjectProvider<SourceNotices> sourceNotices;

    CampaignSender(Deliveries deliveries, Campaigns campaigns, MailingLists lists, Audience audience,
            SubjectRegister register, Languages languages, ListMessages messages, OutgoingMail mail,
            CommunicationsProperties properties, Clock clock, ObjectProvider<SourceNotices> sourceNotices) {
        this.sourceNotices = sourceNotices;
        this.deliveries = deliveries;
        this.campaigns = campaigns;
        this.lists = lists;
        this.audience = audience;
        this.register = register;
        this.languages = languages;
        this.messages = messages;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
    }

    /** One run of the job: settles crashed deliveries, then sends batches until nothing is due or the minute's budget is used. */
    int sendDue() {
        Instant now = clock.instant();
        int expired = deliveries.expireLeases(now.minus(properties.lease()), now);
        if (expired > 0) {
            log.warn("{} list deliveries were interrupted by a crash and are recorded as uncertain (not resent)", expired);
        }
        int total = 0;
        while (true) {
            int sent = sendBatch(properties.batchSize());
            if (sent <= 0) {
                break;
            }
            total += sent;
        }
        campaigns.queued().forEach(c -> campaigns.completeIfSettled(c.id(), clock.instant()));
        return total;
    }

    /**
     * One batch of at most {@code max} deliveries within the throttle; returns how many were handled
     * (sent, suppressed or failed), 0 when nothing was due or the budget is spent.
     */
    int sendBatch(int max) {
        Instant now = clock.instant();
        long budget = properties.perMinute() - deliveries.sentSince(now.minus(Duration.ofMinutes(1)));
        if (budget <= 0) {
            return 0;
        }
        List<Deliveries.Due> due = deliveries.due(now, (int) Math.min(max, budget));
        // GDPR Art. 14(3)(b): who of this batch is still owed an Art. 14 notice, asked once for the whole batch.
        Set<SubjectId> owedNotice = owedNotice(due.stream().map(Deliveries.Due::subject).toList());
        Map<UUID, Campaign> campaignCache = new HashMap<>();
        Map<UUID, MailingList> listCache = new HashMap<>();
        Set<UUID> touched = new LinkedHashSet<>();
        int handled = 0;
        for (Deliveries.Due d : due) {
            Campaign c = campaignCache.computeIfAbsent(d.campaignId(), id -> campaigns.find(id, false).orElseThrow());
            MailingList list = listCache.computeIfAbsent(c.listId(), id -> lists.find(id).orElseThrow());
            if (deliver(c, list, d, true, owedNotice.contains(d.subject()))) {
                handled++;
            }
            touched.add(c.id());
        }
        touched.forEach(id -> campaigns.completeIfSettled(id, clock.instant()));
        return handled;
    }

    /**
     * Claims, checks, sends and (when {@code record}) records one delivery; false if another node had
     * it. With {@code record = false} it stops right after the SMTP call, exactly as a crash would (tests).
     */
    boolean deliver(Campaign c, MailingList list, Deliveries.Due d, boolean record) {
        return deliver(c, list, d, record, owedNotice(List.of(d.subject())).contains(d.subject()));
    }

    /** The subjects among these that the informing module says are still owed an Art. 14 notice. */
    private Set<SubjectId> owedNotice(List<SubjectId> subjects) {
        SourceNotices notices = sourceNotices.getIfAvailable();
        return notices == null || subjects.isEmpty() ? Set.of() : notices.owedAmong(subjects);
    }

    /**
     * As {@link #deliver(Campaign, MailingList, Deliveries.Due, boolean)}, with whether the batch's one question to the
     * informing module found an Art. 14 notice owed to this subject.
     */
    private boolean deliver(Campaign c, MailingList list, Deliveries.Due d, boolean record, boolean owesNotice) {
        Instant now = clock.instant();
        if (!deliveries.claim(c.id(), d.subject(), now)) {
            return false;
        }
        Optional<Exclusion> exclusion = audience.recheck(list, d.subject());
        if (exclusion.isPresent()) {
            deliveries.markSuppressed(c.id(), d.subject(), exclusion.get(), clock.instant());
            return true;
        }
        SubjectRecords records;
        try {
            records = register.read(d.subject(), list.purposeKey());
        } catch (SubjectGone | NotFound e) {
            deliveries.markSuppressed(c.id(), d.subject(), Exclusion.ERASED, clock.instant());
            return true;
        }
        Optional<String> email = records.value("email");
        if (email.isEmpty()) {
            deliveries.markSuppressed(c.id(), d.subject(), Exclusion.NO_EMAIL, clock.instant());
            return true;
        }
        // GDPR Art. 14(3)(b): a person whose data came from others and who has not been told yet gets the Art. 14
        // notice first, queued in the outbox before this mail (the informing module decides what is owed).
        SourceNotices notices = sourceNotices.getIfAvailable();
        if (owesNotice && notices != null) {
            notices.beforeFirstContact(d.subject());
        }
        String language = languages.of(d.subject());
        try {
            mail.send(messages.build(c, d.subject(), email.get(), records.value("name").orElse(null), language));
        } catch (MailNotSent e) {
            failed(c, d, e);
            return true;
        }
        if (record) {
            deliveries.markSent(c.id(), d.subject(), language, clock.instant());
        }
        return true;
    }

    private void failed(Campaign c, Deliveries.Due d, MailNotSent e) {
        Instant now = clock.instant();
        int attempt = d.attempts() + 1;
        if (e.permanent() || attempt >= properties.maxAttempts()) {
            deliveries.markFailed(c.id(), d.subject(), e.permanent() ? "rejected" : "gave-up", now);
        } else {
            Duration wait = Duration.ofMinutes(1L << Math.min(attempt - 1, 6));
            deliveries.retryAt(c.id(), d.subject(), now.plus(wait), now);
        }
        // Ids and the mail reference only: SMTP messages can quote the address.
        log.warn("List mail for campaign {} to {} not sent (attempt {}): {}", c.id(), d.subject(), attempt,
                e.getMessage());
    }
}
