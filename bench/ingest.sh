#!/usr/bin/env bash
# Ingest benchmark (never run by `verify`): Lujing against a lean hand-written JDBC loop on the same generated file,
# back to back in one run, each JVM with -Xmx256m.
#   bench/ingest.sh [rows] [rounds]      default 1,000,000 rows, 3 rounds; .xlsx (community) and .csv (university)
#   bench/ingest.sh --growth [rounds]    the same at 100,000 and 1,000,000 rows, and time(1M)/time(100k)
# BENCH_FORMATS=xlsx (or csv) runs one format only. Data is generated once (seeded) under target/bench/ingest-<rows>/.
# Prints every round and the medians: Lujing end to end (`java -jar target/lujing.jar ingest FILE --source S`, JVM and
# Spring start-up included) and its job's own duration (from `jobs --json`), the lean loop end to end and its load
# alone; rows/s and Lujing/lean throughput ratios; checks each run's accounting and record count.
set -euo pipefail
cd "$(dirname "$0")/.."
growth=""
if [[ "${1:-}" == "--growth" ]]; then
  growth="--growth"; shift
  rows="100000,1000000"
else
  rows="${1:-1000000}"
  [[ $# -gt 0 ]] && shift
fi
rounds="${1:-3}"
source bench/build.sh
java -Xmx2g -cp "target/bench-classes:$cp" org.lujing.bench.IngestBenchmark --jar target/lujing.jar --work target/bench \
  --rows "$rows" --rounds "$rounds" --formats "${BENCH_FORMATS:-xlsx,csv}" $growth
