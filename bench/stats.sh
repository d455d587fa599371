#!/usr/bin/env bash
# Statistics benchmark (never run by `verify`). Usage: bench/stats.sh [records]   (default 1,000,000)
# Builds the app, fills a fresh embedded home with N records spread over 2025 (JDBC batches, then
# StatisticsRollup.rebuild()), then runs `java -Xmx256m -jar target/lujing.jar stats --period P --json` five times
# for the year, a quarter and a month, and for an empty period (1990) to measure the command's own start-up,
# printing each run's wall time and peak RSS and the medians; then the query alone, timed in one JVM at -Xmx256m. MAVEN_ARGS=-o builds offline.
# LUJING_BUILD_DIR builds elsewhere than target/ (as -Dlujing.build.dir does). KEEP_HOME=1 keeps the home.
# PENDING_EVERY=1 leaves every record pending identification (a year loaded before its roster; default 100: 1%);
# PENDING_KEYS=distinct gives each pending record a key of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-1000000}"
build="${LUJING_BUILD_DIR:-target}"
runs=5
./mvnw -q -B -DskipTests -Dlujing.build.dir="$build" package
./mvnw -q -B -Dlujing.build.dir="$build" dependency:build-classpath -Dmdep.outputFile="$build/bench-classpath.txt"
# test-classes: bench/src is compiled as a whole, and MatchBenchmark uses the tests' generators (LabelledRows)
cp="$build/classes:$build/test-classes:$(cat "$build/bench-classpath.txt")"
mkdir -p "$build/bench-classes" "$build/bench"
javac -encoding UTF-8 -d "$build/bench-classes" -cp "$cp" $(find bench/src -name '*.java')
home="$(mktemp -d "$PWD/$build/bench/stats-home-XXXX")"
[ "${KEEP_HOME:-0}" = 1 ] || trap 'rm -rf "$home"' EXIT
java -Xmx2g -cp "$build/bench-classes:$cp" org.lujing.bench.StatisticsBenchmark "$records" "$home"

# the query alone, in one JVM capped like the command (no start-up in these figures)
java -Xmx256m -cp "$build/bench-classes:$cp" org.lujing.bench.StatisticsBenchmark "$records" "$home" measure \
  2025 2025-Q2 2025-06 2025-02-10..2025-11-20

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A med
for period in 1990 2025 2025-Q2 2025-06; do
  times=()
  for i in $(seq 1 $runs); do
    /usr/bin/time -o "$home/time.txt" -f '%e %M' \
      java -Xmx256m -jar "$build/lujing.jar" stats --home "$home" --period "$period" --json >"$home/out.json" 2>/dev/null
    secs="$(awk '{print $1}' "$home/time.txt")"
    rss="$(awk '{printf "%.0f", $2/1024}' "$home/time.txt")"
    times+=("$secs")
    echo "stats --period $period run $i: ${secs} s, peak RSS ${rss} MiB"
    [ "$i" = 1 ] && tr -d '\n' <"$home/out.json" | tr -s ' ' | cut -c1-400 && echo
  done
  med[$period]="$(printf '%s\n' "${times[@]}" | median)"
  echo "stats --period $period median of $runs: ${med[$period]} s"
done
for period in 2025 2025-Q2 2025-06; do
  awk -v p="$period" -v m="${med[$period]}" -v s="${med[1990]}" \
    'BEGIN {printf "%s: median %.2f s, %.2f s beyond the command'"'"'s own start-up (%.2f s on an empty period)\n", p, m, m - s, s}'
done
