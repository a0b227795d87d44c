#!/usr/bin/env bash
# High availability figures (issue 27): recovery times and failed requests when a node, and when the primary
# database, is killed with SIGKILL under mixed load.
#
# Usage: bench/ha.sh
#
# Runs HighAvailabilityTest (src/test/java/no/vern/platform): two Vern nodes (separate JVMs) behind HAProxy on
# loopback, on a PostgreSQL primary with a synchronous hot standby made from Debian's postgresql-15 binaries in a temp
# folder; four clients send consent givings, consent checks, registrations and access requests through HAProxy. First
# the primary is killed and the standby promoted (pg_ctl promote, 1 s after the kill), then one node is killed. Needs
# haproxy and postgresql-15 (apt-get install haproxy postgresql-15); everything listens on 127.0.0.1 only, in
# target/ha and a temp folder, and stops by itself. Prints one line per scenario:
#     HA <scenario>: <requests> requests, <failed> failed, recovered (first success after the kill) in <s> s
# and keeps them in bench/results/ha-<time>.txt. The test's assertions (nothing acknowledged lost, only 503 with
# Retry-After during the failover, errors only on requests in flight on the killed node) must hold, or it exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p target/ha bench/results
rm -f target/ha/results.txt
status=0
./mvnw -q -ntp test -Dtest=HighAvailabilityTest -Dsurefire.failIfNoSpecifiedTests=false >"target/ha/ha-$stamp.log" 2>&1 || status=$?
if [ -f target/ha/results.txt ]; then
  cp target/ha/results.txt "bench/results/ha-$stamp.txt"
  cat target/ha/results.txt
else
  echo "no figures: the test did not run (see target/ha/ha-$stamp.log)"
fi
if [ "$status" -ne 0 ]; then
  echo "HighAvailabilityTest FAILED (exit $status); see target/ha/ha-$stamp.log and target/surefire-reports" >&2
  exit 1
fi
