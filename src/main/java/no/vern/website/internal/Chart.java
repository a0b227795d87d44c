package no.vern.website.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;


/**
 * A bar-and-line chart of views and visitors, laid out on the server so that the page can draw it
 * as inline SVG with presentation attributes only (no script, no inline style: strict CSP).
 *
 * @param width drawing width
 * @param height drawing height
 * @param bars one bar per period (views)
 * @param line polyline points of the visitors
 * @param max the value at the top of the chart
 * @param labels period labels under some bars
 */
record Chart(int width, int height, List<Bar> bars, String line, long max, List<Label> labels) {

    static final int WIDTH = 760;
    static final int HEIGHT = 220;
    static final int BOTTOM = 24;

    /** One bar with its tooltip. */
    record Bar(int x, int y, int w, int h, String title) {
    }

    /** A label on the x axis. */
    record Label(int x, String text) {
    }

    static Chart of(List<Statistics.Period> series, boolean weekly) {
        long max = Math.max(1, series.stream().mapToLong(Statistics.Period::views).max().orElse(1));
        int plot = HEIGHT - BOTTOM;
        int n = Math.max(1, series.size());
        int slot = WIDTH / n;
        int barWidth = Math.max(2, slot - Math.max(1, slot / 5));
        List<Bar> bars = new ArrayList<>();
        List<String> points = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        int every = Math.max(1, n / 8);
        for (int i = 0; i < series.size(); i++) {
            Statistics.Period p = series.get(i);
            int h = (int) Math.round((double) p.views() / max * (plot - 8));
            int x = i * slot + (slot - barWidth) / 2;
            bars.add(new Bar(x, plot - h, barWidth, h,
                    p.start() + ": " + p.views() + " / " + p.visitors()));
            int vy = plot - (int) Math.round((double) p.visitors() / max * (plot - 8));
            points.add((x + barWidth / 2) + "," + vy);
            if (i % every == 0) {
                labels.add(new Label(x + barWidth / 2, (weekly ? "uke " : "") + p.start().getDayOfMonth() + "."
                        + p.start().getMonthValue() + "."));
            }
        }
        return new Chart(WIDTH, HEIGHT, bars, points.stream().collect(Collectors.joining(" ")), max, labels);
    }
}
