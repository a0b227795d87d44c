package no.vern.bench;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One line of the benchmark report: a measured value next to the baseline measured in the same run on the same
 * database, or a benchmark that could not run (value {@code null}, with the reason in {@code note}).
 *
 * @param higherIsBetter whether a ratio above 1 is good (throughput) or bad (latency, time)
 */
record Figure(String name, @Nullable Double value, String unit, String baselineName, @Nullable Double baseline,
        String baselineUnit, boolean higherIsBetter, String note) {

    static Figure of(String name, double value, String unit, String baselineName, double baseline,
            boolean higherIsBetter, String note) {
        return new Figure(name, value, unit, baselineName, baseline, unit, higherIsBetter, note);
    }

    static Figure skipped(String name, String reason) {
        return new Figure(name, null, "", "", null, "", true, reason);
    }

    boolean isSkipped() {
        return value == null;
    }

    @Nullable
    Double ratio() {
        return value == null || baseline == null || baseline == 0 ? null : value / baseline;
    }

    /** {@code name: value unit (baseline: value unit) = ratio}, or {@code name: SKIPPED (reason)}. */
    String line() {
        if (value == null) {
            return name + ": SKIPPED (" + note + ")";
        }
        Double r = ratio();
        return String.format(Locale.ROOT, "%s: %s %s (baseline %s: %s %s) = %s%s", name, number(value), unit,
                baselineName, baseline == null ? "-" : number(baseline), baselineUnit,
                r == null ? "-" : String.format(Locale.ROOT, r < 0.1 ? "%.4fx" : "%.2fx", r), note.isEmpty() ? "" : "  [" + note + "]");
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
