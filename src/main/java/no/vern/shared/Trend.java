package no.vern.shared;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A figure an officer reports upward, per day over the last days (requests received, breaches reported, consents
 * withdrawn), supplied by the module that knows it and drawn by the console home as a sparkline. Counts only, never
 * personal data.
 *
 * @param order position on the home page
 * @param key a stable identifier ({@code requests-received}), for tests and the page
 * @param labelKey message key of the label
 * @param link where a click leads, under {@code /console/}
 * @param roles roles (without {@code ROLE_}) that see it; empty means every staff user
 * @param lastDay the last day counted (Europe/Oslo), today: its count is of an incomplete day
 * @param daily the count per day, oldest first, ending with {@code lastDay}
 */
public record Trend(int order, String key, String labelKey, String link, List<String> roles, LocalDate lastDay,
        List<Long> daily) {

    /** How many days the console shows. */
    public static final int DAYS = 90;

    public Trend {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(labelKey, "labelKey");
        if (!link.startsWith("/console/")) {
            throw new IllegalArgumentException("a trend links into the console");
        }
        roles = List.copyOf(roles);
        daily = List.copyOf(daily);
        if (daily.isEmpty()) {
            throw new IllegalArgumentException("a trend has at least one day");
        }
    }

    /** The first day counted. */
    public LocalDate firstDay() {
        return lastDay.minusDays(daily.size() - 1L);
    }

    /** The sum over all days. */
    public long total() {
        return daily.stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The series over the {@link #DAYS} days ending with {@code lastDay} from counts per day (Europe/Oslo); days
     * without a count are 0, days outside are ignored. The one way modules turn their counts into a series.
     */
    public static List<Long> series(java.util.Map<LocalDate, Long> perDay, LocalDate lastDay) {
        LocalDate first = lastDay.minusDays(DAYS - 1L);
        return first.datesUntil(lastDay.plusDays(1)).map(d -> perDay.getOrDefault(d, 0L)).toList();
    }

    /** Supplies trends when the console home renders; implementations must be fast and read-only. */
    public interface Source {

        /** The trends of this module as of now. */
        List<Trend> trends();
    }
}
