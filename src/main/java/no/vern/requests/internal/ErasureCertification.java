package no.vern.requests.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.crypto.BackupHorizon;
import no.vern.crypto.CryptoShredder;
import no.vern.crypto.SubjectCipher;
import no.vern.crypto.SubjectKeyDestroyed;
import no.vern.register.Restrictions;
import no.vern.register.SubjectRegister;
import no.vern.requests.CertifiedStep;
import no.vern.requests.Operation;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestId;
import no.vern.requests.SystemStep;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.JdbcTime;
import no.vern.shared.Labels;
import no.vern.shared.SubjectId;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifiable erasure that certifies only what happened (issue 20, item 10): an erasure starts the connected
 * systems' ERASE and VERIFY_ERASED steps and waits; the signed certificate is issued only once the register step
 * and every one of those steps has settled (done, or waived by a handler with a reason), and it lists each step
 * with its outcome. Until then the person is told which steps are pending; the certificate follows by mail (the
 * address kept encrypted under a key of its own, shredded once sent). The job {@code requests-certificates}
 * checks the waiting cases every minute, once across nodes; a waiver checks at once.
 */
@Component
class ErasureCertification {

    static final Actor JOB = Actor.system("requests-certificates");
    static final String MAIL_CATEGORY = "certificate-email";
    /** The certificate's field: the date by which the last backup older than the erasure has expired. */
    static final String BACKUPS = "erasedFromBackupsBy";
    static final String UNDATED = "undated: an older backup has no expiry";
    private static final List<Operation> OPERATIONS = List.of(Operation.ERASE, Operation.VERIFY_ERASED);

    private final JdbcClient jdbc;
    private final Certificates certificates;
    private final SystemFanOut systems;
    private final SubjectRegister register;
    private final Restrictions restrictions;
    private final SubjectCipher cipher;
    private final CryptoShredder shredder;
    private final Cases cases;
    private final Mailer mailer;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String baseUrl;
    private final BackupHorizon backups;
    private final Labels labels;

    ErasureCertification(JdbcClient jdbc, Certificates certificates, SystemFanOut systems, SubjectRegister register,
            Restrictions restrictions, SubjectCipher cipher, CryptoShredder shredder, Cases cases, Mailer mailer,
            JsonMapper json, TransactionTemplate transactions, Clock clock, @Value("${vern.base-url}") String baseUrl,
            BackupHorizon backups, Labels labels) {
        this.backups = backups;
        this.labels = labels;
        this.jdbc = jdbc;
        this.certificates = certificates;
        this.systems = systems;
        this.register = register;
        this.restrictions = restrictions;
        this.cipher = cipher;
        this.shredder = shredder;
        this.cases = cases;
        this.mailer = mailer;
        this.json = json;
        this.transactions = transactions;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts the erasure and its verification in the connected systems and records what the certificate will say
     * about the register; issues the certificate now if every step has already settled. Returns the paragraph for
     * the person's answer: the certificate, or which steps are still pending and that it will follow.
     */
    String await(RequestCase c, List<String> erased, List<Map<String, Object>> kept, String method, Locale locale,
            String email) {
        systems.start(c, Operation.ERASE, email);
        systems.start(c, Operation.VERIFY_ERASED, email);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("subject", c.subject().reference());
        content.put("receivedAt", c.receivedAt().toString());
        content.put("erasedCategories", erased);
        content.put("method", method);
        content.put("kept", kept);
        SubjectId mailKey = SubjectId.random();
        Instant now = clock.instant();
        if (addToWaiting(c, erased, kept, method)) {
            // Another subject under the same address (one person, all records) joined the certificate that waits.
            List<SystemStep> open = steps(c.id()).stream().filter(s -> !s.state().settled()).toList();
            return "\n\n" + mailer.text("requests.certificate.pending", locale, describe(open, locale));
        }
        jdbc.sql("""
                INSERT INTO requests_certificate_pending (case_id, content, language, mail_key, email_ct, created_at)
                VALUES (:case, :content, :language, :key, :email, :now) ON CONFLICT (case_id) DO NOTHING""")
                .param("case", c.id().value()).param("content", json.writeValueAsString(content))
                .param("language", c.language()).param("key", mailKey.value())
                .param("email", cipher.encryptText(mailKey, MAIL_CATEGORY, c.id().value(), email))
                .param("now", JdbcTime.param(now)).update();
        Optional<Certificates.Signed> issued = issueIfSettled(c.id());
        if (issued.isPresent()) {
            discardAddress(c.id(), mailKey);
            return "\n\n" + certificateText(issued.get(), locale);
        }
        List<SystemStep> open = steps(c.id()).stream().filter(s -> !s.state().settled()).toList();
        cases.event(c.id(), now, RequestService.actor().reference(), "certificate-waiting",
                open.size() + " system step(s) not settled", List.of(String.valueOf(open.size())));
        return "\n\n" + mailer.text("requests.certificate.pending", locale, describe(open, locale));
    }

    /**
     * When the case's certificate already waits (its steps not settled) and this subject is not yet in it, adds the
     * subject's part ({@code moreSubjects}), so that the certificate, once issued, states every subject the erasure
     * acted on; true if it did.
     */
    @SuppressWarnings("unchecked")
    private boolean addToWaiting(RequestCase c, List<String> erased, List<Map<String, Object>> kept, String method) {
        Optional<String> waiting = jdbc.sql("SELECT content FROM requests_certificate_pending WHERE case_id = :c FOR UPDATE")
                .param("c", c.id().value()).query(String.class).optional();
        if (waiting.isEmpty()) {
            return false;
        }
        Map<String, Object> content = new LinkedHashMap<>(json.readValue(waiting.get(),
                new TypeReference<Map<String, Object>>() { }));
        List<Object> more = new ArrayList<>((List<Object>) content.getOrDefault("moreSubjects", List.of()));
        String subject = c.subject().reference();
        boolean known = subject.equals(content.get("subject"))
                || more.stream().anyMatch(m -> m instanceof Map<?, ?> part && subject.equals(part.get("subject")));
        if (!known) {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("subject", subject);
            part.put("erasedCategories", erased);
            part.put("method", method);
            part.put("kept", kept);
            more.add(part);
            content.put("moreSubjects", more);
            jdbc.sql("UPDATE requests_certificate_pending SET content = :content WHERE case_id = :c")
                    .param("content", json.writeValueAsString(content)).param("c", c.id().value()).update();
        }
        return true;
    }

    /**
     * The certificate paragraph of an answer sent after the erasure (the answer was held for its recipients): the
     * certificate is issued now if its steps have settled, and mailed on its own; the answer then says it was sent,
     * or which steps are still pending.
     */
    String paragraphNow(RequestId id, Locale locale) {
        issueAndMail(id);
        if (waiting(id)) {
            List<SystemStep> open = steps(id).stream().filter(s -> !s.state().settled()).toList();
            return "\n\n" + mailer.text("requests.certificate.pending", locale, describe(open, locale));
        }
        List<Certificates.Signed> issued = certificates.of(id);
        if (issued.isEmpty()) {
            return "";
        }
        return "\n\n" + mailer.text("requests.certificate.sentSeparately", locale,
                String.join(", ", issued.stream().map(s -> s.id() + " (SHA-256 " + s.sha256() + ")").toList()));
    }

    /** Whether the case waits for its certificate (its erasure steps may then still be waived or retried). */
    boolean waiting(RequestId id) {
        return jdbc.sql("SELECT count(*) FROM requests_certificate_pending WHERE case_id = :c").param("c", id.value())
                .query(Long.class).single() > 0;
    }

    /** Issues and mails the certificate of a waiting case whose steps have all settled; true if it did. */
    boolean issueAndMail(RequestId id) {
        Optional<Pending> pending = lockPending(id);
        if (pending.isEmpty()) {
            return false;
        }
        Optional<Certificates.Signed> issued = issueIfSettled(id);
        if (issued.isEmpty()) {
            return false;
        }
        Pending p = pending.get();
        Locale locale = Locale.forLanguageTag(p.language());
        try {
            String email = cipher.decryptText(p.mailKey(), MAIL_CATEGORY, id.value(), p.emailCt());
            mailer.send(id, email, locale, "certificate", certificateText(issued.get(), locale));
            cases.event(id, clock.instant(), RequestService.actor().reference(), "certificate-sent", null, List.of());
        } catch (SubjectKeyDestroyed e) {
            cases.event(id, clock.instant(), RequestService.actor().reference(), "certificate-not-sent",
                    "the address was no longer held", List.of());
        }
        discardAddress(id, p.mailKey());
        return true;
    }

    /** The job: every waiting case whose steps have settled gets its certificate, one transaction per case. */
    int issueDue() {
        List<UUID> waiting = jdbc.sql("SELECT case_id FROM requests_certificate_pending ORDER BY created_at LIMIT 500")
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
        int issued = 0;
        for (UUID id : waiting) {
            Boolean done = transactions.execute(tx -> Actors.runAs(JOB, () -> issueAndMail(new RequestId(id))));
            issued += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return issued;
    }

    private Optional<Certificates.Signed> issueIfSettled(RequestId id) {
        Optional<Pending> pending = lockPending(id);
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        List<SystemStep> steps = steps(id);
        if (steps.stream().anyMatch(s -> !s.state().settled())) {
            return Optional.empty();
        }
        RequestCase c = cases.find(id).orElseThrow();
        Map<String, Object> content = new LinkedHashMap<>(json.readValue(pending.get().content(),
                new TypeReference<Map<String, Object>>() { }));
        String registerCheck = registerCheck(c.subject());
        List<Map<String, Object>> systemsCheck = new ArrayList<>();
        for (SystemStep s : steps) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("system", s.system());
            step.put("operation", s.operation().name());
            step.put("state", s.state().name());
            step.put("detail", s.detail() == null ? "" : s.detail());
            if (s.detailCode() != null) {
                // The code and arguments say the detail in the reader's language (issue 23); the English stays signed.
                step.put("detailCode", s.detailCode());
                step.put("detailArgs", s.detailArgs());
            }
            step.put("settledAt", s.updatedAt().toString());
            systemsCheck.add(step);
        }
        content.put("verification", Map.of("register", registerCheck, "systems", systemsCheck));
        // Backups taken before now may hold the erased keys until they expire (docs/backup.md): the certificate dates it.
        content.put(BACKUPS, backups.erasureCompleteBy(clock.instant()).map(LocalDate::toString).orElse(UNDATED));
        if (content.get("moreSubjects") instanceof List<?> more) {
            List<Object> checked = new ArrayList<>();
            for (Object o : more) {
                if (o instanceof Map<?, ?> part && part.get("subject") instanceof String ref && ref.startsWith("subject:")) {
                    Map<Object, Object> withCheck = new LinkedHashMap<>(part);
                    withCheck.put("register", registerCheck(SubjectId.parse(ref.substring("subject:".length()))));
                    checked.add(withCheck);
                }
            }
            content.put("moreSubjects", checked);
        }
        Certificates.Signed signed = certificates.issue(id, content);
        jdbc.sql("DELETE FROM requests_certificate_pending WHERE case_id = :c").param("c", id.value()).update();
        cases.event(id, clock.instant(), RequestService.actor().reference(), "certificate-issued",
                "sha256 " + signed.sha256() + ", " + steps.size() + " system step(s)",
                List.of(signed.sha256(), String.valueOf(steps.size())));
        return Optional.of(signed);
    }

    /** What the register says about one subject when the certificate is issued. */
    private String registerCheck(SubjectId subject) {
        return register.isErased(subject) ? "erased: the data key is destroyed, no record is readable"
                : restrictions.isRestricted(subject)
                        ? "partly erased: only the kept categories remain, restricted until their release dates"
                        : "present";
    }

    /** The paragraph that carries a certificate: how to check it, then its text. */
    private String certificateText(Certificates.Signed signed, Locale locale) {
        String verifyUrl = baseUrl + ("en".equals(locale.getLanguage()) ? "/privacy/verify-certificate"
                : "/personvern/kontroller-slettebevis");
        return mailer.text("requests.certificate.mail", locale, signed.id().toString(), signed.sha256(),
                certificates.fingerprint(), baseUrl + "/.well-known/vern-erasure-key", verifyUrl)
                + stepsText(signed, locale) + backupsText(signed, locale) + "\n\n" + Certificates.text(signed);
    }

    /**
     * What the certificate says about each connected system, in words and in the reader's language: the detail from
     * its code, or an older certificate's English as it was signed.
     */
    private String stepsText(Certificates.Signed signed, Locale locale) {
        List<CertifiedStep> steps = CertifiedStep.of(signed.body());
        if (steps.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\n\n").append(mailer.text("requests.certificate.steps", locale));
        for (CertifiedStep s : steps) {
            String operation = mailer.text("requests.operation." + s.operation(), locale);
            String state = mailer.text("requests.stepState." + s.state(), locale);
            String detail = s.detailIn(labels, locale);
            text.append('\n').append(detail.isBlank()
                    ? mailer.text("requests.certificate.step", locale, s.system(), operation, state)
                    : mailer.text("requests.certificate.stepDetail", locale, s.system(), operation, state, detail));
        }
        return text.toString();
    }

    /** What the signed certificate says about backups, in words: the date, or that none can be given yet. */
    private String backupsText(Certificates.Signed signed, Locale locale) {
        Object by = json.readValue(signed.body(), new TypeReference<Map<String, Object>>() { }).get(BACKUPS);
        if (!(by instanceof String date)) {
            return ""; // certificates issued before backups expired say nothing about them
        }
        if (UNDATED.equals(date)) {
            return "\n\n" + mailer.text("requests.certificate.backupsUndated", locale);
        }
        return "\n\n" + mailer.text("requests.certificate.backups", locale, CaseFile.DATE.format(LocalDate.parse(date)));
    }

    private String describe(List<SystemStep> steps, Locale locale) {
        List<String> parts = new ArrayList<>();
        for (SystemStep s : steps) {
            parts.add(s.system() + " (" + mailer.text("requests.operation." + s.operation().name(), locale) + ": "
                    + mailer.text("requests.stepState." + s.state().name(), locale) + ")");
        }
        return String.join(", ", parts);
    }

    private List<SystemStep> steps(RequestId id) {
        return systems.steps(id).stream().filter(s -> OPERATIONS.contains(s.operation())).toList();
    }

    private void discardAddress(RequestId id, SubjectId mailKey) {
        jdbc.sql("DELETE FROM requests_certificate_pending WHERE case_id = :c").param("c", id.value()).update();
        shredder.shred(mailKey);
    }

    private Optional<Pending> lockPending(RequestId id) {
        return jdbc.sql("""
                SELECT language, mail_key, email_ct, content FROM requests_certificate_pending
                 WHERE case_id = :c FOR UPDATE SKIP LOCKED""").param("c", id.value())
                .query((rs, n) -> new Pending(rs.getString("language"), new SubjectId(rs.getObject("mail_key", UUID.class)),
                        rs.getBytes("email_ct"), rs.getString("content")))
                .optional();
    }

    private record Pending(String language, SubjectId mailKey, byte[] emailCt, String content) {
    }
}
