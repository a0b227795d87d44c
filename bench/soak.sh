#!/usr/bin/env bash
# Vern soak run (issue 14, item 7; not in CI): a bounded mixed load on loopback for SOAK_MINUTES minutes.
#
# Usage: SOAK_MINUTES=10 SOAK_THREADS=4 bench/soak.sh [--skip-build] [--keep]
#
#   SOAK_MINUTES   how long the load runs (default 10)
#   SOAK_THREADS   closed-loop client threads (default 4)
#   --skip-build   use the jar and classes already in target/
#   --keep         keep the throw-away database and server log under target/soak-work/<time>
#
# What it does: builds Vern (./mvnw -q -DskipTests package), starts it as a separate process (java -jar, as
# bench/run.sh does: src/test/java/no/vern/bench/VernServer.java) on 127.0.0.1 with a throw-away embedded
# PostgreSQL and a generated bootstrap API token, warms up, forces a GC and reads the heap in use (jcmd GC.run +
# GC.heap_info on the server's pid), then drives the mix of no.vern.bench.Soak from the client threads: consent
# checks, subject create/read/erase through the API, eligibility checks, statistics beacons, public page GETs and
# privacy-center GETs. At the end it forces a GC and reads the heap again, prints p99 per minute, the drift from
# the first to the last whole minute, and the errors (any answer other than the one expected for the operation),
# and writes the same as JSON to bench/results/soak-<time>.json. Exit code 1 if there was any error.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes="${SOAK_MINUTES:-10}" threads="${SOAK_THREADS:-4}" build=1 keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) build=0; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

. bench/lib.sh

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
prepare_jar
work="target/soak-work/$stamp"
mkdir -p "$work" bench/results

status=0
java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  -Dvern.soak.minutes="$minutes" -Dvern.soak.threads="$threads" -Dvern.soak.stamp="$stamp" \
  -Dvern.bench.jar="$jar" -Dvern.bench.work="$work" -Dvern.bench.out="bench/results/soak-$stamp.json" \
  no.vern.bench.Soak || status=$?

if [ "$keep" = 0 ] && [ "$status" = 0 ]; then
  rm -rf "$work"
else
  echo "Database, keys and server log kept in $work"
fi
exit "$status"
