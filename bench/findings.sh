#!/usr/bin/env bash
# Findings at scale (never run by `verify`). Usage: bench/findings.sh [rows] (default 400,000).
# The ingest benchmark's ledger (rows records of 5,000 people in 2025) is loaded with a roster whose supervision
# periods ended in 2024, so every record is an OUTSIDE_SUPERVISION finding; then, each with -Xmx256m as an admin or
# the night would: reconcile (opens them), reconcile again (sees them again), `findings`, `findings --json`, the
# findings report; then the right roster, and reconcile clears them. Prints each command's time, peak resident memory
# and exit code; exits 1 when one failed or the counts are wrong. (Before 2026-11-30 reconcile died of
# OutOfMemoryError at 400,000 such records, and so did `findings`.)
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-400000}"
source bench/build.sh
data=$(java -cp "target/bench-classes:$cp" org.lujing.bench.IngestBenchData "$rows" target/bench | tail -1)
work=target/bench/findings-$rows
home=$work/home
rm -rf "$work"
mkdir -p "$work/wrong" "$work/right"
java -cp "target/bench-classes:$cp" org.lujing.bench.RosterPeriods "$work/wrong/roster-ended-2024.csv" 2024-01-01 2024-12-31
java -cp "target/bench-classes:$cp" org.lujing.bench.RosterPeriods "$work/right/roster-2024-2026.csv" 2024-06-01 2026-12-31

source bench/measure.sh
measure_header
lujing=(-jar target/lujing.jar)
run "ingest the roster that ended in 2024" "${lujing[@]}" ingest "$work/wrong/roster-ended-2024.csv" --source roster --home "$home"
run "ingest the ledger ($rows rows, .csv)" "${lujing[@]}" ingest "$data/community.csv" --source university --home "$home"
run "reconcile (every record outside)" "${lujing[@]}" reconcile --date 2026-01-31 --json --home "$home"
run "reconcile again (the same date)" "${lujing[@]}" reconcile --date 2026-01-31 --json --home "$home"
run "findings" "${lujing[@]}" findings --home "$home"
run "findings --json" "${lujing[@]}" findings --json --home "$home"
run "report --kind findings" "${lujing[@]}" report --kind findings --out "$work/report" --home "$home"
run "ingest the right roster" "${lujing[@]}" ingest "$work/right/roster-2024-2026.csv" --source roster --home "$home"
run "reconcile (every one cleared)" "${lujing[@]}" reconcile --date 2026-02-01 --json --home "$home"

python3 - "$work" "$data" <<'PY' || failed=1
import json, sys
work, data = sys.argv[1], sys.argv[2]
expected = dict(l.strip().split("=", 1) for l in open(f"{data}/expected.properties") if "=" in l and not l.startswith("#"))
records = int(expected["distinct"])
def rule(name, run):
    return [r for r in json.load(open(f"{work}/{run}.out"))["rules"] if r["rule"] == name][0]
opened = rule("OUTSIDE_SUPERVISION", "reconcile (every record outside)")
again = rule("OUTSIDE_SUPERVISION", "reconcile again (the same date)")
cleared = rule("OUTSIDE_SUPERVISION", "reconcile (every one cleared)")
listed = json.load(open(f"{work}/findings --json.out"))
report = json.load(open(f"{work}/report/findings-current.json"))
checks = {
    f"reconcile opens one finding per record ({records:,})": opened["new"] == records,
    "reconcile again sees each again, opens and clears none": again == {**again, "new": 0, "seenAgain": records, "cleared": 0},
    "findings --json lists each once": len(listed) == records and len({f["id"] for f in listed}) == records,
    "the findings report's JSON lists each once": len(report) == records,
    "the right roster clears every one": cleared["cleared"] == records and cleared["new"] == 0,
}
for name, ok in checks.items():
    print(("ok   " if ok else "FAIL ") + name)
sys.exit(0 if all(checks.values()) else 1)
PY
exit $failed
