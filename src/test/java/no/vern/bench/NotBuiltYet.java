package no.vern.bench;

import java.util.List;

/**
 * Placeholder for a figure of issue 13 whose capability is not in this build yet (eligibility, access export,
 * retention purge): the report prints {@code name: SKIPPED (not built yet)}, never a made-up value. Replace the
 * entry in {@link BenchMain#benchmarks()} with a real {@link Benchmark} when the capability lands.
 */
record NotBuiltYet(String name, String what) implements Benchmark {

    @Override
    public List<Figure> run(BenchContext context) {
        return List.of(Figure.skipped(name, "not built yet"));
    }
}
