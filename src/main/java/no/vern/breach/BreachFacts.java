package no.vern.breach;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import no.vern.shared.InvalidInput;

/**
 * What the register must say about a breach (GDPR Art. 33(5)) and the authority's form asks for;
 * edited by the privacy officer as the facts become known.
 *
 * @param whatHappened what happened
 * @param howItArose how it arose
 * @param mainCause the main cause
 * @param periodFrom start of the period of the breach, if known
 * @param periodTo end of the period of the breach, if known
 * @param dataCategories keys of the categories of personal data concerned
 * @param subjectRelation how the people affected relate to the company (subject kinds)
 * @param approxSubjects approximate number of people affected, if known
 * @param approxRecords approximate number of records affected, if known
 * @param dataLocation where the data is now
 * @param consequences likely consequences
 * @param measuresTaken measures taken
 * @param measuresPlanned measures planned
 * @param delayReasons why Datatilsynet is notified after the 72-hour deadline, written before the notification is
 *        sent so the draft carries them (Art. 33(1)); empty while not needed or not yet written
 */
public record BreachFacts(String whatHappened, String howItArose, String mainCause, @Nullable Instant periodFrom,
        @Nullable Instant periodTo, List<String> dataCategories, List<String> subjectRelation,
        @Nullable Long approxSubjects, @Nullable Long approxRecords, String dataLocation, String consequences,
        String measuresTaken, String measuresPlanned, String delayReasons) {

    /** Longest free text accepted in one field. */
    public static final int MAX_TEXT = 8000;

    public BreachFacts {
        whatHappened = clean(whatHappened);
        howItArose = clean(howItArose);
        mainCause = clean(mainCause);
        dataLocation = clean(dataLocation);
        consequences = clean(consequences);
        measuresTaken = clean(measuresTaken);
        measuresPlanned = clean(measuresPlanned);
        delayReasons = clean(delayReasons);
        dataCategories = dataCategories == null ? List.of()
                : dataCategories.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        subjectRelation = subjectRelation == null ? List.of()
                : subjectRelation.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        if (periodFrom != null && periodTo != null && periodTo.isBefore(periodFrom)) {
            throw new InvalidInput("periodTo", "must not be before periodFrom", "breach.error.periodToBeforeFrom");
        }
        if (approxSubjects != null && approxSubjects < 0) {
            throw new InvalidInput("approxSubjects", "must not be negative", "error.field.notNegative");
        }
        if (approxRecords != null && approxRecords < 0) {
            throw new InvalidInput("approxRecords", "must not be negative", "error.field.notNegative");
        }
        for (String text : List.of(whatHappened, howItArose, mainCause, dataLocation, consequences, measuresTaken,
                measuresPlanned, delayReasons)) {
            if (text.length() > MAX_TEXT) {
                throw new InvalidInput("text", "must be at most " + MAX_TEXT + " characters", "error.field.tooLong",
                        String.valueOf(MAX_TEXT));
            }
        }
    }

    /** Nothing known yet except what happened. */
    public static BreachFacts initial(String whatHappened) {
        return new BreachFacts(whatHappened, "", "", null, null, List.of(), List.of(), null, null, "", "", "", "", "");
    }

    static String clean(@Nullable String text) {
        return text == null ? "" : text.strip();
    }
}
