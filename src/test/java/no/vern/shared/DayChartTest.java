package no.vern.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The layout of the console's charts per day (issue 23 item 6): dated axis, labelled ticks, today marked. */
class DayChartTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    static List<LocalDate> days(int n) {
        return TODAY.minusDays(n - 1L).datesUntil(TODAY.plusDays(1)).toList();
    }

    @Test
    void theYAxisRunsFromZeroToARoundMaximumWithLabelledTicks() {
        List<Long> sent = new java.util.ArrayList<>(Collections.nCopies(30, 3L));
        sent.set(5, 37L);
        DayChart chart = DayChart.of(days(30), List.of(sent), List.of(), true);
        assertThat(chart.max()).isEqualTo(40);
        assertThat(chart.ticks()).extracting(DayChart.Tick::value).containsExactly(0L, 20L, 40L);
        assertThat(DayChart.niceMax(0)).isEqualTo(1);
        assertThat(DayChart.niceMax(7)).isEqualTo(10);
        assertThat(DayChart.niceMax(150)).isEqualTo(200);
    }

    @Test
    void theXAxisIsDatedAndTheRunningDayIsLabelledApartInsteadOfWithADate() {
        DayChart chart = DayChart.of(days(30), List.of(Collections.nCopies(30, 1L)), List.of(), true);
        List<DayChart.Label> labels = chart.labels();
        assertThat(labels.get(labels.size() - 1).text()).isNull();
        assertThat(labels.subList(0, labels.size() - 1)).isNotEmpty()
                .allSatisfy(l -> assertThat(l.text()).matches("\\d{1,2}\\.\\d{1,2}\\."));
        assertThat(labels.size()).isBetween(4, 10);
        // No label starts left of the drawing (the website chart clipped its first one).
        assertThat(labels).allSatisfy(l -> assertThat(l.x()).isGreaterThanOrEqualTo(chart.left()));
    }

    @Test
    void theRunningDayIsMarkedPartialAndTheLineStopsBeforeIt() {
        List<Long> views = new java.util.ArrayList<>(Collections.nCopies(30, 10L));
        List<Long> visitors = new java.util.ArrayList<>(Collections.nCopies(30, 5L));
        views.set(29, 0L);
        visitors.set(29, 0L);
        DayChart chart = DayChart.of(days(30), List.of(views), List.of(visitors), true);

        assertThat(chart.bars()).filteredOn(DayChart.Bar::partial).hasSize(1)
                .allSatisfy(b -> assertThat(b.title()).startsWith(TODAY.toString()));
        assertThat(chart.lines().get(0).split(" ")).hasSize(29);
        assertThat(chart.markers()).hasSize(1);
        assertThat(chart.partialX()).isGreaterThan(chart.left());
    }

    @Test
    void aCompleteLastPeriodIsDrawnLikeTheOthers() {
        DayChart chart = DayChart.of(days(7), List.of(Collections.nCopies(7, 2L)), List.of(Collections.nCopies(7, 1L)), false);
        assertThat(chart.bars()).noneMatch(DayChart.Bar::partial);
        assertThat(chart.markers()).isEmpty();
        assertThat(chart.partialX()).isEqualTo(-1);
        assertThat(chart.labels()).allSatisfy(l -> assertThat(l.text()).isNotNull());
    }
}
