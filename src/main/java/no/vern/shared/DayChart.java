package no.vern.shared;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The one layout of the console's charts per day or week (issue 23 item 6), computed on the server so a page draws it
 * as inline SVG with classes only (strict CSP, no script): a y axis with labelled ticks from 0 to a round maximum, a
 * dated x axis, bars for some series and lines for others, and the last period, which is not over yet, marked as
 * incomplete (bars drawn open, the line stopping before it) rather than drawn as a drop. Units and series names are
 * the page's (message bundles); colours are the stylesheet's palette ({@code .chart-s0}, {@code .chart-s1}).
 *
 * @param width drawing width
 * @param height drawing height
 * @param left x where the plot starts (room for the y labels)
 * @param bottom y of the x axis
 * @param max the value at the top of the plot
 * @param ticks the y axis ticks, 0 first
 * @param labels the x axis labels
 * @param bars the bars, series by series
 * @param lines one polyline per line series, over the complete periods
 * @param markers the incomplete period's value of each line series, as an open marker
 * @param partialX x where the incomplete period starts, or -1 when the last period is complete
 * @param partialWidth its width
 */
public record DayChart(int width, int height, int left, int bottom, long max, List<Tick> ticks, List<Label> labels,
        List<Bar> bars, List<String> lines, List<Marker> markers, int partialX, int partialWidth) {

    static final int WIDTH = 760;
    static final int HEIGHT = 240;
    static final int LEFT = 44;
    static final int BOTTOM = 208;
    static final int TOP = 12;

    /** A y tick. @param y its y @param value the value */
    public record Tick(int y, long value) {
    }

    /** An x label. @param x its centre @param text a date ({@code 7.12.}), or null for the incomplete period */
    public record Label(int x, @Nullable String text) {
    }

    /**
     * A bar. @param series its series (0 first) @param x left @param y top @param w width @param h height
     * @param partial whether it counts an incomplete period @param title its day and value, for a tooltip
     */
    public record Bar(int series, int x, int y, int w, int h, boolean partial, String title) {
    }

    /** The open marker of a line series on the incomplete period. @param series the series @param x x @param y y */
    public record Marker(int series, int x, int y) {
    }

    /**
     * Lays out a chart.
     *
     * @param periods the first day of each period, oldest first
     * @param barSeries values drawn as bars side by side, each as long as {@code periods}
     * @param lineSeries values drawn as lines over the bars
     * @param lastIncomplete whether the last period is still running (today, this week)
     */
    public static DayChart of(List<LocalDate> periods, List<List<Long>> barSeries, List<List<Long>> lineSeries,
            boolean lastIncomplete) {
        int n = Math.max(1, periods.size());
        long highest = 0;
        for (List<Long> s : barSeries) {
            highest = Math.max(highest, s.stream().mapToLong(Long::longValue).max().orElse(0));
        }
        for (List<Long> s : lineSeries) {
            highest = Math.max(highest, s.stream().mapToLong(Long::longValue).max().orElse(0));
        }
        long max = niceMax(highest);
        int plotWidth = WIDTH - LEFT - 8;
        double slot = (double) plotWidth / n;
        int groups = Math.max(1, barSeries.size());
        int barWidth = (int) Math.max(2, Math.floor((slot * 0.8) / groups));
        List<Tick> ticks = new ArrayList<>();
        ticks.add(new Tick(y(0, max), 0));
        if (max % 2 == 0) {
            ticks.add(new Tick(y(max / 2, max), max / 2));
        }
        ticks.add(new Tick(y(max, max), max));
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        int every = Math.max(1, (int) Math.ceil(n / 8.0));
        for (int i = 0; i < periods.size(); i++) {
            int slotX = (int) Math.round(LEFT + i * slot);
            int groupX = slotX + (int) Math.round((slot - barWidth * groups) / 2);
            boolean partial = lastIncomplete && i == periods.size() - 1;
            for (int s = 0; s < barSeries.size(); s++) {
                long v = barSeries.get(s).get(i);
                int top = y(v, max);
                bars.add(new Bar(s, groupX + s * barWidth, top, barWidth - 1, BOTTOM - top, partial,
                        periods.get(i) + ": " + v));
            }
            int centre = (int) Math.round(LEFT + (i + 0.5) * slot);
            if (partial) {
                labels.add(new Label(centre, null));
            } else if ((periods.size() - 1 - i) % every == 0 && !(lastIncomplete && periods.size() - 1 - i < every)) {
                labels.add(new Label(centre, periods.get(i).getDayOfMonth() + "." + periods.get(i).getMonthValue() + "."));
            }
        }
        List<String> lines = new ArrayList<>();
        List<Marker> markers = new ArrayList<>();
        for (int s = 0; s < lineSeries.size(); s++) {
            List<Long> values = lineSeries.get(s);
            int complete = lastIncomplete ? values.size() - 1 : values.size();
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < complete; i++) {
                points.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%d,%d",
                        Math.round(LEFT + (i + 0.5) * slot), y(values.get(i), max)));
            }
            lines.add(points.toString());
            if (lastIncomplete && !values.isEmpty()) {
                markers.add(new Marker(s, (int) Math.round(LEFT + (values.size() - 0.5) * slot),
                        y(values.get(values.size() - 1), max)));
            }
        }
        int partialX = lastIncomplete && !periods.isEmpty() ? (int) Math.round(LEFT + (periods.size() - 1) * slot) : -1;
        return new DayChart(WIDTH, HEIGHT, LEFT, BOTTOM, max, ticks, labels, bars, lines, markers, partialX,
                (int) Math.round(slot));
    }

    /** The smallest of 1, 2, 5 × 10ⁿ (or 4 and 8 for even halves below 10) that is at least the highest value. */
    static long niceMax(long highest) {
        if (highest <= 1) {
            return 1;
        }
        long magnitude = 1;
        while (magnitude * 10 < highest) {
            magnitude *= 10;
        }
        for (long step : new long[] { 1, 2, 4, 5, 10 }) {
            if (step * magnitude >= highest) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static int y(long value, long max) {
        return BOTTOM - (int) Math.round((double) value / max * (BOTTOM - TOP));
    }
}
