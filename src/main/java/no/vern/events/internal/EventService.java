package no.vern.events.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.consent.ConsentReceipt;
import no.vern.consent.ConsentWithdrawn;
import no.vern.consent.GiveConsent;
import no.vern.consent.StaleNotice;
import no.vern.crypto.BlindIndex;
import no.vern.events.AlreadySignedUp;
import no.vern.events.Event;
import no.vern.events.EventRegistry;
import no.vern.events.NewEvent;
import no.vern.events.Participant;
import no.vern.events.RegistrationStatus;
import no.vern.events.SignUp;
import no.vern.events.SignUpClosed;
import no.vern.events.SignUpResult;
import no.vern.processing.NoticeText;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.SubjectKind;
import no.vern.register.Categories;
import no.vern.register.NewSubject;
import no.vern.register.OrganisationInput;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectGone;
import no.vern.register.SubjectRecords;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectUpdate;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.Conflict;
import no.vern.shared.CsvWriter;
import no.vern.shared.EmailAddresses;
import no.vern.shared.InvalidInput;
import no.vern.shared.InvalidInput.FieldError;
import no.vern.shared.NotFound;
import no.vern.shared.PhoneNumbers;
import no.vern.shared.SubjectId;

/**
 * Events and sign-ups. A sign-up records consent first (S4, S5; GDPR Art. 7(1) with the notice shown),
 * then stores the person through the register, then gives a seat under a row lock on the event, so
 * seats are never oversold and the waiting list keeps sign-up order.
 */
@Service
class EventService implements EventRegistry {

    static final String PURPOSE = "events";
    static final String CRM_PURPOSE = "prospect-dialogue";
    static final String NEWSLETTER_PURPOSE = "newsletter";
    static final Actor PURGE_ACTOR = Actor.system("events-purge");
    static final Actor SIGNUP_ACTOR = Actor.system("events-signup");
    static final Actor WAITING_LIST_ACTOR = Actor.system("events-waiting-list");
    private static final Logger log = LoggerFactory.getLogger(EventService.class);
    private static final Locale NORWEGIAN = Locale.forLanguageTag("nb");

    private final Events events;
    private final ConsentLedger ledger;
    private final SubjectRegister register;
    private final ProcessingRecord record;
    private final BlindIndex blindIndex;
    private final CancelLinks links;
    private final EventMailer mailer;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String baseUrl;
    private final Duration deleteAfter;

    EventService(Events events, ConsentLedger ledger, SubjectRegister register, ProcessingRecord record,
            BlindIndex blindIndex, CancelLinks links, EventMailer mailer, AuditLog audit, TransactionTemplate tx,
            Clock clock, @Value("${vern.base-url}") String baseUrl,
            @Value("${vern.events.delete-after-days:30}") int deleteAfterDays) {
        this.events = events;
        this.ledger = ledger;
        this.register = register;
        this.record = record;
        this.blindIndex = blindIndex;
        this.links = links;
        this.mailer = mailer;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (deleteAfterDays < 0) {
            throw new IllegalStateException("vern.events.delete-after-days must not be negative");
        }
        this.deleteAfter = Duration.ofDays(deleteAfterDays);
    }

    // ---------------------------------------------------------------- events

    @Override
    public Event create(NewEvent e) {
        List<FieldError> errors = new ArrayList<>();
        String title = e.title() == null ? "" : e.title().strip();
        String place = e.place() == null ? "" : e.place().strip();
        Instant now = clock.instant();
        if (title.isEmpty() || title.length() > 200) {
            errors.add(new FieldError("title", "must be 1 to 200 characters"));
        }
        if (place.isEmpty() || place.length() > 200) {
            errors.add(new FieldError("place", "must be 1 to 200 characters"));
        }
        if (e.capacity() < 1 || e.capacity() > 100000) {
            errors.add(new FieldError("capacity", "must be between 1 and 100000"));
        }
        if (!e.startsAt().isAfter(now)) {
            errors.add(new FieldError("startsAt", "must be in the future"));
        }
        if (e.signupDeadline().isAfter(e.startsAt())) {
            errors.add(new FieldError("signupDeadline", "must not be after the start"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        UUID id = UUID.randomUUID();
        Actor actor = Actors.current();
        tx.executeWithoutResult(s -> {
            events.insertEvent(id, title, e.startsAt(), place, e.capacity(), e.signupDeadline(), e.askPhone(),
                    e.askCompany(), now, actor.reference());
            audit.record(AuditEvent.by(actor, "events.event.create", Outcome.SUCCESS).withTargets("event:" + id));
        });
        return get(id);
    }

    @Override
    public List<Event> list() {
        return events.events();
    }

    @Override
    public Event get(UUID id) {
        return events.event(id).orElseThrow(() -> new NotFound("Event", id));
    }

    // ---------------------------------------------------------------- sign-up

    @Override
    public SignUpResult signUp(UUID eventId, SignUp form) {
        Event event = get(eventId);
        Instant now = clock.instant();
        if (!event.open(now)) {
            throw new SignUpClosed(eventId);
        }
        Locale language = "en".equals(form.language().getLanguage()) ? Locale.ENGLISH : NORWEGIAN;
        String name = form.name() == null ? "" : form.name().strip();
        String email = EmailAddresses.tryNormalise(form.email()).orElse("");
        boolean phoneGiven = event.askPhone() && form.phone() != null && !form.phone().isBlank();
        String phone = phoneGiven ? PhoneNumbers.tryNormalise(form.phone()).orElse(null) : null;
        String company = event.askCompany() && form.company() != null && !form.company().isBlank()
                ? form.company().strip() : null;
        List<FieldError> errors = new ArrayList<>();
        if (name.isEmpty() || name.length() > 200) {
            errors.add(new FieldError("name", "must be 1 to 200 characters"));
        }
        if (email.isEmpty()) {
            errors.add(new FieldError("email", "is not an email address"));
        }
        if (phoneGiven && phone == null) {
            errors.add(new FieldError("phone", "is not a phone number"));
        }
        if (company != null && company.length() > 200) {
            errors.add(new FieldError("company", "must be at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        byte[] index = blindIndex.of("events-signup", eventId + ":" + email);
        if (events.activeWithIndex(eventId, index)) {
            throw new AlreadySignedUp(eventId);
        }
        NoticeText newsletterNotice = null;
        if (form.newsletter()) {
            newsletterNotice = record.notice(NEWSLETTER_PURPOSE, language);
            if (form.newsletterNoticeHash() != null
                    && !form.newsletterNoticeHash().equalsIgnoreCase(newsletterNotice.sha256())) {
                throw new StaleNotice(NEWSLETTER_PURPOSE, newsletterNotice.version(), newsletterNotice.sha256());
            }
        }
        if (form.crmConsent()) {
            NoticeText crm = record.notice(CRM_PURPOSE, language);
            if (form.crmNoticeHash() != null && !form.crmNoticeHash().equalsIgnoreCase(crm.sha256())) {
                throw new StaleNotice(CRM_PURPOSE, crm.version(), crm.sha256());
            }
        }
        // S4, S5, GDPR Art. 7(1): consent to the event, on the notice shown, before anything is stored.
        ConsentReceipt receipt = ledger.give(new GiveConsent(null, PURPOSE, Channel.EVENT_SIGNUP, language, null,
                form.noticeHash(), null, email));
        SubjectId subject = receipt.subject();
        try {
            if (form.crmConsent()) {
                ledger.give(new GiveConsent(subject, CRM_PURPOSE, Channel.EVENT_SIGNUP, language, null,
                        form.crmNoticeHash(), null, email));
            }
            Set<SubjectKind> kinds = form.crmConsent() ? EnumSet.of(SubjectKind.EVENT_PARTICIPANT, SubjectKind.PROSPECT)
                    : EnumSet.of(SubjectKind.EVENT_PARTICIPANT);
            OrganisationInput org = company == null ? null : new OrganisationInput(company, null, null);
            PersonalData data = PersonalData.contact(name, email, phone);
            Actors.runAs(SIGNUP_ACTOR, () -> {
                register.register(new NewSubject(subject, kinds, PURPOSE, Source.EVENT_FORM, org, data));
                if (form.crmConsent()) {
                    long version = register.summary(subject).version();
                    register.update(subject, version, new SubjectUpdate(CRM_PURPOSE, Source.EVENT_FORM, null, null, data));
                }
                return null;
            });
        } catch (RuntimeException e) {
            // Nothing was kept: the consents given a moment ago end with the reason recorded.
            undoConsents(subject, form.crmConsent());
            throw e;
        }
        UUID registrationId = UUID.randomUUID();
        Integer nlVersion = newsletterNotice == null ? null : newsletterNotice.version();
        String nlHash = newsletterNotice == null ? null : newsletterNotice.sha256();
        Actor person = new Actor(Actor.Kind.SUBJECT, subject.toString());
        RegistrationStatus status;
        try {
            status = tx.execute(s -> {
                events.lockEvent(eventId);
                if (events.activeWithIndex(eventId, index)) {
                    throw new AlreadySignedUp(eventId);
                }
                RegistrationStatus st = events.confirmedCount(eventId) < event.capacity() ? RegistrationStatus.CONFIRMED
                        : RegistrationStatus.WAITING;
                events.insertRegistration(new Events.NewRegistration(registrationId, eventId, subject, index, st,
                        language.getLanguage(), form.crmConsent(), form.newsletter(), nlVersion, nlHash,
                        receipt.receiptId(), now));
                audit.record(AuditEvent.by(person, "events.registration.create", Outcome.SUCCESS).withPurpose(PURPOSE)
                        .withTargets(subject.reference(), "event:" + eventId, "registration:" + registrationId));
                return st;
            });
        } catch (AlreadySignedUp e) {
            undoConsents(subject, form.crmConsent());
            Actors.runAs(SIGNUP_ACTOR, () -> register.erase(subject));
            throw e;
        }
        String cancelUrl = cancelUrl(registrationId, language);
        mailer.confirmation(registrationId, email, get(eventId), status == RegistrationStatus.CONFIRMED, cancelUrl,
                language);
        return new SignUpResult(registrationId, subject, status, cancelUrl);
    }

    private void undoConsents(SubjectId subject, boolean crm) {
        withdrawQuietly(subject, PURPOSE, "event sign-up not completed");
        if (crm) {
            withdrawQuietly(subject, CRM_PURPOSE, "event sign-up not completed");
        }
    }

    private void withdrawQuietly(SubjectId subject, String purpose, String reason) {
        try {
            ledger.withdraw(subject, purpose, Channel.EVENT_SIGNUP, reason);
        } catch (NotFound e) {
            // nothing was recorded for this purpose
        }
    }

    String cancelUrl(UUID registrationId, Locale language) {
        return baseUrl + "/arrangementer/avmelding/" + links.sign(registrationId)
                + ("en".equals(language.getLanguage()) ? "?lang=en" : "");
    }

    @Override
    public Optional<UUID> registrationOfToken(String token) {
        return links.verify(token);
    }

    @Override
    public RegistrationView registration(UUID registrationId) {
        Events.Registration r = events.registration(registrationId)
                .orElseThrow(() -> new NotFound("Registration", registrationId));
        return new RegistrationView(r.id(), get(r.eventId()), r.status());
    }

    // ---------------------------------------------------------------- cancel and waiting list

    @Override
    public void cancel(UUID registrationId) {
        Instant now = clock.instant();
        Events.Registration[] promoted = new Events.Registration[1];
        Events.Registration cancelled = tx.execute(s -> {
            Events.Registration r = events.registration(registrationId)
                    .orElseThrow(() -> new NotFound("Registration", registrationId));
            events.lockEvent(r.eventId());
            r = events.lockRegistration(registrationId).orElseThrow();
            if (r.status() == RegistrationStatus.CANCELLED) {
                return null;
            }
            events.setStatus(r.id(), RegistrationStatus.CANCELLED, now);
            if (r.status() == RegistrationStatus.CONFIRMED) {
                Optional<Events.Registration> next = events.firstWaiting(r.eventId());
                if (next.isPresent()) {
                    events.setStatus(next.get().id(), RegistrationStatus.CONFIRMED, null);
                    promoted[0] = next.get();
                    audit.record(AuditEvent.by(WAITING_LIST_ACTOR, "events.registration.promote",
                            Outcome.SUCCESS).withPurpose(PURPOSE).withTargets(next.get().subject().reference(),
                                    "event:" + r.eventId(), "registration:" + next.get().id()));
                }
            }
            audit.record(AuditEvent.by(new Actor(Actor.Kind.SUBJECT, r.subject().toString()),
                    "events.registration.cancel", Outcome.SUCCESS).withPurpose(PURPOSE)
                    .withTargets(r.subject().reference(), "event:" + r.eventId(), "registration:" + r.id()));
            return r;
        });
        if (cancelled == null) {
            return;
        }
        // The sign-up was the purpose: its consent ends with it, and the register erases the event data.
        try {
            ledger.withdraw(cancelled.subject(), PURPOSE, Channel.WITHDRAWAL_LINK, "event sign-up cancelled");
        } catch (NotFound e) {
            // no consent recorded
        }
        Events.Registration next = promoted[0];
        if (next != null) {
            Locale language = "en".equals(next.language()) ? Locale.ENGLISH : NORWEGIAN;
            emailOf(next.subject()).ifPresent(email -> mailer.promoted(next.id(), email, get(next.eventId()),
                    cancelUrl(next.id(), language), language));
        }
    }

    /** A withdrawal of the event consent (e.g. from the receipt's link) cancels the person's sign-ups. */
    @ApplicationModuleListener
    void on(ConsentWithdrawn withdrawn) {
        if (!PURPOSE.equals(withdrawn.purposeKey())) {
            return;
        }
        for (Events.Registration r : events.activeOfSubject(withdrawn.subject())) {
            cancel(r.id());
        }
    }

    private Optional<String> emailOf(SubjectId subject) {
        return Actors.runAs(WAITING_LIST_ACTOR, () -> {
            try {
                return register.read(subject, PURPOSE).value(Categories.EMAIL);
            } catch (NotFound | SubjectGone e) {
                return Optional.<String>empty();
            }
        });
    }

    // ---------------------------------------------------------------- staff

    @Override
    public void checkIn(UUID eventId, UUID registrationId) {
        tx.executeWithoutResult(s -> {
            Events.Registration r = events.lockRegistration(registrationId)
                    .filter(x -> x.eventId().equals(eventId))
                    .orElseThrow(() -> new NotFound("Registration", registrationId));
            if (r.status() != RegistrationStatus.CONFIRMED) {
                throw new Conflict("not-confirmed", "Not confirmed",
                        "Registration " + registrationId + " has no seat and cannot be checked in.");
            }
            events.checkIn(registrationId, clock.instant());
            audit.record(AuditEvent.of("events.participant.check-in", Outcome.SUCCESS).withPurpose(PURPOSE)
                    .withTargets(r.subject().reference(), "event:" + eventId, "registration:" + registrationId));
        });
    }

    @Override
    public List<Participant> participants(UUID eventId) {
        get(eventId);
        List<Participant> list = new ArrayList<>();
        for (Events.Registration r : events.registrations(eventId)) {
            if (r.status() == RegistrationStatus.CANCELLED) {
                continue;
            }
            String name = null;
            String email = null;
            String phone = null;
            String company = null;
            if (r.purgedAt() == null) {
                try {
                    SubjectRecords records = register.read(r.subject(), PURPOSE); // audited per person by the register
                    name = records.value(Categories.NAME).orElse(null);
                    email = records.value(Categories.EMAIL).orElse(null);
                    phone = records.value(Categories.PHONE).orElse(null);
                    company = records.subject().organisation() == null ? null
                            : records.subject().organisation().name();
                } catch (NotFound | SubjectGone e) {
                    // erased: the row shows the id only
                }
            }
            list.add(new Participant(r.id(), r.subject(), r.status(), name, email, phone, company, r.crmConsent(),
                    r.newsletter(), r.registeredAt(), r.checkedInAt()));
        }
        audit.record(AuditEvent.of("events.participants.read", Outcome.SUCCESS).withPurpose(PURPOSE)
                .withTargets("event:" + eventId));
        return list;
    }

    @Override
    public String participantsCsv(UUID eventId) {
        List<Participant> participants = participants(eventId);
        StringBuilder csv = new StringBuilder("name,email,phone,company,status,checked_in_at\r\n");
        List<String> targets = new ArrayList<>();
        targets.add("event:" + eventId);
        for (Participant p : participants) {
            csv.append(CsvWriter.line(p.name(), p.email(), p.phone(), p.company(), p.status().name(), p.checkedInAt()));
            targets.add(p.subject().reference());
        }
        audit.record(AuditEvent.of("events.participants.export", Outcome.SUCCESS).withPurpose(PURPOSE)
                .withTargets(targets.toArray(String[]::new)));
        return csv.toString();
    }

    // ---------------------------------------------------------------- purge after the event

    /**
     * Erases what was kept only for events that ended more than {@code vern.events.delete-after-days}
     * ago (GDPR Art. 5(1)(e); S5): participants without CRM consent are erased (crypto-shredding),
     * those with it lose only the event records, those who asked for newsletters keep name and email
     * for the newsletter alone. Idempotent; events are locked with SKIP LOCKED. Returns how many
     * registrations were handled.
     */
    int purgeEnded() {
        int total = 0;
        while (true) {
            Integer n = tx.execute(s -> {
                Instant now = clock.instant();
                List<UUID> due = events.lockEventsToPurge(now.minus(deleteAfter), 1);
                if (due.isEmpty()) {
                    return -1;
                }
                UUID eventId = due.get(0);
                int handled = 0;
                for (Events.Registration r : events.unpurged(eventId)) {
                    purge(r, now);
                    events.markRegistrationPurged(r.id(), now);
                    handled++;
                }
                events.markEventPurged(eventId, now);
                audit.record(AuditEvent.by(PURGE_ACTOR, "events.event.purge", Outcome.SUCCESS).withPurpose(PURPOSE)
                        .withTargets("event:" + eventId));
                return handled;
            });
            if (n == null || n < 0) {
                break;
            }
            total += n;
        }
        if (total > 0) {
            log.info("Purged the event data of {} registrations", total);
        }
        return total;
    }

    private void purge(Events.Registration r, Instant now) {
        SubjectId subject = r.subject();
        boolean crm = ledger.current(subject, CRM_PURPOSE).map(c -> c.activeAt(now)).orElse(false);
        String action = Actors.runAs(PURGE_ACTOR, () -> {
            try {
                if (register.isErased(subject)) {
                    return "none";
                }
                if (crm) {
                    register.eraseRecords(subject, PURPOSE);
                    return "records";
                }
                if (r.newsletter() && keepForNewsletter(subject)) {
                    register.eraseRecords(subject, PURPOSE);
                    return "newsletter";
                }
                register.erase(subject);
                return "subject";
            } catch (NotFound e) {
                return "none";
            }
        });
        audit.record(AuditEvent.by(PURGE_ACTOR, "events.participant.purge", Outcome.SUCCESS).withPurpose(PURPOSE)
                .withTargets(subject.reference(), "event:" + r.eventId(), "erased:" + action));
    }

    /**
     * The person asked for newsletters: name and email move to the purpose {@code newsletter} (its
     * basis in the record is legitimate interest; the opt-in and the notice shown are kept on the
     * registration as proof of the request, which the Norwegian Marketing Control Act § 15 needs for
     * email marketing). The subject becomes a newsletter recipient only, so the register accepts it.
     */
    private boolean keepForNewsletter(SubjectId subject) {
        SubjectRecords held = register.read(subject, PURPOSE);
        Optional<String> email = held.value(Categories.EMAIL);
        if (email.isEmpty()) {
            return false;
        }
        register.update(subject, held.subject().version(), new SubjectUpdate(NEWSLETTER_PURPOSE, Source.EVENT_FORM,
                Set.of(SubjectKind.NEWSLETTER_RECIPIENT), null,
                PersonalData.contact(held.value(Categories.NAME).orElse(null), email.get(), null)));
        return true;
    }

    /** Whether no event exists yet (demo data is loaded only then). */
    boolean empty() {
        return events.countEvents() == 0;
    }
}
