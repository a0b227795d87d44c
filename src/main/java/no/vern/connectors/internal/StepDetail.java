package no.vern.connectors.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a step or a connection test came to, without personal data: the English text the API reports and the message
 * code with arguments from which the console says it in the reader's language (issue 23 item 3). A system's or a
 * driver's own technical message cannot be translated; it is shown as such, introduced in the reader's language.
 *
 * @param code the message key ({@code connectors.detail.*})
 * @param args the arguments (counts, an SQLSTATE, a handler's reason, a technical message)
 * @param english the English text, as stored in {@code detail} and reported by the API
 */
record StepDetail(String code, List<String> args, String english) {

    /** A system's or driver's own message, shown as it came. */
    static final String MESSAGE = "connectors.detail.message";

    StepDetail {
        args = List.copyOf(args);
    }

    static StepDetail of(String english, String code, String... args) {
        return new StepDetail(code, List.of(args), english);
    }

    /** A technical message of a system or driver (no personal data), which has no translation. */
    static StepDetail message(@Nullable String english) {
        String text = english == null || english.isBlank() ? "failed without a message" : english;
        return new StepDetail(MESSAGE, List.of(text), text);
    }

    static StepDetail nothingToLookFor() {
        return of("no identifiers to look for", "connectors.detail.nothingToLookFor");
    }

    static StepDetail rowsFound(int rows, int tables) {
        return of(rows + " rows in " + tables + " tables", "connectors.detail.rowsFound", String.valueOf(rows),
                String.valueOf(tables));
    }

    static StepDetail rowsErased(int rows, int tables) {
        return of(rows + " rows erased in " + tables + " tables", "connectors.detail.rowsErased", String.valueOf(rows),
                String.valueOf(tables));
    }

    static StepDetail recordsReported(int rows) {
        return of(rows + " records reported", "connectors.detail.recordsReported", String.valueOf(rows));
    }

    static StepDetail checked(int tables, int columns) {
        return of(tables + " tables, " + columns + " columns found", "connectors.detail.checked", String.valueOf(tables),
                String.valueOf(columns));
    }

    static StepDetail databaseError(String sqlState) {
        return of("database error (SQLSTATE " + sqlState + ")", "connectors.detail.databaseError", sqlState);
    }

    static StepDetail internalError(String exception) {
        return of("internal error (" + exception + ")", "connectors.detail.internalError", exception);
    }

    static StepDetail waived(String reason) {
        return of("waived: " + reason, "connectors.detail.waived", reason);
    }

    /** A callback that was refused, with why (the system's or Vern's English reason, which has no translation). */
    static StepDetail callbackRefused(@Nullable String why) {
        String text = why == null ? "refused" : why;
        return of("callback: " + text, "connectors.detail.callbackRefused", text);
    }

    /** The fixed texts, by their English wording (which earlier versions stored alone). */
    private static final List<StepDetail> FIXED = List.of(
            nothingToLookFor(),
            of("accepted", "connectors.detail.accepted"),
            of("task sent", "connectors.detail.taskSent"),
            of("task sent to the responsible person", "connectors.detail.taskSentToOwner"),
            of("waiting for the system's callback", "connectors.detail.waitingForCallback"),
            of("erasure confirmed by the responsible person", "connectors.detail.erasureConfirmed"),
            of("export uploaded by the responsible person", "connectors.detail.exportUploaded"),
            of("nothing found, confirmed by the responsible person", "connectors.detail.nothingFoundConfirmed"),
            of("a dry run is only possible for JDBC connectors", "connectors.detail.dryRunJdbcOnly"),
            of("no email address for the responsible person", "connectors.detail.noOwnerEmail"),
            of("tasks go to the responsible person by email", "connectors.detail.tasksByEmail"),
            of("the system answered without a result", "connectors.detail.noResult"),
            of("task mail could not be sent", "connectors.detail.taskMailNotSent"),
            of("connector or fan-out missing", "connectors.detail.connectorMissing"),
            of("identifiers unreadable (case data discarded)", "connectors.detail.identifiersUnreadable"),
            of("endpoint answered a signed ping", "connectors.detail.pinged"),
            of(JdbcSystem.UNREACHABLE, "connectors.detail.unreachable"));

    static StepDetail fixed(String english) {
        return FIXED.stream().filter(d -> d.english().equals(english)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a fixed detail"));
    }

    private static final Pattern ROWS = Pattern.compile("(\\d+) rows in (\\d+) tables");
    private static final Pattern ERASED = Pattern.compile("(\\d+) rows erased in (\\d+) tables");
    private static final Pattern REPORTED = Pattern.compile("(\\d+) records reported");
    private static final Pattern CHECKED = Pattern.compile("(\\d+) tables, (\\d+) columns found");
    private static final Pattern SQLSTATE = Pattern.compile("database error \\(SQLSTATE ([0-9A-Za-z]+)\\)");

    /**
     * A detail stored before codes were (issue 23): the texts Vern wrote are recognised and said in the reader's
     * language; anything else is a system's own message and is shown as one.
     */
    static @Nullable StepDetail recognise(@Nullable String stored) {
        if (stored == null) {
            return null;
        }
        if (stored.startsWith("test: ")) {
            return recognise(stored.substring("test: ".length()));
        }
        if (stored.startsWith("waived: ")) {
            return waived(stored.substring("waived: ".length()));
        }
        if (stored.startsWith("callback: ")) {
            return callbackRefused(stored.substring("callback: ".length()));
        }
        for (StepDetail d : FIXED) {
            if (d.english().equals(stored)) {
                return d;
            }
        }
        Matcher m;
        if ((m = ROWS.matcher(stored)).matches()) {
            return rowsFound(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        if ((m = ERASED.matcher(stored)).matches()) {
            return rowsErased(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        if ((m = REPORTED.matcher(stored)).matches()) {
            return recordsReported(Integer.parseInt(m.group(1)));
        }
        if ((m = CHECKED.matcher(stored)).matches()) {
            return checked(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        if ((m = SQLSTATE.matcher(stored)).matches()) {
            return databaseError(m.group(1));
        }
        return message(stored);
    }

    /** The stored code and arguments, or what {@link #recognise} makes of the English text of an older row. */
    static @Nullable StepDetail read(@Nullable String english, @Nullable String code, java.sql.@Nullable Array args)
            throws java.sql.SQLException {
        if (english == null) {
            return null;
        }
        if (code == null) {
            return recognise(english);
        }
        return new StepDetail(code, args == null ? List.of() : List.of((String[]) args.getArray()), english);
    }
}
