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
pguser=lujingbench

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get install -y postgresql >/dev/null
fi
bin="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
id -u "$pguser" >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin "$pguser"
as_pg() { if [[ "$(id -u)" == 0 ]]; then runuser -u "$pguser" -- "$@"; else "$@"; fi; }

source bench/build.sh

data="$(mktemp -d /tmp/lujing-bench-pg.XXXXXX)"
chown "$pguser" "$data" 2>/dev/null || true
stop() {
  as_pg "$bin/pg_ctl" -D "$data/db" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap stop EXIT
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_pg "$bin/initdb" -D "$data/db" -U "$pguser" --auth=trust -E UTF8 --no-locale >"$data/initdb.log"
as_pg "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $data" start >/dev/null
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data $data/db, default settings)"

java -Xmx2g -cp "target/bench-classes:$cp" org.lujing.bench.IngestBenchmark --jar target/lujing.jar --work target/bench \
  --rows "$rows" --rounds "$rounds" --formats "${BENCH_FORMATS:-csv}" \
  --pg-url "jdbc:postgresql://127.0.0.1:$port/" --pg-user "$pguser"
