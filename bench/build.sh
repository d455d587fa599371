# Sourced by the bench scripts: builds target/lujing.jar, the classpath and bench/src; sets $cp.
# BENCH_SKIP_BUILD=1 uses what target/ holds (e.g. while another benchmark runs from it).
if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  ./mvnw -q -B -DskipTests package
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
fi
# test-classes: a benchmark may use the tests' generators (MatchBenchmark uses LabelledRows)
cp="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  mkdir -p target/bench-classes
  javac -encoding UTF-8 -d target/bench-classes -cp "$cp" $(find bench/src -name '*.java')
fi
