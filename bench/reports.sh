#!/usr/bin/env bash
# Report benchmark (never run by `verify`). Usage: bench/reports.sh [records]   (default 1,000,000)
# Builds the app, compiles bench/src against it, fills a fresh home's ledger with N records for 2025 and writes the
# year's statistics and per-person ledger workbooks with the heap capped at 256 MB, printing the time and the peak
# heap of each. MAVEN_ARGS=-o builds offline (Maven 3.9 reads MAVEN_ARGS).
# BENCH_JAVA_OPTS=-Dbench.reports=ledger (or statistics) measures one workbook alone.
# LUJING_BUILD_DIR builds elsewhere than target/ (as -Dlujing.build.dir does), e.g. beside a running build.
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-1000000}"
build="${LUJING_BUILD_DIR:-target}"
./mvnw -q -B -DskipTests -Dlujing.build.dir="$build" package
./mvnw -q -B -Dlujing.build.dir="$build" dependency:build-classpath -Dmdep.outputFile="$build/bench-classpath.txt"
cp="$build/classes:$(cat "$build/bench-classpath.txt")"
mkdir -p "$build/bench-classes"
javac -encoding UTF-8 -d "$build/bench-classes" -cp "$cp" $(find bench/src -name '*.java')
java -Xmx256m ${BENCH_JAVA_OPTS:-} -cp "$build/bench-classes:$cp" org.lujing.bench.ReportWorkbookBenchmark "$records" "$build/bench"
