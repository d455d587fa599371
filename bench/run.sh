#!/usr/bin/env bash
# Benchmarks (never run by `verify`). Usage: bench/run.sh [rows]   (default 1,000,000)
# Builds the app, compiles bench/src against it, generates a large .xlsx under target/bench (kept for reruns)
# and ingests it with the heap capped at 256 MB, printing rows per second and the peak heap.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
./mvnw -q -B -DskipTests package
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
cp="target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-classes
javac -encoding UTF-8 -d target/bench-classes -cp "$cp" $(find bench/src -name '*.java')
java -Xmx256m -cp "target/bench-classes:$cp" org.lujing.bench.LargeXlsxIngestBenchmark "$rows" target/bench
