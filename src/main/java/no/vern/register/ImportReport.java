package no.vern.register;

import java.util.List;

import org.jspecify.annotations.Nullable;

import no.vern.shared.InvalidInput;
import no.vern.shared.SubjectId;

/**
 * The result of a CSV import (dry run or applied): one line per data row, with counts. Holds ids,
 * statuses and field names only, never values.
 *
 * @param dryRun whether nothing was stored
 * @param lines the report per data row
 * @param origin the import's reference ({@code import:<uuid>}) that every subject it created carries (the Art. 14
 *        notices name it; an exemption can be recorded for it), or null for a dry run
 */
public record ImportReport(boolean dryRun, List<Line> lines, @Nullable String origin) {

    public ImportReport {
        lines = List.copyOf(lines);
    }

    /** A report without an origin (a dry run). */
    public ImportReport(boolean dryRun, List<Line> lines) {
        this(dryRun, lines, null);
    }

    /** What happened (or would happen) to one line. */
    public enum Status {
        /** Valid and new: created (or would be). */
        VALID,
        /** Refused: field errors. */
        INVALID,
        /** The email is already in the register (or earlier in the file): skipped, nothing changed. */
        DUPLICATE,
        /** Refused: the kind or purpose needs a consent that does not exist (S4, S5). */
        CONSENT_REQUIRED,
        /**
         * Not registered, flagged for a decision: the address belongs to a person erased at their request (GDPR
         * Art. 17). Staff register the person by hand only where there is a new legal basis (e.g. a new contract).
         */
        ERASED_BEFORE
    }

    /**
     * One data row of the file.
     *
     * @param number line number in the file (the header is line 1)
     * @param status what happened
     * @param subject the created subject, or the subject it duplicates, or null
     * @param errors field errors for invalid lines
     */
    public record Line(int number, Status status, @Nullable SubjectId subject, List<InvalidInput.FieldError> errors) {

        public Line {
            errors = List.copyOf(errors);
        }
    }

    /** How many lines have the status. */
    public long count(Status status) {
        return lines.stream().filter(l -> l.status() == status).count();
    }
}
