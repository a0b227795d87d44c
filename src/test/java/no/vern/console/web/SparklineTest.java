package no.vern.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import no.vern.shared.Trend;

/** The home page's 90-day sparklines: complete days as a line, today as a marker, never a drop to zero. */
class SparklineTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    static Trend trend(List<Long> daily) {
        return new Trend(1, "k", "l", "/console/x", List.of(), TODAY, daily);
    }

    @Test
    void theLineEndsWithYesterdayAndTodayIsDrawnApart() {
        List<Long> daily = new ArrayList<>(Collections.nCopies(Trend.DAYS, 4L));
        daily.set(Trend.DAYS - 1, 0L); // today has only begun
        Sparkline s = new Sparkline(trend(daily));

        String[] points = s.points().split(" ");
        assertThat(points).hasSize(Trend.DAYS - 1);
        // Every complete day sits at the top (4 of 4); today's 0 is its own marker, not the line's last point.
        assertThat(points).allSatisfy(p -> assertThat(p).endsWith("," + String.format(java.util.Locale.ROOT, "%.1f", s.y(4))));
        assertThat(s.todayY()).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", s.y(0)));
        assertThat(Double.parseDouble(s.todayX())).isGreaterThan(Double.parseDouble(points[points.length - 1].split(",")[0]));
        assertThat(s.today()).isZero();
    }

    @Test
    void theScaleIsTheHighestDayAndAFlatZeroLineSitsAtTheBottom() {
        List<Long> daily = new ArrayList<>(Collections.nCopies(Trend.DAYS, 0L));
        Sparkline flat = new Sparkline(trend(daily));
        assertThat(flat.max()).isEqualTo(1);
        assertThat(flat.y(0)).isGreaterThan(flat.y(1));

        daily.set(10, 9L);
        assertThat(new Sparkline(trend(daily)).max()).isEqualTo(9);
    }

    @Test
    void aSeriesCoversNinetyDaysEndingToday() {
        List<Long> series = Trend.series(Map.of(TODAY, 2L, TODAY.minusDays(89), 5L, TODAY.minusDays(90), 7L), TODAY);
        assertThat(series).hasSize(Trend.DAYS);
        assertThat(series.get(0)).isEqualTo(5L);
        assertThat(series.get(Trend.DAYS - 1)).isEqualTo(2L);
        assertThat(series.stream().mapToLong(Long::longValue).sum()).isEqualTo(7L);
        assertThat(trend(series).firstDay()).isEqualTo(TODAY.minusDays(89));
    }
}
