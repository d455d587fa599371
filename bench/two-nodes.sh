#!/usr/bin/env bash
# Two `serve` nodes on one PostgreSQL and one shared home: a scaled-down night (never run by `verify`).
#   bench/two-nodes.sh [files] [rows-per-file] [people]    default 40 files × 25,000 rows, 5,000 people (at most)
# Starts a throwaway PostgreSQL as bench/ingest-pg.sh does (Debian's package, installed when missing; a system user
# `lujingbench`, data under /tmp, 127.0.0.1 and a free port, default settings; stopped and deleted on exit), starts two
# nodes with one key (LUJING_KEY) on one home, loads the roster of IngestBenchData (5,000 people) through the inbox,
# then drops every ledger file into inbox/community/ at once (their people on that roster), waits until each file
# has an outcome, then runs the night (`nightly --date 2025-12-31`) and prints: the ingest's wall time and rows/s,
# the files each node took, and each nightly step's time. Homes and logs stay under target/bench/two-nodes-<start>/.
set -euo pipefail
cd "$(dirname "$0")/.."
files="${1:-40}"
rows="${2:-25000}"
people="${3:-5000}"

source bench/build.sh

run="target/bench/two-nodes-$(date +%Y%m%d-%H%M%S)"
home="$(pwd)/$run/home"
mkdir -p "$home" "$run/files"
pids=()
stop() {
  for p in "${pids[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pg_stop
}
source bench/postgres.sh
trap stop EXIT
as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$pguser" lujing
sql() { as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U "$pguser" -d lujing -tAc "$1"; }

# every record its own identity: record r is person r % people on day r / people of 2025 (so rows × files / people
# must stay within 365 days), a community activity at a partner
# the roster: IngestBenchData's (people i = 对象i, IDs from the same formula as below)
java -cp "target/bench-classes:$cp" org.lujing.bench.IngestBenchData 1000 target/bench >/dev/null
cp target/bench/ingest-1000/roster.xlsx "$run/roster.xlsx"
python3 - "$run/files" "$files" "$rows" "$people" <<'PY'
import sys, datetime
out, files, rows, people = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ids = []
for p in range(people):
    first17 = "430104%d%02d%02d%03d" % (1960 + p % 40, 1 + p % 12, 1 + p % 28, p % 1000)
    ids.append(first17 + "10X98765432"[sum(int(c) * k for c, k in zip(first17, w)) % 11])
start = datetime.date(2025, 1, 1)
for f in range(files):
    with open("%s/ledger-%03d.csv" % (out, f), "w", encoding="utf-8") as o:
        o.write("日期,姓名,身份证号,活动类型,合作单位\n")
        for i in range(rows):
            r = f * rows + i
            p = r % people
            o.write("%s,对象%d,%s,公益活动,湘江英烈纪念馆\n" % (start + datetime.timedelta(days=r // people), p, ids[p]))
PY
total=$((files * rows))
echo "$files files × $rows rows = $total rows, $people people"

export SPRING_PROFILES_ACTIVE=postgresql
export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$port/lujing" SPRING_DATASOURCE_USERNAME="$pguser" SPRING_DATASOURCE_PASSWORD=
export LUJING_KEY="$(openssl rand -base64 32)"
for n in a b; do
  java -Xmx512m -Dlujing.node.id="node-$n" -Dserver.port=0 -jar target/lujing.jar serve --home "$home" \
    >"$run/node-$n.log" 2>&1 &
  pids+=($!)
  until grep -qs "watching" "$run/node-$n.log"; do
    kill -0 "${pids[-1]}" 2>/dev/null || { echo "node-$n died, see $run/node-$n.log"; exit 1; }
    sleep 1
  done
done
echo "two nodes up"

mkdir -p "$home/inbox/roster" "$home/inbox/community"
mv "$run/roster.xlsx" "$home/inbox/roster/名册.xlsx"
until [[ "$(sql "SELECT COUNT(*) FROM ingest_file WHERE source_id = 'roster' AND outcome <> 'IN_PROGRESS'")" == 1 ]]; do
  sleep 2
done
sql "SELECT 'roster: ' || COUNT(*) || ' people' FROM subject"
t0=$(date +%s.%N)
mv "$run"/files/*.csv "$home/inbox/community/"
until [[ "$(sql "SELECT COUNT(*) FROM ingest_file WHERE source_id = 'community' AND outcome <> 'IN_PROGRESS'")" == "$files" ]] \
  && [[ -z "$(ls -A "$home/inbox/community")" ]]; do
  sleep 2
done
t1=$(date +%s.%N)
python3 -c "d=$t1-$t0; print('ingest: %d files, %d rows in %.1f s (%.0f rows/s)' % ($files, $total, d, $total/d))"
sql "SELECT j.node_id || ': ' || COUNT(*) || ' file(s)' FROM ingest_file f JOIN job_node j ON j.job_execution_id = f.job_execution_id GROUP BY j.node_id ORDER BY 1"
sql "SELECT 'outcomes: ' || string_agg(outcome || ' ' || n, ', ') FROM (SELECT outcome, COUNT(*) n FROM ingest_file GROUP BY outcome) o"
sql "SELECT 'records: ' || COUNT(*) || ', pending ' || COUNT(*) FILTER (WHERE subject_id IS NULL) FROM support_record"

java -Xmx512m -jar target/lujing.jar nightly --date 2025-12-31 --home "$home" >"$run/nightly.out" 2>&1 || {
  echo "the night failed, see $run/nightly.out"; exit 1; }
echo "nightly (2025-12-31), per step:"
sql "SELECT step || ': ' || ROUND(EXTRACT(EPOCH FROM finished_at - started_at)::numeric, 1) || ' s' FROM nightly_run ORDER BY position"
echo "homes and logs: $run"
