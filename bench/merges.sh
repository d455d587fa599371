#!/usr/bin/env bash
# Merged-cells reading benchmark (never run by `verify`). Usage: bench/merges.sh [rows] [merged regions]
# (default 1,000,000 rows, 200,000 regions: each person's 姓名 and 身份证号 merged down over their rows). Generates
# the .xlsx under target/bench (kept for reruns) and streams it through the product's reader with -Xmx256m,
# printing time and peak heap, then the same rows without merges for comparison; exits 1 when a row lost its person.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/build.sh
java -Xmx256m -cp "target/bench-classes:$cp" org.lujing.bench.MergedXlsxReadBenchmark "${1:-1000000}" "${2:-200000}" target/bench
