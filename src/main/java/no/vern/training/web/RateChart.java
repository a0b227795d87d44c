package no.vern.training.web;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import no.vern.training.RatePoint;

/**
 * The completion rate over time as SVG coordinates, computed on the server so the page needs no
 * script: a polyline over the month ends and today, with a dot and a label per point.
 *
 * @param width drawing width
 * @param height drawing height
 * @param points the {@code points} attribute of the polyline
 * @param dots one dot per month with its label
 */
public record RateChart(int width, int height, String points, List<Dot> dots) {

    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    private static final int LEFT = 40;
    private static final int RIGHT = 10;
    private static final int TOP = 10;
    private static final int BOTTOM = 30;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MM.yy");

    /**
     * One point of the chart.
     *
     * @param x horizontal position
     * @param y vertical position
     * @param label the month (or today)
     * @param percent the completion rate
     * @param required required staff-training pairs
     * @param current current ones
     */
    public record Dot(int x, int y, String label, int percent, int required, int current) {
    }

    /** The y position of a percentage (for grid lines). */
    static int y(int percent) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (100 - percent) / 100;
    }

    public int y0() {
        return y(0);
    }

    public int y50() {
        return y(50);
    }

    public int y100() {
        return y(100);
    }

    public int left() {
        return LEFT;
    }

    public int right() {
        return WIDTH - RIGHT;
    }

    static RateChart of(List<RatePoint> rate) {
        List<Dot> dots = new ArrayList<>();
        int n = rate.size();
        for (int i = 0; i < n; i++) {
            RatePoint p = rate.get(i);
            if (p.required() == 0) {
                continue; // nothing was required yet: no data, not 100 %
            }
            int x = LEFT + (n == 1 ? 0 : (WIDTH - LEFT - RIGHT) * i / (n - 1));
            dots.add(new Dot(x, y(p.percent()), MONTH.format(p.on()), p.percent(), p.required(), p.current()));
        }
        String points = dots.stream().map(d -> d.x() + "," + d.y()).collect(Collectors.joining(" "));
        return new RateChart(WIDTH, HEIGHT, points, dots);
    }
}
