package no.vern.console.web;

import java.util.List;
import java.util.Locale;

import no.vern.shared.Trend;

/**
 * How the console draws a {@link Trend} as an inline SVG sparkline without a script library: the complete days as
 * one line scaled to the highest day, and today, which is not over yet, as an open marker beside it rather than a
 * drop at the end of the line (issue 23 items 1 and 6).
 */
final class Sparkline {

    static final int WIDTH = 200;
    static final int HEIGHT = 44;
    private static final double PAD = 3;

    private final Trend trend;

    Sparkline(Trend trend) {
        this.trend = trend;
    }

    /** The trend drawn. */
    public Trend trend() {
        return trend;
    }

    /** The highest count of a day (complete or today), at least 1 so that a flat zero line sits at the bottom. */
    public long max() {
        return Math.max(1, trend.daily().stream().mapToLong(Long::longValue).max().orElse(0));
    }

    /** The polyline of the complete days ({@code x,y x,y …}), empty when only today is counted. */
    public String points() {
        List<Long> days = trend.daily();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < days.size() - 1; i++) {
            out.append(i == 0 ? "" : " ").append(fmt(x(i))).append(',').append(fmt(y(days.get(i))));
        }
        return out.toString();
    }

    /** The x of today's marker. */
    public String todayX() {
        return fmt(x(trend.daily().size() - 1));
    }

    /** The y of today's marker. */
    public String todayY() {
        return fmt(y(trend.daily().get(trend.daily().size() - 1)));
    }

    /** Today's count so far. */
    public long today() {
        return trend.daily().get(trend.daily().size() - 1);
    }

    double x(int index) {
        int n = trend.daily().size();
        return n == 1 ? WIDTH - PAD : PAD + (WIDTH - 2 * PAD) * index / (n - 1);
    }

    double y(long count) {
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * count / max();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
