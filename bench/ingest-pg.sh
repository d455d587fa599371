#!/usr/bin/env bash
# Ingest benchmark on PostgreSQL (never run by `verify`): bench/ingest.sh's comparison with both sides writing to a
# throwaway PostgreSQL server — Lujing with SPRING_PROFILES_ACTIVE=postgresql, the lean loop with pgjdbc's CopyManager
# (COPY ... FROM STDIN (FORMAT binary), one per 5,000 rows) — on the .csv, a fresh database per run.
#   bench/ingest-pg.sh [rows] [rounds]     default 1,000,000 rows, 3 rounds; BENCH_FORMATS=xlsx,csv for both
# Uses Debian's PostgreSQL (installs the `postgresql` package when /usr/lib/postgresql/*/bin/initdb is missing).
# initdb refuses root, so the server runs as a system user `lujingbench` (created if missing), data under /tmp,
# listening on 127.0.0.1 and a free port only, trust authentication; stopped and deleted on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
rounds="${2:-3}"
source bench/build.sh
source bench/postgres.sh
trap pg_stop EXIT

java -Xmx2g -cp "target/bench-classes:$cp" org.lujing.bench.IngestBenchmark --jar target/lujing.jar --work target/bench \
  --rows "$rows" --rounds "$rounds" --formats "${BENCH_FORMATS:-csv}" \
  --pg-url "jdbc:postgresql://127.0.0.1:$port/" --pg-user "$pguser"
