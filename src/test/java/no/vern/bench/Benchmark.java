package no.vern.bench;

import java.util.List;

/**
 * One pluggable benchmark of the harness ({@link BenchMain}): it measures a hot path and its baseline in the same
 * run, bounded in time and requests, and returns one or more {@link Figure}s. A capability that is not built yet is
 * registered as {@link NotBuiltYet} so that the report names it instead of inventing a figure.
 */
interface Benchmark {

    String name();

    List<Figure> run(BenchContext context) throws Exception;
}
