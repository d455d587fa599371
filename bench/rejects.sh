#!/usr/bin/env bash
# Rejected rows at scale (never run by `verify`). Usage: bench/rejects.sh [rows] (default 300,000).
# A partner's file whose every row is refused (an activity word the source's vocabulary does not know) is ingested;
# then every reader of rejected rows runs on it with -Xmx256m, as an admin would: `rejects` (text and --json), the
# data-quality report, a retry with the vocabulary unchanged, and a retry after the word was mapped (every row joins).
# Prints each command's time, peak resident memory and exit code; exits 1 when one failed or the counts are wrong.
# bench/rejects.sh [rows] distinct: every row its own record (5,000 people × 365 days × 3 units) instead of one
# person's 1,095, so the mapped retry creates a record per row, as a real partner's refused file would.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-300000}"
shape="${2:-merging}"
if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  ./mvnw -q -B -DskipTests package
fi
work=target/bench/rejects-$rows-$shape
home=$work/home
rm -rf "$work"
mkdir -p "$work"
csv=$work/all-refused.csv
if [[ $shape == distinct ]]; then
# person i % 5,000 (a valid GB 11643 ID each), day (i / 5,000) % 365, unit (i / 1,825,000) % 3: distinct identities
awk -v n="$rows" 'BEGIN {
  print "序号,日期,姓名,身份证号,活动类型,活动名称,合作单位,时长（小时）"
  split("湖南工商大学 湘江英烈纪念馆 长沙高新区总工会", unit, " ")
  split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " "); check = "10X98765432"
  split("31 28 31 30 31 30 31 31 30 31 30 31", len, " ")
  for (p = 0; p < 5000; p++) {
    id = sprintf("430104198001%02d%03d", 1 + int(p / 1000), p % 1000); s = 0
    for (k = 1; k <= 17; k++) s += substr(id, k, 1) * w[k]
    ids[p] = id substr(check, s % 11 + 1, 1)
  }
  for (i = 0; i < n; i++) {
    d = int(i / 5000) % 365; m = 1
    while (d >= len[m]) { d -= len[m]; m++ }
    printf "%d,2025-%02d-%02d,对象%d,%s,心理疏导新词,第%d期,%s,1.0\n", i + 1, m, d + 1, i % 5000, ids[i % 5000], i, unit[int(i / 1825000) % 3 + 1]
  }
}' > "$csv"
else
# one person, a day and a unit per row (365 × 3 distinct records at most), the activity word unknown to university
awk -v n="$rows" 'BEGIN {
  print "序号,日期,姓名,身份证号,活动类型,活动名称,合作单位,时长（小时）"
  split("湖南工商大学 湘江英烈纪念馆 长沙高新区总工会", unit, " ")
  for (i = 0; i < n; i++) {
    d = i % 365; m = 1; split("31 28 31 30 31 30 31 31 30 31 30 31", len, " ")
    while (d >= len[m]) { d -= len[m]; m++ }
    printf "%d,2025-%02d-%02d,赵一,430104198001010014,心理疏导新词,第%d期,%s,1.0\n", i + 1, m, d + 1, i, unit[i % 3 + 1]
  }
}' > "$csv"
fi
jobs_mapped=$work/jobs-mapped
cp -r jobs "$jobs_mapped"
sed -i 's/LEGAL_EDUCATION: \[法律讲堂\]/LEGAL_EDUCATION: [法律讲堂, 心理疏导新词]/' "$jobs_mapped/sources/university.yaml"
grep -q 心理疏导新词 "$jobs_mapped/sources/university.yaml"

source bench/measure.sh
measure_header
run "ingest ($rows rows, every one refused)" -jar target/lujing.jar ingest "$csv" --source university --home "$home"
run "rejects --file 1" -jar target/lujing.jar rejects --file 1 --home "$home"
run "rejects --json" -jar target/lujing.jar rejects --json --home "$home"
run "report --kind quality" -jar target/lujing.jar report --kind quality --out "$work/quality" --home "$home"
run "rejects retry (vocabulary unchanged)" -jar target/lujing.jar rejects retry --file 1 --json --home "$home"
run "rejects retry (word mapped: every row joins)" -Dlujing.jobs-dir="$jobs_mapped" -jar target/lujing.jar \
  rejects retry --file 1 --json --home "$home"
run "files --json" -jar target/lujing.jar files --json --home "$home"

python3 - "$work" "$rows" "$shape" <<'PY' || failed=1
import json, sys
work, rows, shape = sys.argv[1], int(sys.argv[2]), sys.argv[3]
refused = json.load(open(f"{work}/rejects --json.out"))
quality = json.load(open(f"{work}/quality/quality.json"))
unchanged = json.load(open(f"{work}/rejects retry (vocabulary unchanged).out"))
mapped = json.load(open(f"{work}/rejects retry (word mapped: every row joins).out"))
f = [x for x in json.load(open(f"{work}/files --json.out")) if x["id"] == 1][0]
checks = {
    "rejects --json lists every row": len(refused) == rows,
    "quality.json lists every row": sum(len(q["rejects"]) for q in quality) == rows,
    "an unchanged retry leaves every row rejected": unchanged["stillRejected"] == rows,
    "a mapped retry lets every row join": mapped["accepted"] + mapped["merged"] == rows and mapped["stillRejected"] == 0,
    "distinct rows each make a record": shape != "distinct" or mapped["accepted"] == rows,
    "the file balances and is LOADED": f["outcome"] == "LOADED" and f["balanced"] and f["read"] == rows,
}
for name, ok in checks.items():
    print(("ok   " if ok else "FAIL ") + name)
sys.exit(0 if all(checks.values()) else 1)
PY
exit $failed
