package no.vern.events.internal;

import static no.vern.events.internal.EventService.CRM_PURPOSE;
import static no.vern.events.internal.EventService.NEWSLETTER_PURPOSE;
import static no.vern.events.internal.EventService.PURPOSE;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.consent.ConsentReceipt;
import no.vern.consent.GiveConsent;
import no.vern.consent.StaleNotice;
import no.vern.crypto.BlindIndex;
import no.vern.events.AlreadySignedUp;
import no.vern.events.Event;
import no.vern.events.RegistrationStatus;
import no.vern.events.SignUp;
import no.vern.events.SignUpClosed;
import no.vern.events.SignUpResult;
import no.vern.processing.NoticeText;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.OrganisationInput;
import no.vern.register.PersonalData;
import no.vern.register.Restrictions;
import no.vern.register.Source;
import no.vern.register.SubjectSummary;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectUpdate;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.EmailAddresses;
import no.vern.shared.InvalidInput;
import no.vern.shared.InvalidInput.FieldError;
import no.vern.shared.NotFound;
import no.vern.shared.PhoneNumbers;
import no.vern.shared.SubjectId;

/**
 * A person signs up for an event: consent is recorded first (S4, S5; GDPR Art. 7(1) with the notice
 * shown), then the person is stored through the register, then a seat (or a place on the waiting
 * list) is given under a row lock on the event, so seats are never oversold and the waiting list keeps
 * sign-up order. A sign-up that does not complete withdraws the consents it gave.
 */
@Component
class SignUps {

    private static final Locale NORWEGIAN = Locale.forLanguageTag("nb");
    /** The public sign-up form, as named in the register's audit of the work done for it. */
    static final Actor SIGNUP_ACTOR = Actor.system("events-signup");

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
    private final Restrictions restrictions;

    SignUps(Restrictions restrictions, Events events, ConsentLedger ledger, SubjectRegister register, ProcessingRecord record,
            BlindIndex blindIndex, CancelLinks links, EventMailer mailer, AuditLog audit, TransactionTemplate tx,
            Clock clock) {
        this.restrictions = restrictions;
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
    }

    SignUpResult signUp(UUID eventId, SignUp form) {
        Event event = events.existing(eventId);
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
            errors.add(FieldError.coded("name", "must be 1 to 200 characters", name.isEmpty() ? "error.field.required" : "error.field.tooLong", "200"));
        }
        if (email.isEmpty()) {
            errors.add(FieldError.coded("email", "is not an email address", "error.field.email"));
        }
        if (phoneGiven && phone == null) {
            errors.add(FieldError.coded("phone", "is not a phone number", "error.field.phone"));
        }
        if (company != null && company.length() > 200) {
            errors.add(FieldError.coded("company", "must be at most 200 characters", "error.field.tooLong", "200"));
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
        // One person, one subject (issue 20, item 5): a person already held under this address (as a contact, a
        // newsletter recipient) signs up as that subject; a restricted one (GDPR Art. 18) is not processed further.
        SubjectId known = Actors.runAs(SIGNUP_ACTOR, () -> register.findByEmail(email)).stream()
                .map(SubjectSummary::id).filter(id -> !restrictions.isRestricted(id)).findFirst().orElse(null);
        ConsentReceipt receipt = ledger.give(new GiveConsent(known, PURPOSE, Channel.EVENT_SIGNUP, language, null,
                form.noticeHash(), null, email));
        SubjectId subject = receipt.subject();
        boolean reused = known != null;
        // A reader who already had the newsletter keeps it if this sign-up does not complete.
        boolean newsletterBefore = reused && ledger.current(subject, NEWSLETTER_PURPOSE).map(c -> c.activeAt(now))
                .orElse(false);
        try {
            if (form.crmConsent()) {
                ledger.give(new GiveConsent(subject, CRM_PURPOSE, Channel.EVENT_SIGNUP, language, null,
                        form.crmNoticeHash(), null, email));
            }
            if (form.newsletter()) {
                // Markedsføringsloven § 15 first paragraph: the newsletter box is a consent to the purpose newsletter,
                // on the newsletter notice shown, and the newsletter keeps name and email under it from now on.
                ledger.give(new GiveConsent(subject, NEWSLETTER_PURPOSE, Channel.EVENT_SIGNUP, language, null,
                        form.newsletterNoticeHash(), null, null));
            }
            Set<SubjectKind> kinds = EnumSet.of(SubjectKind.EVENT_PARTICIPANT);
            if (form.crmConsent()) {
                kinds.add(SubjectKind.PROSPECT);
            }
            if (form.newsletter()) {
                kinds.add(SubjectKind.NEWSLETTER_RECIPIENT);
            }
            OrganisationInput org = company == null ? null : new OrganisationInput(company, null, null);
            PersonalData data = PersonalData.contact(name, email, phone);
            Actors.runAs(SIGNUP_ACTOR, () -> {
                if (reused) {
                    Set<SubjectKind> joined = EnumSet.copyOf(kinds);
                    joined.addAll(register.summary(subject).kinds());
                    register.update(subject, register.summary(subject).version(),
                            new SubjectUpdate(PURPOSE, Source.EVENT_FORM, joined, org, data));
                } else {
                    register.register(new NewSubject(subject, kinds, PURPOSE, Source.EVENT_FORM, org, data));
                }
                if (form.crmConsent()) {
                    long version = register.summary(subject).version();
                    register.update(subject, version, new SubjectUpdate(CRM_PURPOSE, Source.EVENT_FORM, null, null, data));
                }
                if (form.newsletter()) {
                    long version = register.summary(subject).version();
                    register.update(subject, version, new SubjectUpdate(NEWSLETTER_PURPOSE, Source.EVENT_FORM, null, null,
                            PersonalData.contact(name, email, null)));
                }
                return null;
            });
        } catch (RuntimeException e) {
            // Nothing was kept: the consents given a moment ago end with the reason recorded.
            undoConsents(subject, form, newsletterBefore);
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
            undoConsents(subject, form, newsletterBefore);
            // A person held before keeps what was held before; only this sign-up's data goes.
            Actors.runAs(SIGNUP_ACTOR, () -> reused ? register.eraseRecords(subject, PURPOSE) : register.erase(subject));
            throw e;
        }
        String cancelUrl = links.url(registrationId, language);
        mailer.confirmation(registrationId, email, events.existing(eventId), status == RegistrationStatus.CONFIRMED,
                cancelUrl, language);
        return new SignUpResult(registrationId, subject, status, cancelUrl);
    }

    private void undoConsents(SubjectId subject, SignUp form, boolean newsletterBefore) {
        withdrawQuietly(subject, PURPOSE, "event sign-up not completed");
        if (form.crmConsent()) {
            withdrawQuietly(subject, CRM_PURPOSE, "event sign-up not completed");
        }
        if (form.newsletter() && !newsletterBefore) {
            withdrawQuietly(subject, NEWSLETTER_PURPOSE, "event sign-up not completed");
        }
    }

    private void withdrawQuietly(SubjectId subject, String purpose, String reason) {
        try {
            ledger.withdraw(subject, purpose, Channel.EVENT_SIGNUP, reason);
        } catch (NotFound e) {
            // nothing was recorded for this purpose
        }
    }
}
