#!/usr/bin/env sh
# Register benchmark (issue 4): encrypted writes vs plaintext inserts, erasure of 10 vs 10,000 records.
# Figures are printed and written to target/register-bench.txt; copy them to docs/performance.md.
# Tune with -Dvern.bench.subjects=1000 -Dvern.bench.rounds=5.
set -e
cd "$(dirname "$0")/.."
./mvnw -q -B test -Dtest=RegisterBenchmark -Dvern.bench=true -Dsurefire.failIfNoSpecifiedTests=false "$@"
cat target/register-bench.txt
