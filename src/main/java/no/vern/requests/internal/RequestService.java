package no.vern.requests.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.crypto.BlindIndex;
import no.vern.crypto.SubjectCipher;
import no.vern.crypto.SubjectKeyDestroyed;
import no.vern.processing.LegalBasis;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.Purpose;
import no.vern.register.RecordView;
import no.vern.register.Restrictions;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectRestricted;
import no.vern.register.Source;
import no.vern.register.SubjectUpdate;
import no.vern.register.PersonalData;
import no.vern.register.SubjectSummary;
import no.vern.requests.CaseContact;
import no.vern.requests.CaseEvent;
import no.vern.requests.CaseNote;
import no.vern.requests.ConnectedSystems;
import no.vern.requests.ErasureCertificate;
import no.vern.requests.Deadlines;
import no.vern.requests.ExtensionNotAllowed;
import no.vern.requests.FanOut;
import no.vern.requests.NewRequest;
import no.vern.requests.Operation;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestChannel;
import no.vern.requests.RequestClosed;
import no.vern.requests.RequestId;
import no.vern.requests.RequestKind;
import no.vern.requests.RequestStatus;
import no.vern.requests.Requests;
import no.vern.requests.StepsOutstanding;
import no.vern.requests.SystemStep;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.EmailAddresses;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;
import no.vern.shared.VernClock;

/**
 * The case workflow: receipt with the Art. 12(3) deadline, duplicates linked, verification, fan-out to the
 * connected systems, extension, refusal, completion, notes and history. The requester's email address and
 * notes are kept only encrypted under the subject's key (the register subject's, or a key of an id
 * allocated for the case when the person is not in the register).
 */
@Service
class RequestService implements Requests {

    /** The purpose under which the case handles the requester's contact data (GDPR Art. 6(1)(c) with Art. 12). */
    static final String PURPOSE = "data-subject-requests";
    static final String EMAIL_CATEGORY = "request-email";
    static final String DETAILS_CATEGORY = "request-details";
    static final String NOTE_CATEGORY = "request-note";
    static final String BOOKKEEPING_PURPOSE = "customer-administration";
    static final Set<String> BOOKKEEPING_CATEGORIES = Set.of("purchase-history", "bank-information");
    static final int BOOKKEEPING_YEARS = 5;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d.M.yyyy");
    private static final Pattern HANDLER = Pattern.compile("[A-Za-z0-9._-]{1,80}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d.M.yyyy").withZone(VernClock.ZONE);

    private final Cases cases;
    private final SubjectCipher cipher;
    private final BlindIndex blindIndex;
    private final SubjectRegister register;
    private final AuditLog audit;
    private final Mailer mailer;
    private final ObjectProvider<ConnectedSystems> systems;
    private final Clock clock;
    private final Codes codes;
    private final RequestsProperties properties;
    private final String baseUrl;
    private final Restrictions restrictions;
    private final Certificates certificates;
    private final ProcessingRecord record;

    RequestService(Cases cases, SubjectCipher cipher, BlindIndex blindIndex, SubjectRegister register, AuditLog audit,
            Mailer mailer, ObjectProvider<ConnectedSystems> systems, Clock clock, Codes codes,
            RequestsProperties properties, @Value("${vern.base-url}") String baseUrl, Restrictions restrictions,
            ProcessingRecord record, Certificates certificates) {
        this.certificates = certificates;
        this.restrictions = restrictions;
        this.record = record;
        this.codes = codes;
        this.properties = properties;
        this.baseUrl = baseUrl;
        this.cases = cases;
        this.cipher = cipher;
        this.blindIndex = blindIndex;
        this.register = register;
        this.audit = audit;
        this.mailer = mailer;
        this.systems = systems;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Received receive(NewRequest request) {
        if (request.kind() == null) {
            throw new InvalidInput("kind", "is required");
        }
        if (request.channel() == null) {
            throw new InvalidInput("channel", "is required");
        }
        String email = EmailAddresses.normalise(request.email(), "email");
        Instant now = clock.instant();
        Instant receivedAt = request.receivedAt() == null ? now : request.receivedAt();
        if (receivedAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw new InvalidInput("receivedAt", "is in the future");
        }
        String details = request.details() == null ? null : request.details().strip();
        if (details != null && details.length() > 8000) {
            throw new InvalidInput("details", "must be at most 8000 characters");
        }
        String language = "en".equals(request.locale().getLanguage()) ? "en" : "nb";
        List<byte[]> indexes = blindIndex.candidates("email", email);
        var open = cases.openMatch(indexes, request.kind());
        if (open.isPresent()) {
            RequestCase existing = open.get();
            cases.event(existing.id(), now, actor().reference(), "duplicate-linked",
                    "channel " + request.channel().name().toLowerCase(Locale.ROOT));
            audit.record(AuditEvent.by(actor(), "requests.case.duplicate", Outcome.SUCCESS)
                    .withTargets(existing.id().reference(), existing.subject().reference()));
            return new Received(existing, true);
        }
        List<SubjectSummary> onFile = Actors.runAs(actor(), () -> register.findByEmail(email));
        boolean inRegister = !onFile.isEmpty();
        SubjectId subject = inRegister ? onFile.get(0).id() : SubjectId.random();
        RequestId id = RequestId.random();
        RequestCase c = new RequestCase(id, request.kind(), request.channel(), RequestStatus.RECEIVED, subject,
                inRegister, language, receivedAt, Deadlines.due(receivedAt), null, null, null, null, null, null, 0);
        byte[] emailCt = cipher.encryptText(subject, EMAIL_CATEGORY, id.value(), email);
        byte[] detailsCt = details == null || details.isEmpty() ? null
                : cipher.encryptText(subject, DETAILS_CATEGORY, id.value(), details);
        cases.insert(c, emailCt, blindIndex.email(email), detailsCt, now);
        cases.event(id, now, actor().reference(), "received", "channel " + request.channel().name().toLowerCase(Locale.ROOT)
                + (inRegister ? ", on file" : ", not on file"));
        audit.record(AuditEvent.by(actor(), "requests.case.receive", Outcome.SUCCESS).withPurpose(PURPOSE)
                .withTargets(id.reference(), subject.reference()));
        if (request.channel() != RequestChannel.WEB_FORM) {
            // The person wrote from this address themselves (mailbox, letter registered by staff): acknowledge.
            mailer.send(id, email, Locale.forLanguageTag(language), "received", kindText(c.kind(), language),
                    DATE.format(c.dueAt()));
        }
        return new Received(c, false);
    }

    @Override
    @Transactional(readOnly = true)
    public RequestCase get(RequestId id) {
        return cases.find(id).orElseThrow(() -> new NotFound("Request", id));
    }

    @Override
    @Transactional(readOnly = true)
    public List<RequestCase> list(@Nullable RequestStatus status, @Nullable Instant dueBefore) {
        return cases.list(status, dueBefore);
    }

    @Override
    @Transactional
    public CaseContact contact(RequestId id) {
        RequestCase c = get(id);
        CaseContact contact = new CaseContact(decryptOr(c.subject(), EMAIL_CATEGORY, c.id().value(),
                cases.emailCiphertext(id)), details(c));
        audit.record(AuditEvent.by(actor(), "requests.contact.read", Outcome.SUCCESS).withPurpose(PURPOSE)
                .withTargets(id.reference(), c.subject().reference()));
        return contact;
    }

    @Override
    @Transactional
    public RequestCase assign(RequestId id, String handler) {
        RequestCase c = open(id);
        if (handler == null || !HANDLER.matcher(handler.strip()).matches()) {
            throw new InvalidInput("assignee", "is not a username");
        }
        cases.assign(id, handler.strip());
        changed(c, "assigned", handler.strip(), "requests.case.assign");
        return get(id);
    }

    @Override
    @Transactional
    public RequestCase verify(RequestId id, String how) {
        RequestCase c = open(id);
        if (how == null || how.isBlank() || how.length() > 80) {
            throw new InvalidInput("how", "must say how the identity was verified (at most 80 characters)");
        }
        return verified(c, how.strip());
    }

    /** The person's identity is verified (by code or by a handler): the work starts, with the systems' steps. */
    RequestCase verified(RequestCase c, String how) {
        Instant now = clock.instant();
        cases.verified(c.id(), how, now);
        changed(c, "verified", how, "requests.case.verify");
        RequestStatus next = RequestStatus.IN_PROGRESS;
        Operation operation = switch (c.kind()) {
            case ACCESS, PORTABILITY -> Operation.ACCESS;
            default -> null;
        };
        if (operation != null && startSystems(c, operation)) {
            next = RequestStatus.WAITING_FOR_SYSTEMS;
        }
        if (c.status() != RequestStatus.EXTENDED) {
            cases.status(c.id(), next, now);
            cases.event(c.id(), now, actor().reference(), "status", next.name().toLowerCase(Locale.ROOT));
        }
        return get(c.id());
    }

    /** Starts an operation in the connected systems; true if any step is not settled yet. */
    boolean startSystems(RequestCase c, Operation operation) {
        return startSystems(c, operation, null);
    }

    private boolean startSystems(RequestCase c, Operation operation, @Nullable String knownEmail) {
        ConnectedSystems connected = systems.getIfAvailable();
        if (connected == null) {
            return false;
        }
        String email = knownEmail != null ? knownEmail : email(c);
        List<SystemStep> steps = connected.start(new FanOut(c.id().value(), operation,
                c.inRegister() ? c.subject() : null, Set.of(email), Set.of(), Set.of()));
        cases.event(c.id(), clock.instant(), actor().reference(), "systems-started",
                operation.name().toLowerCase(Locale.ROOT) + ", " + steps.size() + " step(s)");
        return steps.stream().anyMatch(s -> !s.state().settled());
    }

    @Override
    @Transactional
    public RequestCase extend(RequestId id, int months, String reasons) {
        RequestCase c = open(id);
        String why = required("reasons", reasons, 4000);
        Instant now = clock.instant();
        // GDPR Art. 12(3): the person must be told of an extension, with reasons, within one month of receipt.
        if (!Deadlines.mayExtendAt(c.receivedAt(), now)) {
            throw new ExtensionNotAllowed("Request " + id + " can no longer be extended: the first month after receipt has passed.");
        }
        if (months < 1 || months > Deadlines.MAX_EXTENSION_MONTHS) {
            throw new InvalidInput("months", "must be 1 or 2 (at most two further months)");
        }
        Instant due = Deadlines.extendedDue(c.receivedAt(), months);
        if (!due.isAfter(c.dueAt())) {
            throw new ExtensionNotAllowed("Request " + id + " is already extended to that date or later.");
        }
        cases.extended(id, due, now);
        note(c, "Extension reasons: " + why, now);
        changed(c, "extended", months + " month(s), due " + due, "requests.case.extend");
        Locale locale = Locale.forLanguageTag(c.language());
        mailer.send(id, email(c), locale, "extended", kindText(c.kind(), c.language()), DATE.format(due), why);
        return get(id);
    }

    @Override
    @Transactional
    public RequestCase refuse(RequestId id, String reasons) {
        RequestCase c = open(id);
        String why = required("reasons", reasons, 4000);
        Instant now = clock.instant();
        cases.status(id, RequestStatus.REFUSED, now);
        note(c, "Refusal reasons: " + why, now);
        changed(c, "refused", null, "requests.case.refuse");
        // GDPR Art. 12(4): reasons, and the right to complain to Datatilsynet and to go to court.
        mailer.send(id, email(c), Locale.forLanguageTag(c.language()), "refused", kindText(c.kind(), c.language()), why);
        return get(id);
    }

    @Override
    @Transactional
    public RequestCase complete(RequestId id, @Nullable String answer) {
        RequestCase c = open(id);
        if (answer != null && answer.length() > 8000) {
            throw new InvalidInput("answer", "must be at most 8000 characters");
        }
        long unsettled = steps(id).stream().filter(s -> !s.state().settled()).count();
        if (unsettled > 0) {
            throw new StepsOutstanding(id, (int) unsettled);
        }
        Instant now = clock.instant();
        String text = answer == null || answer.isBlank() ? "" : answer.strip();
        // Read the address first: an erasure shreds the key it is encrypted under.
        String email = email(c);
        Locale locale = Locale.forLanguageTag(c.language());
        String outcome = switch (c.kind()) {
            case ERASURE -> erase(c, locale, email);
            case RESTRICTION -> restrict(c, locale);
            default -> "";
        };
        cases.status(id, RequestStatus.COMPLETED, now);
        if (!text.isEmpty()) {
            note(c, "Answer: " + text, now);
        }
        changed(c, "completed", null, "requests.case.complete");
        String message = outcome.isEmpty() ? text : outcome + (text.isEmpty() ? "" : "\n\n" + text);
        if (c.kind() == RequestKind.ACCESS || c.kind() == RequestKind.PORTABILITY) {
            // Delivered behind the same verification, for a few days; never as an attachment (S24).
            Instant expires = now.plus(Duration.ofDays(properties.downloadDays()));
            codes.deliver(id, now, expires);
            mailer.send(id, email, locale, "access-ready", kindText(c.kind(), c.language()), statusUrl(c),
                    DATE.format(expires), message);
        } else {
            mailer.send(id, email, locale, "completed", kindText(c.kind(), c.language()), message);
        }
        return get(id);
    }

    @Override
    @Transactional
    public RequestCase rectify(RequestId id, String purposeKey, PersonalData corrections) {
        RequestCase c = open(id);
        if (c.kind() != RequestKind.RECTIFICATION) {
            throw new InvalidInput("kind", "only a rectification request can correct data");
        }
        if (!c.inRegister() || register.isErased(c.subject())) {
            throw new InvalidInput("subject", "the person is not in the register; refuse the request with reasons instead");
        }
        record.requirePurpose(purposeKey);
        if (corrections.givenCategories().isEmpty()) {
            throw new InvalidInput("corrections", "give at least one corrected value");
        }
        // GDPR Art. 16: the corrected values replace the old ones; the register keeps who changed which
        // category when (never the values), and the case history names the categories.
        Actors.runAs(actor(), () -> {
            long version = register.summary(c.subject()).version();
            return register.update(c.subject(), version,
                    new SubjectUpdate(purposeKey, Source.SUBJECT, null, null, corrections));
        });
        String categories = String.join(", ", corrections.givenCategories().keySet());
        cases.event(c.id(), clock.instant(), actor().reference(), "rectified", categories);
        Locale locale = Locale.forLanguageTag(c.language());
        return complete(id, mailer.text("requests.rectification.done", locale, categories)
                + recipientsInformed(c, java.util.Set.of(purposeKey), locale));
    }

    @Override
    @Transactional
    public CaseNote addNote(RequestId id, String text) {
        RequestCase c = get(id);
        String body = required("text", text, 8000);
        Instant now = clock.instant();
        UUID noteId = note(c, body, now);
        changed(c, "note", null, "requests.case.note");
        return new CaseNote(noteId, actor().reference(), now, body);
    }

    @Override
    @Transactional
    public List<CaseNote> notes(RequestId id) {
        RequestCase c = get(id);
        List<CaseNote> notes = cases.notes(id).stream().map(n -> new CaseNote(n.id(), n.author(), n.at(),
                decryptOr(c.subject(), NOTE_CATEGORY, n.id(), n.body()))).toList();
        audit.record(AuditEvent.by(actor(), "requests.notes.read", Outcome.SUCCESS).withPurpose(PURPOSE)
                .withTargets(id.reference(), c.subject().reference()));
        return notes;
    }

    @Override
    @Transactional(readOnly = true)
    public List<CaseEvent> history(RequestId id) {
        get(id);
        return cases.history(id);
    }

    @Override
    public List<SystemStep> steps(RequestId id) {
        ConnectedSystems connected = systems.getIfAvailable();
        return connected == null ? List.of() : connected.steps(id.value());
    }

    @Override
    @Transactional
    public SystemStep waive(RequestId id, UUID stepId, String reason) {
        RequestCase c = open(id);
        String why = required("reason", reason, 2000);
        ConnectedSystems connected = systems.getIfAvailable();
        if (connected == null) {
            throw new NotFound("Step", stepId);
        }
        SystemStep step = connected.waive(id.value(), stepId, why);
        changed(c, "step-waived", step.system() + ": " + why, "requests.step.waive");
        return step;
    }

    @Override
    @Transactional
    public SystemStep retry(RequestId id, UUID stepId) {
        RequestCase c = open(id);
        ConnectedSystems connected = systems.getIfAvailable();
        if (connected == null) {
            throw new NotFound("Step", stepId);
        }
        SystemStep step = connected.retry(id.value(), stepId);
        changed(c, "step-retried", step.system(), "requests.step.retry");
        return step;
    }

    /**
     * GDPR Art. 17: crypto-shreds the subject unless a legal duty holds (Art. 17(3)(b), e.g. bookkeeping:
     * invoices and their basis 5 years after the end of the accounting year); then the data is restricted
     * with the reason and the release date instead. Returns the explanation for the person.
     */
    private String erase(RequestCase c, Locale locale, String email) {
        if (!c.inRegister() || register.isErased(c.subject())) {
            return mailer.text("requests.erasure.nothingHeld", locale);
        }
        List<String> duties = new java.util.ArrayList<>();
        List<Map<String, Object>> kept = new java.util.ArrayList<>();
        java.util.Set<String> categories = new java.util.TreeSet<>();
        java.util.Set<String> heldPurposes = new java.util.LinkedHashSet<>();
        for (Purpose p : record.current().document().purposes()) {
            List<RecordView> held;
            try {
                held = Actors.runAs(actor(), () -> register.read(c.subject(), p.key())).records();
            } catch (SubjectRestricted e) {
                return mailer.text("requests.erasure.alreadyRestricted", locale);
            }
            if (held.isEmpty()) {
                continue;
            }
            held.forEach(r -> categories.add(r.category()));
            heldPurposes.add(p.key());
            boolean bookkeeping = BOOKKEEPING_PURPOSE.equals(p.key()) && held.stream()
                    .anyMatch(r -> BOOKKEEPING_CATEGORIES.contains(r.category()));
            if (p.legalBasis() == LegalBasis.LEGAL_OBLIGATION || bookkeeping) {
                duties.add(p.name().in(locale));
                kept.add(Map.of("purpose", p.key(), "categories", held.stream().map(RecordView::category).distinct().toList(),
                        "duty", "bookkeeping (Bokføringsloven § 13): 5 years after the end of the accounting year; GDPR Art. 17(3)(b)"));
            }
        }
        if (!duties.isEmpty()) {
            int year = clock.instant().atZone(VernClock.ZONE).getYear();
            java.time.LocalDate release = java.time.LocalDate.of(year + BOOKKEEPING_YEARS, 12, 31);
            restrictions.restrict(c.subject(), "Erasure request " + c.id()
                    + ": kept under a legal duty (bookkeeping, 5 years after the accounting year; GDPR Art. 17(3)(b))", release);
            cases.event(c.id(), clock.instant(), actor().reference(), "restricted-instead-of-erased", "release " + release);
            List<Map<String, Object>> keptWithDate = kept.stream().<Map<String, Object>>map(k -> {
                Map<String, Object> m = new java.util.LinkedHashMap<>(k);
                m.put("releaseOn", release.toString());
                return m;
            }).toList();
            return mailer.text("requests.erasure.kept", locale, String.join(", ", duties), DAY.format(release))
                    + recipientsInformed(c, heldPurposes, locale) + certificate(c, List.of(), keptWithDate, locale, email);
        }
        Actors.runAs(actor(), () -> register.erase(c.subject()));
        cases.event(c.id(), clock.instant(), actor().reference(), "erased", null);
        return mailer.text("requests.erasure.done", locale) + recipientsInformed(c, heldPurposes, locale)
                + certificate(c, List.copyOf(categories), List.of(), locale, email);
    }

    /**
     * Verifiable erasure: re-runs the search (the register answers erased or restricted; the connected systems
     * get an erasure and a verification fan-out) and issues a signed certificate; returns the text for the mail.
     */
    private String certificate(RequestCase c, List<String> erased, List<Map<String, Object>> kept, Locale locale,
            String email) {
        startSystems(c, Operation.ERASE, email);
        startSystems(c, Operation.VERIFY_ERASED, email);
        String registerCheck = register.isErased(c.subject()) ? "erased: the data key is destroyed, no record is readable"
                : restrictions.isRestricted(c.subject()) ? "restricted: stored only until the release date" : "present";
        List<Map<String, Object>> systemsCheck = steps(c.id()).stream()
                .<Map<String, Object>>map(s -> Map.of("system", s.system(), "operation", s.operation().name(),
                        "state", s.state().name()))
                .toList();
        Map<String, Object> content = new java.util.LinkedHashMap<>();
        content.put("subject", c.subject().reference());
        content.put("receivedAt", c.receivedAt().toString());
        content.put("erasedCategories", erased);
        content.put("method", "crypto-shredding (per-subject AES-256-GCM data key destroyed, recorded in the shred ledger)");
        content.put("kept", kept);
        content.put("verification", Map.of("register", registerCheck, "systems", systemsCheck));
        Certificates.Signed signed = certificates.issue(c.id(), content);
        cases.event(c.id(), clock.instant(), actor().reference(), "certificate-issued", "sha256 " + signed.sha256());
        return "\n\n" + mailer.text("requests.certificate.mail", locale, signed.id().toString(), signed.sha256())
                + "\n\n" + signed.body() + "\n\nSignature (Ed25519): " + signed.signature();
    }

    @Override
    @Transactional(readOnly = true)
    public List<ErasureCertificate> certificates(RequestId id) {
        get(id);
        return certificates.of(id).stream()
                .map(s -> new ErasureCertificate(s.id(), s.body(), s.signature(), s.sha256())).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean verifyCertificate(String body, String signature) {
        if (body == null || signature == null || !certificates.verify(body, signature)) {
            return false;
        }
        return certificates.recorded(Certificates.sha256(body));
    }

    /** GDPR Art. 18: restricts the subject's processing (storage only). */
    private String restrict(RequestCase c, Locale locale) {
        if (!c.inRegister() || register.isErased(c.subject())) {
            return mailer.text("requests.erasure.nothingHeld", locale);
        }
        restrictions.restrict(c.subject(), "Restriction request " + c.id() + " (GDPR Art. 18)", null);
        cases.event(c.id(), clock.instant(), actor().reference(), "restricted", null);
        return mailer.text("requests.restriction.done", locale);
    }

    /**
     * GDPR Art. 19: the recipients (from the record of processing) of the purposes the person's data was held
     * for are told of the erasure, rectification or restriction (the connected systems through their steps,
     * the others by the case handler, recorded in the history), and the person is told who they are.
     */
    private String recipientsInformed(RequestCase c, java.util.Set<String> purposeKeys, Locale locale) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (no.vern.processing.Activity activity : record.current().document().activities()) {
            if (activity.purposes().stream().anyMatch(p -> purposeKeys.contains(p.key()))) {
                activity.recipients().forEach(r -> names.add(r.name().in(locale)));
            }
        }
        if (names.isEmpty()) {
            return "";
        }
        cases.event(c.id(), clock.instant(), actor().reference(), "recipients-informed", String.join("; ", names));
        return "\n\n" + mailer.text("requests.recipients.informed", locale, String.join(", ", names));
    }

    /** The case's email address, decrypted for sending (the caller audits the use). */
    String email(RequestCase c) {
        byte[] ct = cases.emailCiphertext(c.id());
        if (ct == null) {
            throw new SubjectKeyDestroyed(c.subject());
        }
        return cipher.decryptText(c.subject(), EMAIL_CATEGORY, c.id().value(), ct);
    }

    /** The person's own words, decrypted, or empty. */
    String details(RequestCase c) {
        byte[] ct = cases.detailsCiphertext(c.id());
        return ct == null ? "" : decryptOr(c.subject(), DETAILS_CATEGORY, c.id().value(), ct);
    }

    /** The public status page of a case in the person's language. */
    String statusUrl(RequestCase c) {
        return baseUrl + ("en".equals(c.language()) ? "/privacy/rights/case/" : "/personvern/rettigheter/sak/") + c.id();
    }

    /** The localised name of a kind for messages. */
    String kindText(RequestKind kind, String language) {
        return mailer.text("requests.kind." + kind.name(), Locale.forLanguageTag(language));
    }

    private UUID note(RequestCase c, String text, Instant now) {
        UUID noteId = UUID.randomUUID();
        cases.note(noteId, c.id(), actor().reference(), cipher.encryptText(c.subject(), NOTE_CATEGORY, noteId, text), now);
        return noteId;
    }

    private String decryptOr(SubjectId subject, String category, UUID recordId, byte @Nullable [] ct) {
        if (ct == null) {
            return "[erased]"; // deleted after the case's retention period
        }
        try {
            return cipher.decryptText(subject, category, recordId, ct);
        } catch (SubjectKeyDestroyed e) {
            return "[erased]";
        }
    }

    private RequestCase open(RequestId id) {
        RequestCase c = cases.lock(id).orElseThrow(() -> new NotFound("Request", id));
        if (c.closed()) {
            throw new RequestClosed(id);
        }
        return c;
    }

    private void changed(RequestCase c, String action, @Nullable String detail, String auditAction) {
        cases.event(c.id(), clock.instant(), actor().reference(), action, detail);
        audit.record(AuditEvent.by(actor(), auditAction, Outcome.SUCCESS).withPurpose(PURPOSE)
                .withTargets(c.id().reference(), c.subject().reference()));
    }

    private static String required(String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, "is required");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidInput(field, "must be at most " + max + " characters");
        }
        return v;
    }

    static Actor actor() {
        Actor a = Actors.current();
        return a.kind() == Actor.Kind.ANONYMOUS ? new Actor(Actor.Kind.SUBJECT, "requester") : a;
    }
}
