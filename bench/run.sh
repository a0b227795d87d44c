#!/usr/bin/env bash
# Vern benchmark harness (issue 13): every hot path measured against a baseline in the same run.
#
# Usage: bench/run.sh [--quick] [--subjects N] [--seconds S] [--warmup S] [--threads T] [--rounds R]
#                     [--only "consent check,audit append"] [--jfr] [--skip-build] [--keep]
#
#   --quick        a check, not a record: 10,000 subjects, 3 s per figure after a warm-up of at least 2 s (the HTTP
#                  figures warm up until throughput is stable, at most --warmup-max S, default 60), one round
#   --subjects N   synthetic register size (default 100000; --subjects 1000000 for the large run)
#   --seconds S    measured seconds per timed load run (default 10), after --warmup S seconds (default 3)
#   --prime-max S  request path: prime its targets until the JIT compilers take < 5 % of the servers' CPU, at most S s
#                  (default 180)
#   --threads T    client threads of the bounded loads (default 4); --rounds R interleaved rounds (default 2)
#   --only LIST    run only these benchmarks (names as printed after "--"); the rest are left out
#   --jfr          record JFR profiles of the server, of the plain app and of the harness (in-process benchmarks)
#                  to bench/results/<time>-server.jfr, <time>-plain.jfr and <time>-harness.jfr (not committed); the
#                  server then runs from the plain jar without the CDS archive (JFR and CDS crash OpenJDK 17.0.15)
#   --skip-build   use the jar and classes already in target/
#   --jar PATH     measure this Vern jar instead of target/'s (e.g. a build of main, for before/after figures);
#                  the harness and its baselines still come from this checkout
#   --keep         keep the throw-away database and server log under target/bench-work/<time>
#   VERN_BENCH_HARNESS_OPTS  extra JVM options of the harness, e.g. -Dvern.bench.erasure-diagnose=true (the erasure's
#                  steps timed one by one and EXPLAIN (ANALYZE, BUFFERS) of its statements, printed; ErasureDiagnosis)
#
# What it does: builds Vern (./mvnw -q -DskipTests package), starts it as a separate process
# (java -jar target/vern-*.jar) on 127.0.0.1 with a throw-away embedded PostgreSQL (or on VERN_DB_URL /
# VERN_DB_USER / VERN_DB_PASSWORD if set: use an empty, throw-away database), a generated bootstrap API token and
# generated keysets, waits until /actuator/health/readiness answers (the cold-start figure), loads a synthetic
# register through a bounded fast path (the app's own cipher and blind index, batched inserts; progress is
# printed), then runs each benchmark and prints one line per figure:
#     name: value unit (baseline <what>: value unit) = ratio
# A benchmark that fails prints "name: SKIPPED (FAILED: ...)" and the run goes on. The same figures are written
# as JSON to bench/results/<time>.json. Every load is bounded in time and requests, targets only loopback and
# stops by itself; the server and its database are stopped at the end. See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

subjects=100000 seconds=10 warmup=3 threads=4 rounds=2 only="" jfr=0 build=1 keep=0 warmupmax=60 primemax=180 otherjar=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) subjects=10000 seconds=3 warmup=2 rounds=1; shift ;;
    --warmup-max) warmupmax="$2"; shift 2 ;;
    --prime-max) primemax="$2"; shift 2 ;;
    --subjects) subjects="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --jfr) jfr=1; shift ;;
    --skip-build) build=0; shift ;;
    --keep) keep=1; shift ;;
    --jar) otherjar="$2"; shift 2 ;;
    -h|--help) sed -n '2,34p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

. bench/lib.sh

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
prepare_jar
if [ -n "$otherjar" ]; then jar="$otherjar" cds_archive=""; fi
# JFR with a CDS archive crashes OpenJDK 17.0.15 at start (SIGSEGV in KlassFactory::check_shared_class_file_load_hook):
# a profiled run uses the plain jar.
if [ "$jfr" = 1 ] && [ -n "${cds_archive:-}" ]; then jar="$(ls target/vern-*.jar | grep -v '\.original$' | head -1)" cds_archive=""; fi
work="target/bench-work/$stamp"
mkdir -p "$work" bench/results
server_opts="" harness_opts=""
if [ "$jfr" = 1 ]; then
  server_opts="-XX:StartFlightRecording=filename=$PWD/bench/results/$stamp-server.jfr,settings=profile,dumponexit=true"
  harness_opts="-XX:StartFlightRecording=filename=$PWD/bench/results/$stamp-harness.jfr,settings=profile,dumponexit=true"
fi

status=0
java -Xmx2g $harness_opts ${VERN_BENCH_HARNESS_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  -Dvern.bench.subjects="$subjects" -Dvern.bench.seconds="$seconds" -Dvern.bench.warmup="$warmup" \
  -Dvern.bench.warmup-max="$warmupmax" -Dvern.bench.prime-max="$primemax" -Dvern.bench.threads="$threads" -Dvern.bench.rounds="$rounds" -Dvern.bench.only="$only" \
  -Dvern.bench.jar="$jar" -Dvern.bench.work="$work" -Dvern.bench.out="bench/results/$stamp.json" \
  -Dvern.bench.server-opts="$server_opts" -Dvern.bench.cds-archive="${cds_archive:-}" -Dvern.bench.start-timeout="${VERN_BENCH_START_TIMEOUT:-300}" \
  no.vern.bench.BenchMain || status=$?

if [ "$keep" = 0 ] && [ "$status" = 0 ]; then
  rm -rf "$work"
else
  echo "Database, keys and server log kept in $work"
fi
exit "$status"
