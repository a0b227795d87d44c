package no.vern.requests.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import no.vern.communications.Communications;
import no.vern.communications.ObjectionChannel;
import no.vern.communications.ObjectionResult;
import no.vern.communications.StaffObjection;
import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.processing.LegalBasis;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.Purpose;
import no.vern.register.SubjectRegister;
import no.vern.requests.ObjectionDecision;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestId;
import no.vern.requests.RequestKind;
import no.vern.shared.Actors;
import no.vern.shared.InvalidInput;
import no.vern.shared.SubjectId;

/**
 * Objection and consent-withdrawal requests take effect (issue 20, item 6), for every subject of the person
 * ({@link PersonRecords}): an objection to direct marketing (GDPR Art. 21(2)–(3)) is absolute and recorded
 * with the communications module (every list, and the address suppressed); an objection under Art. 21(1) is
 * weighed by the handler, who upholds it (the purpose's records are erased, Art. 17(1)(c)) or rejects it with
 * the compelling legitimate grounds the person is told; a withdrawal (Art. 7(3)) withdraws the named consents
 * through the consent ledger, whose withdrawal effects erase what was held on them. The person is told
 * exactly what was done.
 */
@Component
class CaseObjection {

    private final CaseFile file;
    private final Cases cases;
    private final CaseCompletion completion;
    private final PersonRecords people;
    private final Communications communications;
    private final ConsentLedger ledger;
    private final SubjectRegister register;
    private final ProcessingRecord record;
    private final Mailer mailer;
    private final Clock clock;

    CaseObjection(CaseFile file, Cases cases, CaseCompletion completion, PersonRecords people,
            Communications communications, ConsentLedger ledger, SubjectRegister register, ProcessingRecord record,
            Mailer mailer, Clock clock) {
        this.file = file;
        this.cases = cases;
        this.completion = completion;
        this.people = people;
        this.communications = communications;
        this.ledger = ledger;
        this.register = register;
        this.record = record;
        this.mailer = mailer;
        this.clock = clock;
    }

    void decide(RequestId id, ObjectionDecision decision) {
        RequestCase c = file.open(id);
        if (c.kind() != RequestKind.OBJECTION) {
            throw new InvalidInput("kind", "only an objection case is decided", "requests.error.onlyObjection");
        }
        if (decision.ground() == null) {
            throw new InvalidInput("ground", "is required: DIRECT_MARKETING or LEGITIMATE_INTEREST", "error.field.choose");
        }
        Locale locale = Locale.forLanguageTag(c.language());
        Instant now = clock.instant();
        String email = file.email(c);
        List<SubjectId> subjects = people.of(c, email);
        String text;
        if (decision.ground() == ObjectionDecision.Ground.DIRECT_MARKETING) {
            // Art. 21(3): no weighing; every list, every subject under the address, and the address itself.
            ObjectionResult result = communications.recordStaffObjection(
                    new StaffObjection(email, null, null, "rights-request"));
            subjects.stream().filter(s -> !result.subjects().contains(s))
                    .forEach(s -> communications.object(s, null, ObjectionChannel.STAFF));
            cases.event(id, now, RequestService.actor().reference(), "objection-recorded",
                    "direct marketing (Art. 21(2)), " + subjects.size() + " subject(s), address suppressed",
                    List.of(String.valueOf(subjects.size())));
            text = mailer.text("requests.objection.marketing", locale);
        } else {
            String key = CaseFile.required("purposeKey", decision.purposeKey(), 60);
            Purpose purpose = record.requirePurpose(key);
            if (purpose.legalBasis() != LegalBasis.LEGITIMATE_INTEREST && purpose.legalBasis() != LegalBasis.PUBLIC_TASK) {
                throw new InvalidInput("purposeKey", "is not based on legitimate interest or a public task, so Art. 21(1) does not apply to it", "requests.error.notLegitimateInterest");
            }
            String why = CaseFile.required("reasons", decision.reasons(), 4000);
            if (why.chars().noneMatch(Character::isLetter)) {
                throw new InvalidInput("reasons", "must say why, in words", "requests.error.reasonsInWords");
            }
            file.note(c, "Objection weighing (Art. 21(1)), " + key + ": " + why, now);
            String name = purpose.name().in(locale);
            if (decision.upheld()) {
                int erased = 0;
                for (SubjectId s : subjects) {
                    erased += Actors.runAs(RequestService.actor(), () -> register.eraseRecords(s, key));
                }
                cases.event(id, now, RequestService.actor().reference(), "objection-upheld",
                        key + ", " + erased + " record(s) erased or narrowed", List.of("purpose:" + key, String.valueOf(erased)));
                text = mailer.text("requests.objection.upheld", locale, name, why);
            } else {
                cases.event(id, now, RequestService.actor().reference(), "objection-rejected", key, List.of("purpose:" + key));
                text = mailer.text("requests.objection.rejected", locale, name, why);
            }
        }
        completion.completeWithEffect(id, text);
    }

    void withdraw(RequestId id, Set<String> purposeKeys) {
        RequestCase c = file.open(id);
        if (c.kind() != RequestKind.WITHDRAW_CONSENT) {
            throw new InvalidInput("kind", "only a consent-withdrawal case withdraws consents", "requests.error.onlyWithdrawal");
        }
        if (purposeKeys == null || purposeKeys.isEmpty()) {
            throw new InvalidInput("purposes", "name at least one consent to withdraw", "requests.error.purposes");
        }
        Locale locale = Locale.forLanguageTag(c.language());
        List<Purpose> purposes = new ArrayList<>();
        for (String key : new TreeSet<>(purposeKeys)) {
            Purpose p = record.requirePurpose(key);
            if (p.legalBasis() != LegalBasis.CONSENT) {
                throw new InvalidInput("purposes", key + " is not based on consent", "requests.error.notConsent", "purpose:" + key);
            }
            purposes.add(p);
        }
        String email = file.email(c);
        List<SubjectId> subjects = people.of(c, email);
        Instant now = clock.instant();
        List<String> withdrawn = new ArrayList<>();
        List<String> notInForce = new ArrayList<>();
        for (Purpose p : purposes) {
            boolean any = false;
            for (SubjectId s : subjects) {
                if (ledger.current(s, p.key()).map(st -> st.activeAt(now)).orElse(false)) {
                    // GDPR Art. 7(3): through the ledger, so the gate refuses at once and the effects erase.
                    ledger.withdraw(s, p.key(), channel(c), "rights request " + id + " ("
                            + c.channel().name().toLowerCase(Locale.ROOT) + ")");
                    any = true;
                }
            }
            (any ? withdrawn : notInForce).add(p.name().in(locale));
        }
        cases.event(id, now, RequestService.actor().reference(), "consents-withdrawn",
                withdrawn.size() + " withdrawn, " + notInForce.size() + " not in force",
                List.of(String.valueOf(withdrawn.size()), String.valueOf(notInForce.size())));
        StringBuilder text = new StringBuilder();
        if (!withdrawn.isEmpty()) {
            text.append(mailer.text("requests.withdrawal.done", locale, String.join(", ", withdrawn)));
        }
        if (!notInForce.isEmpty()) {
            text.append(text.length() == 0 ? "" : "\n\n")
                    .append(mailer.text("requests.withdrawal.notInForce", locale, String.join(", ", notInForce)));
        }
        completion.completeWithEffect(id, text.toString());
    }

    /** The ledger's channel for how the request arrived (letter and in person have none of their own). */
    private static Channel channel(RequestCase c) {
        return switch (c.channel()) {
            case WEB_FORM -> Channel.WEB_FORM;
            case EMAIL -> Channel.EMAIL_TO_PRIVACY_MAILBOX;
            case PHONE -> Channel.PHONE;
            case API -> Channel.API;
            case LETTER, IN_PERSON -> Channel.SYSTEM;
        };
    }
}
