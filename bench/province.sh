#!/usr/bin/env bash
# Province scale on PostgreSQL (never run by `verify`): a ledger of N records of P people over 2025 (default
# 10,000,000 records, 50,000 people) in a throwaway PostgreSQL (Debian's package, as bench/ingest-pg.sh), then the
# night's read side, each command in its own JVM as an administrator runs it, timed with its peak resident memory:
#   stats --period 1990 / 2025 (3 runs each: the year's median beyond the command's own start-up), then the
#   statistics query in process (5 runs per period, no start-up),
#   reconcile --date 2025-12-31 (-Xmx512m), then the findings, statistics and ledger workbooks (-Xmx512m each).
#   bench/province.sh [records] [people]
# The home and logs are under target/bench/province-<start>/ (the home is deleted at the end; KEEP_HOME=1 keeps it).
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-10000000}"
people="${2:-50000}"
source bench/build.sh
source bench/postgres.sh
run="target/bench/province-$(date +%Y%m%dT%H%M%S)"
home="$PWD/$run/home"
mkdir -p "$home" "$run/logs"
cleanup() { pg_stop; [[ "${KEEP_HOME:-0}" == 1 ]] || rm -rf "$home"; }
trap cleanup EXIT
as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U "$pguser" -d postgres -qc "CREATE DATABASE province"
export SPRING_PROFILES_ACTIVE=postgresql SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$port/province"
export SPRING_DATASOURCE_USERNAME="$pguser" SPRING_DATASOURCE_PASSWORD=bench
echo "province bench: $records records, $people people, PostgreSQL on 127.0.0.1:$port, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx2g -cp "target/bench-classes:$cp" org.lujing.bench.ProvinceFill "$records" "$people" "$home"

# one command in its own JVM: prints its wall time, peak RSS and exit status; its output goes to the logs
timed() {
  local name="$1" heap="$2"
  shift 2
  local status=0
  /usr/bin/time -o "$run/logs/$name.time" -f '%e %M' java "$heap" -jar target/lujing.jar "$@" --home "$home" \
    >"$run/logs/$name.out" 2>"$run/logs/$name.err" || status=$?
  # GNU time puts "Command exited with non-zero status" or "terminated by signal" on a line of its own first
  read -r secs kib < <(tail -1 "$run/logs/$name.time") || true
  [[ "$secs" =~ ^[0-9.]+$ && "$kib" =~ ^[0-9]+$ ]] || { secs=0; kib=0; }
  printf '%-28s %8.1f s  peak RSS %5d MiB  exit %d  (load %s)\n' "$name" "${secs:-0}" "$(( ${kib:-0} / 1024 ))" \
    "$status" "$(cut -d' ' -f1 /proc/loadavg)"
  echo "${secs:-0}" >"$run/logs/$name.secs"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for i in 1 2 3; do timed "stats-1990-$i" -Xmx256m stats --period 1990 --json; done
for i in 1 2 3; do timed "stats-2025-$i" -Xmx256m stats --period 2025 --json; done
empty="$(cat "$run"/logs/stats-1990-*.secs | median)"
year="$(cat "$run"/logs/stats-2025-*.secs | median)"
awk -v y="$year" -v e="$empty" 'BEGIN {printf "stats --period 2025: median %.2f s, %.2f s beyond the command'"'"'s own start-up (%.2f s)\n", y, y - e, e}'
head -c 300 "$run/logs/stats-2025-1.out"; echo
# the query itself, without the command's start-up: StatisticsQuery.compute five times per period in one JVM
java -Xmx256m -cp "target/bench-classes:$cp" org.lujing.bench.StatisticsBenchmark "$records" "$home" measure \
  2025 2025-Q2 2025-06 2025-02-10..2025-11-20 2>/dev/null | grep "in-process"
timed reconcile -Xmx512m reconcile --date 2025-12-31 --json
head -c 400 "$run/logs/reconcile.out"; echo
timed report-findings -Xmx512m report --kind findings --period 2025
timed report-statistics -Xmx512m report --kind statistics --period 2025
timed report-ledger -Xmx512m report --kind ledger --period 2025
ls -l "$home/reports/2025/" 2>/dev/null | awk 'NR > 1 {printf "  %s %.1f MB\n", $9, $5 / 1e6}'
echo "logs: $run/logs"
