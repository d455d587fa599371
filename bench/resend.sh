#!/usr/bin/env bash
# A partner's cumulative file sent again (never run by `verify`). Usage: bench/resend.sh [rows] [rounds]
# (default 100,000 rows, 3 rounds). Per round, on a fresh home with -Xmx256m: the roster, then `IngestBenchData`'s
# .csv of ROWS rows (the first month), then the same rows with two new ones appended (the next month's cumulative
# file: every old row merges into its record, two records are new). Prints both jobs' durations (from `jobs --json`)
# and their ratio, and the medians (BENCH_JAR=other.jar measures another build on the same data); exits 1 when a
# resend's accounting is not "2 accepted, every other row merged". BENCH_DB=postgresql runs it on a throwaway
# PostgreSQL (bench/postgres.sh: Debian's package, default settings), a fresh database per round.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-100000}"
rounds="${2:-3}"
source bench/build.sh
if [[ "${BENCH_DB:-}" == postgresql ]]; then
  source bench/postgres.sh
  trap pg_stop EXIT
  export SPRING_PROFILES_ACTIVE=postgresql SPRING_DATASOURCE_USERNAME="$pguser" SPRING_DATASOURCE_PASSWORD=bench
fi
data=$(java -cp "target/bench-classes:$cp" org.lujing.bench.IngestBenchData "$rows" target/bench | tail -1)
work=target/bench/resend-$rows
mkdir -p "$work"
first=$work/month1.csv
resend=$work/month2.csv
cp "$data/community.csv" "$first"
{
  cat "$first"
  echo "$((rows + 1)),2025-12-30,对象1697,430104197706186971,公益活动,公益活动第99期,湖南航天医院,2.0"
  echo "$((rows + 2)),2025-12-29,对象1697,430104197706186971,公益活动,公益活动第98期,湖南航天医院,2.0"
} > "$resend"
# BENCH_JAR=path compares another build (an older jar) on the same data
lujing() { java -Xmx256m -jar "${BENCH_JAR:-target/lujing.jar}" "$@" --home "$work/home"; }
# seconds between a job's startTime and endTime in `jobs --json` (newest first), for job #N counted from the newest
job_seconds() {
  lujing jobs --json 2>/dev/null | grep -E '"(startTime|endTime)"' | sed -n "$(($1 * 2 + 1)),$(($1 * 2 + 2))p" \
    | sed -E 's/.*: "([^"]+)".*/\1/' | { read -r s; read -r e; echo "$(date -d "$e" +%s.%N) - $(date -d "$s" +%s.%N)" | bc; }
}
printf '%-6s %12s %12s %8s  %s\n' round "first (s)" "resend (s)" ratio "resend's accounting"
firsts=(); resends=()
for ((r = 1; r <= rounds; r++)); do
  rm -rf "$work/home"
  if [[ "${BENCH_DB:-}" == postgresql ]]; then
    PGOPTIONS="-c client_min_messages=warning" as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U "$pguser" -d postgres -q -c "DROP DATABASE IF EXISTS resend_$r" \
      -c "CREATE DATABASE resend_$r"
    export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$port/resend_$r"
  fi
  lujing ingest "$data/roster.xlsx" --source roster > /dev/null 2>&1
  lujing ingest "$first" --source university > /dev/null 2>&1
  out=$(LUJING_LANG=en lujing ingest "$resend" --source university 2>&1 | tail -1)
  f=$(job_seconds 1); s=$(job_seconds 0)
  firsts+=("$f"); resends+=("$s")
  printf '%-6s %12.1f %12.1f %8.2f  %s\n' "$r" "$f" "$s" "$(echo "$s / $f" | bc -l)" "${out#*: }"
  if ! grep -q "accepted 2, merged $rows, rejected 0, skipped 0" <<< "$out"; then
    echo "unexpected accounting for the resend: $out" >&2
    exit 1
  fi
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
mf=$(median "${firsts[@]}"); ms=$(median "${resends[@]}")
printf 'median %12.1f %12.1f %8.2f  (%s rows, %s round(s), %s, load average now %s)\n' "$mf" "$ms" \
  "$(echo "$ms / $mf" | bc -l)" "$rows" "$rounds" "${BENCH_DB:-hsqldb}" "$(cut -d' ' -f1-3 /proc/loadavg)"
