#!/usr/bin/env bash
# Long fuzzing run (issue 14, item 4): runs every Jazzer target's "long" variant (10 minutes each,
# one JVM per target, random seeds). The normal build (`./mvnw verify`) only replays each target's committed
# inputs, deterministically.
# Findings are written by Jazzer under src/test/resources/<package>/<Class>Inputs/<method>/ and from
# then on run as regression tests in every build; commit them together with the fix.
# Usage: bench/fuzz.sh [TestClassPattern]   e.g. bench/fuzz.sh CsvParseFuzzing
set -euo pipefail
cd "$(dirname "$0")/.."
pattern="${1:-*Fuzzing}"
./mvnw -q -Pfuzz test -Dtest="$pattern" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dvern.fuzz.groups=long -Dvern.fuzz.excluded-groups=none
echo "fuzzing finished; corpus in .cifuzz-corpus/, findings (if any) under src/test/resources/**/*Inputs/"
