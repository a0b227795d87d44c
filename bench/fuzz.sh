#!/usr/bin/env bash
# Coverage-guided fuzzing with random seeds (issue 14, item 4; issue 22): runs the Jazzer targets in the fuzz
# profile, one JVM per target. The normal build (`./mvnw verify`) never fuzzes: it replays each target's committed
# inputs (src/test/resources/<package>/<Class>Inputs/<method>/) deterministically.
#
# Usage: bench/fuzz.sh [--short] [--save N] [TestClassPattern]
#   (default)  the "long" variant of each target, 10 minutes each
#   --short    the 10-second variant of each target
#   --save N   afterwards, copy up to N inputs per target from the explored corpus (.cifuzz-corpus/) into the
#              committed inputs, so that every later build replays them; commit them (and any crash-* finding,
#              which Jazzer writes there itself, together with its fix)
# e.g. bench/fuzz.sh CsvParseFuzzing        bench/fuzz.sh --short --save 200
set -euo pipefail
cd "$(dirname "$0")/.."
groups=(-Dvern.fuzz.groups=long -Dvern.fuzz.excluded-groups=none)
save=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --short) groups=(); shift ;;
    --save) save="$2"; shift 2 ;;
    *) break ;;
  esac
done
pattern="${1:-*Fuzzing}"
status=0
./mvnw -q -Pfuzz test -Dtest="$pattern" -Dsurefire.failIfNoSpecifiedTests=false "${groups[@]}" || status=$?
echo "fuzzing finished (exit $status); corpus in .cifuzz-corpus/, findings (if any) under src/test/resources/**/*Inputs/crash-*"
if [[ "$save" -gt 0 ]]; then
  for dir in .cifuzz-corpus/*/*/; do
    class="$(basename "$(dirname "$dir")")"   # fully qualified class name
    method="$(basename "$dir")"
    method="${method%Long}"                   # the build replays the short variant's inputs
    target="src/test/resources/${class//.//}Inputs/$method"
    mkdir -p "$target"
    # The smallest inputs first (they cover the most per byte); names are content hashes, so reruns add no copies.
    find "$dir" -type f -printf '%s %p\n' | sort -n -k1,1 -k2,2 | head -n "$save" | cut -d' ' -f2- |
      while read -r file; do cp "$file" "$target/seed-$(sha1sum "$file" | cut -c1-16)"; done
    echo "saved $(ls "$target" | wc -l) inputs for $class.$method"
  done
fi
exit "$status"
