package no.vern.bench;

import java.util.List;

/**
 * One pluggable benchmark of the harness ({@link BenchMain}): it measures a hot path and its baseline in the same
 * run, bounded in time and requests, and returns one or more {@link Figure}s; a benchmark that fails prints
 * {@code name: SKIPPED (FAILED: …)} instead of inventing a figure.
 */
interface Benchmark {

    String name();

    List<Figure> run(BenchContext context) throws Exception;
}
