package no.vern.breach.web;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.validation.BindingResult;

import no.vern.breach.BreachFacts;
import no.vern.breach.NoticeException;
import no.vern.breach.NotificationPhase;
import no.vern.breach.RiskLevel;
import no.vern.shared.DateTimeInput;
import no.vern.shared.FormFields;
import no.vern.shared.InvalidInput;
import no.vern.shared.InvalidInput.FieldError;

/**
 * The console's breach forms as Spring binds them (date-and-time fields arrive as Oslo-time instants, see
 * {@link DateTimeInput}), and the parsing of their choice fields into the register's values, each refused
 * as {@link InvalidInput} naming the field. A missing field is empty text or an empty list.
 */
final class BreachForms {

    private BreachForms() {
    }

    /** A staff member's report of a new breach. */
    record ReportForm(String title, String whatHappened, @Nullable Instant discoveredAt, @Nullable Instant awareAt) {
        ReportForm {
            title = text(title);
            whatHappened = text(whatHappened);
        }
    }

    /** The facts of a breach (GDPR Art. 33(3)(a), (d); Art. 33(5)). */
    record FactsForm(String whatHappened, String howItArose, String mainCause, @Nullable Instant periodFrom,
            @Nullable Instant periodTo, List<String> dataCategories, String subjectRelation, String approxSubjects,
            String approxRecords, String dataLocation, String consequences, String measuresTaken,
            String measuresPlanned, String delayReasons) {

        FactsForm {
            whatHappened = text(whatHappened);
            howItArose = text(howItArose);
            mainCause = text(mainCause);
            dataCategories = dataCategories == null ? List.of() : dataCategories;
            subjectRelation = text(subjectRelation);
            approxSubjects = text(approxSubjects);
            approxRecords = text(approxRecords);
            dataLocation = text(dataLocation);
            consequences = text(consequences);
            measuresTaken = text(measuresTaken);
            measuresPlanned = text(measuresPlanned);
            delayReasons = text(delayReasons);
        }

        /** The facts, with every field that cannot be read and every rule broken refused together. */
        BreachFacts facts() {
            FormFields fields = new FormFields();
            Long subjects = fields.longWholeNumber("approxSubjects", approxSubjects);
            Long records = fields.longWholeNumber("approxRecords", approxRecords);
            Supplier<BreachFacts> facts = () -> new BreachFacts(whatHappened, howItArose, mainCause, periodFrom,
                    periodTo, dataCategories, Arrays.stream(subjectRelation.split(",")).toList(), subjects, records,
                    dataLocation, consequences, measuresTaken, measuresPlanned, delayReasons);
            fields.throwIfInvalid(() -> facts.get().whatHappened());
            return facts.get();
        }
    }

    /** The processing activities a breach touched, and when. */
    record ActivitiesForm(List<String> activities, @Nullable Instant from, @Nullable Instant to) {
        ActivitiesForm {
            activities = activities == null ? List.of() : activities.stream().filter(a -> !a.isBlank()).toList();
        }
    }

    /** A notification sent to Datatilsynet (initial or follow-up). */
    record AuthorityNotificationForm(String phase, @Nullable Instant sentAt, String reference, String delayReason) {
        AuthorityNotificationForm {
            phase = phase == null || phase.isBlank() ? "INITIAL" : phase;
            reference = text(reference);
            delayReason = text(delayReason);
        }
    }

    /** The subjects an actor's audited reads touched in a period. */
    record AuditLinkForm(String actor, @Nullable Instant from, @Nullable Instant to) {
        AuditLinkForm {
            actor = text(actor);
            // A staff member is named by the user name people know; other actors by their full reference.
            if (!actor.isEmpty() && !actor.contains(":")) {
                actor = "staff:" + actor;
            }
        }

        Instant requiredFrom() {
            return required(from, "from");
        }

        Instant requiredTo() {
            return required(to, "to");
        }
    }

    /** The fields Spring could not bind (a date and time that is none), as problems; empty when all bound. */
    static List<FieldError> problems(BindingResult binding) {
        return binding.getFieldErrors().stream()
                .map(e -> FieldError.coded(e.getField(), DateTimeInput.INVALID, DateTimeInput.INVALID_CODE)).toList();
    }

    static Instant required(@Nullable Instant value, String field) {
        if (value == null) {
            throw new InvalidInput(field, DateTimeInput.INVALID, DateTimeInput.INVALID_CODE);
        }
        return value;
    }

    static RiskLevel riskOf(String text) {
        try {
            return RiskLevel.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("risk", "choose none, risk or high risk", "error.field.choose");
        }
    }

    static NotificationPhase phaseOf(String text) {
        try {
            return NotificationPhase.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("phase", "must be INITIAL or FOLLOW_UP", "error.field.choose");
        }
    }

    static NoticeException exceptionOf(String text) {
        try {
            return NoticeException.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("decision", "is not a known exception", "error.field.choice");
        }
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
