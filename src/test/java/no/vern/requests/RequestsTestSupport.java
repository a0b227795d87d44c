package no.vern.requests;

import no.vern.support.TestMail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;

/**
 * Shared set-up of the request tests: one GreenMail SMTP server per test JVM on a free port, and a
 * stand-in for the connectors module ({@link StandInSystems}) so that steps and collected data can be
 * controlled. Tests extending this class share one application context.
 */
@Import(RequestsTestSupport.Systems.class)
public abstract class RequestsTestSupport {

    protected static final GreenMail MAIL = TestMail.server();

    @org.springframework.beans.factory.annotation.Autowired
    private Requests requestsUnderTest;

    /**
     * GDPR Art. 19 in tests that are about something else: every open recipient task of the case is settled as told,
     * so that the answer held for them is sent and the case completes.
     */
    protected void tellEveryRecipient(RequestId id) {
        for (RecipientNotice n : requestsUnderTest.recipientNotices(id)) {
            if (!n.state().settled()) {
                requestsUnderTest.settleRecipientNotice(id, n.id(), NoticeState.TOLD, "told by letter to the recipient");
            }
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Systems {
        @Bean
        @Primary
        StandInSystems standInSystems() {
            return new StandInSystems();
        }
    }

    /** The messages received by an address. */
    protected static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The body text of a message. */
    protected static String body(MimeMessage message) {
        try {
            // Decoded by JavaMail (quoted-printable: ø, §, å …), as the person's mail program shows it.
            if (message.getContent() instanceof String text) {
                return text;
            }
        } catch (java.io.IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
        return GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=C3=B8", "ø");
    }

    /**
     * The messages received by an address once there are at least {@code count} (up to 20 s): the privacy center's
     * code mails are first tried after the commit off the request's thread ({@code Mail.Delivery.QUEUED}).
     */
    protected static List<MimeMessage> awaitMailTo(String address, int count) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        List<MimeMessage> mails = mailTo(address);
        while (mails.size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            mails = mailTo(address);
        }
        return mails;
    }

    /** The six-digit code in the newest message to the address (waits for the first one). */
    protected static String codeSentTo(String address) {
        List<MimeMessage> mails = awaitMailTo(address, 1);
        for (int i = mails.size() - 1; i >= 0; i--) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b(\\d{6})\\b").matcher(subject(mails.get(i)));
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("No code was sent");
    }

    protected static String subject(MimeMessage message) {
        try {
            return message.getSubject() == null ? "" : message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A customer contact on file with this email (customer administration, contract). */
    protected static NewSubject contactOnFile(String name, String email) {
        return new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), "customer-administration", Source.SUBJECT,
                null, PersonalData.contact(name, email, null));
    }

    /** A unique canary-domain address (any log line with the domain fails the test class). */
    protected static String uniqueEmail(String who) {
        return who + "." + UUID.randomUUID().toString().substring(0, 8) + "@kanarifugl.example";
    }

    /** A controllable stand-in for the connectors module's {@link ConnectedSystems}. */
    public static final class StandInSystems implements ConnectedSystems {

        /** When set, the next fan-out's step stays pending. */
        public final AtomicBoolean nextPending = new AtomicBoolean();
        private final Map<UUID, List<SystemStep>> steps = new ConcurrentHashMap<>();
        private final Map<UUID, FanOut> fanOuts = new ConcurrentHashMap<>();

        @Override
        public List<SystemStep> start(FanOut fanOut) {
            List<SystemStep> list = steps.computeIfAbsent(fanOut.caseId(), id -> new java.util.concurrent.CopyOnWriteArrayList<>());
            synchronized (list) {
                // Idempotent per (case, operation), as the SPI requires.
                List<SystemStep> existing = list.stream().filter(s -> s.operation() == fanOut.operation()).toList();
                if (!existing.isEmpty()) {
                    return existing;
                }
                fanOuts.putIfAbsent(fanOut.caseId(), fanOut);
                StepState state = nextPending.getAndSet(false) ? StepState.PENDING : StepState.DONE;
                SystemStep step = new SystemStep(UUID.randomUUID(), fanOut.caseId(), UUID.randomUUID(), "CRM",
                        fanOut.operation(), state, 1, "1 row", Instant.now());
                list.add(step);
                return List.of(step);
            }
        }

        /** The slow system finishes: every open step of the case and operation becomes DONE. */
        public void finish(UUID caseId, Operation operation) {
            for (SystemStep s : steps(caseId)) {
                if (s.operation() == operation && !s.state().settled()) {
                    // As the connectors say it: the English detail with its message code and arguments (issue 23).
                    replace(caseId, s.id(), StepState.DONE, "3 rows erased in 2 tables", "connectors.detail.rowsErased",
                            List.of("3", "2"));
                }
            }
        }

        /** Every fan-out started so far. */
        public List<FanOut> fanOuts() {
            return List.copyOf(fanOuts.values());
        }

        @Override
        public List<SystemStep> steps(UUID caseId) {
            return List.copyOf(steps.getOrDefault(caseId, List.of()));
        }

        @Override
        public List<SystemData> collected(UUID caseId, Operation operation) {
            FanOut f = fanOuts.get(caseId);
            if (f == null) {
                return List.of();
            }
            return List.of(new SystemData(UUID.randomUUID(), "CRM", "Salg", List.of("customers"),
                    Map.of("email", List.copyOf(f.emails()))));
        }

        @Override
        public SystemStep waive(UUID caseId, UUID stepId, String reason) {
            return replace(caseId, stepId, StepState.WAIVED);
        }

        @Override
        public SystemStep retry(UUID caseId, UUID stepId) {
            return replace(caseId, stepId, StepState.DONE);
        }

        private SystemStep replace(UUID caseId, UUID stepId, StepState state) {
            SystemStep s = steps.getOrDefault(caseId, List.of()).stream().filter(x -> x.id().equals(stepId)).findFirst()
                    .orElseThrow(() -> new no.vern.shared.NotFound("Step", stepId));
            return replace(caseId, stepId, state, s.detail(), s.detailCode(), s.detailArgs());
        }

        private SystemStep replace(UUID caseId, UUID stepId, StepState state, @org.jspecify.annotations.Nullable String detail,
                @org.jspecify.annotations.Nullable String code, List<String> args) {
            List<SystemStep> list = steps.get(caseId);
            for (int i = 0; i < list.size(); i++) {
                SystemStep s = list.get(i);
                if (s.id().equals(stepId)) {
                    SystemStep changed = new SystemStep(s.id(), s.caseId(), s.connectorId(), s.system(), s.operation(),
                            state, s.attempts() + 1, detail, Instant.now(), code, args);
                    list.set(i, changed);
                    return changed;
                }
            }
            throw new no.vern.shared.NotFound("Step", stepId);
        }
    }

}
