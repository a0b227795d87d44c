package no.vern.retention;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why an item of a dry run or purge is due, as a message code with arguments (issue 23 item 3): a run stores it as
 * {@code code arg arg} ({@code agreement-ended 2026-01-10 12 MONTHS}), and pages say it from
 * {@code retention.reason.<code>} in their own language. Dates and rule terms only, never personal data. Items stored
 * before reasons had codes hold the English sentence of the same facts; {@link #parse} reads those into the same codes.
 *
 * @param code what started the period ({@code agreement-ended}, {@code recruitment-closed}, {@code event-held},
 *        {@code last-activity}, {@code consent-given}), that consent is no longer in force ({@code consent-ended}), or
 *        that the bookkeeping period ended ({@code bookkeeping})
 * @param args the start date ({@code YYYY-MM-DD}), the rule's amount and unit ({@link PeriodUnit}); for
 *        {@code consent-ended} the date; for {@code bookkeeping} the accounting year and the kept-until date
 */
public record DueReason(String code, List<String> args) {

    /** The codes whose period runs from a start date, with the English words older items used for them. */
    private static final Map<String, String> STARTS = Map.of("agreement-ended", "agreement ended",
            "recruitment-closed", "recruitment closed", "event-held", "event held", "last-activity", "last activity",
            "consent-given", "consent given or renewed");
    private static final Set<String> CODES = Set.of("agreement-ended", "recruitment-closed", "event-held", "last-activity",
            "consent-given", "consent-ended", "bookkeeping");
    private static final Pattern OLD_PERIOD = Pattern.compile(
            "(agreement ended|recruitment closed|event held|last activity|consent given or renewed) (\\d{4}-\\d{2}-\\d{2})"
                    + " \\+ (\\d+) (days|months|years)");
    private static final Pattern OLD_CONSENT = Pattern.compile("consent not in force since (\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern OLD_BOOKKEEPING = Pattern.compile(
            "accounting year (\\d{4}) ended; kept until (\\d{4}-\\d{2}-\\d{2})");

    public DueReason {
        args = List.copyOf(args);
    }

    /** Due a rule's period after a start: {@code code} is what started it (see {@link #code()}). */
    public static DueReason after(String code, LocalDate start, int amount, PeriodUnit unit) {
        if (!STARTS.containsKey(code)) {
            throw new IllegalArgumentException("not a period start: " + code);
        }
        return new DueReason(code, List.of(start.toString(), Integer.toString(amount), unit.name()));
    }

    /** Due because no consent has been in force since the date (GDPR Art. 7(3), 17(1)(b)). */
    public static DueReason consentEnded(LocalDate since) {
        return new DueReason("consent-ended", List.of(since.toString()));
    }

    /** Due because the accounting year ended and the bookkeeping period after it has run out. */
    public static DueReason bookkeeping(int accountingYear, LocalDate keptUntil) {
        return new DueReason("bookkeeping", List.of(Integer.toString(accountingYear), keptUntil.toString()));
    }

    /** The text a run stores: the code and its arguments, separated by spaces. */
    public String stored() {
        return args.isEmpty() ? code : code + " " + String.join(" ", args);
    }

    /**
     * The reason a run stored: a code with its arguments, or an English sentence of an item stored before codes;
     * empty for anything else (a page then shows the text as it is).
     */
    public static Optional<DueReason> parse(String stored) {
        String text = stored.strip();
        String[] parts = text.split(" ");
        if (CODES.contains(parts[0])) {
            List<String> args = List.of(parts).subList(1, parts.length);
            int expected = STARTS.containsKey(parts[0]) ? 3 : "bookkeeping".equals(parts[0]) ? 2 : 1;
            return args.size() == expected && datesValid(parts[0], args) ? Optional.of(new DueReason(parts[0], args))
                    : Optional.empty();
        }
        Matcher period = OLD_PERIOD.matcher(text);
        if (period.matches()) {
            String code = STARTS.entrySet().stream().filter(e -> e.getValue().equals(period.group(1))).findFirst()
                    .orElseThrow().getKey();
            return Optional.of(new DueReason(code, List.of(period.group(2), period.group(3),
                    period.group(4).toUpperCase(Locale.ROOT))));
        }
        Matcher consent = OLD_CONSENT.matcher(text);
        if (consent.matches()) {
            return Optional.of(new DueReason("consent-ended", List.of(consent.group(1))));
        }
        Matcher bookkeeping = OLD_BOOKKEEPING.matcher(text);
        if (bookkeeping.matches()) {
            return Optional.of(new DueReason("bookkeeping", List.of(bookkeeping.group(1), bookkeeping.group(2))));
        }
        return Optional.empty();
    }

    private static boolean datesValid(String code, List<String> args) {
        try {
            LocalDate.parse(args.get("bookkeeping".equals(code) ? 1 : 0));
            if (STARTS.containsKey(code)) {
                Integer.parseInt(args.get(1));
                PeriodUnit.valueOf(args.get(2));
            }
            return true;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return false;
        }
    }
}
