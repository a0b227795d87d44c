#!/usr/bin/env bash
# Long fuzzing run (issue 14, item 4): runs every Jazzer target's "long" variant (10 minutes each,
# one JVM per target). The normal build (`./mvnw verify`) fuzzes each target for 10 s.
# Findings are written by Jazzer under src/test/resources/<package>/<Class>Inputs/<method>/ and from
# then on run as regression tests in every build; commit them together with the fix.
# Usage: bench/fuzz.sh [TestClassPattern]   e.g. bench/fuzz.sh CsvParseFuzzing
set -euo pipefail
cd "$(dirname "$0")/.."
pattern="${1:-*Fuzzing}"
./mvnw -q test -Dtest="$pattern" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dvern.fuzz.groups=long -Dvern.fuzz.excluded-groups=none
echo "fuzzing finished; corpus in .cifuzz-corpus/, findings (if any) under src/test/resources/**/*Inputs/"
