# Shared by bench/run.sh and bench/soak.sh (sourced, not run): the Maven wrapper offline-first, and
# prepare_jar, which builds Vern unless build=0, writes the test class path to target/bench-classpath.txt and
# sets $jar to the packaged application.

mvn() { ./mvnw -q -B -o "$@" 2>/dev/null || ./mvnw -q -B "$@"; }

prepare_jar() {
  if [ "$build" = 1 ]; then
    echo "Building Vern (./mvnw -q -Pcds -DskipTests package: the jar, extracted, and its CDS archive) ..."
    mvn -Pcds -DskipTests package
  fi
  if [ "$build" = 1 ] || [ ! -s target/bench-classpath.txt ]; then
    mvn dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
  fi
  jar="$(ls target/vern-*.jar | grep -v '\.original$' | head -1)"
  # The extracted jar with its CDS archive (README), when the archive is at least as new as the packaged jar.
  cds_archive=""
  if [ -s target/app/vern.jsa ] && [ -f "target/app/$(basename "$jar")" ] && [ ! target/app/vern.jsa -ot "$jar" ]; then
    jar="target/app/$(basename "$jar")"
    cds_archive="target/app/vern.jsa"
  fi
}
