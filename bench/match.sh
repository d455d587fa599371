#!/usr/bin/env bash
# Scored matching benchmark (issue 13; never run by `verify`). Usage: bench/match.sh [rows] [people] [core|ingest]
# (defaults 100,000 pending rows without a clean ID number against a roster of 50,000). Generates the rows with the
# tests' labelled generator (every case of the issue), times the matching core alone and prints its false- and
# missed-link rates, then — unless `core` is given — stores roster and rows encrypted in a fresh embedded home and
# times IdentityMatcher.rematch() (decrypt, match, link with rollups, evidence, review queue) in a JVM of its own at
# -Xmx${MATCH_HEAP:-256m}, printing the old generation's peak. `ingest` instead stores the rows alone and has
# `java -jar target/lujing.jar ingest` load the roster last, at that heap. MAVEN_ARGS=-o builds offline.
# UPPER=8 tries another upper threshold in the core run. MATCH_DB=postgresql fills and matches in a throwaway
# PostgreSQL (Debian's package, as bench/ingest-pg.sh) instead of the embedded HSQLDB.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-100000}"
people="${2:-50000}"
build="${LUJING_BUILD_DIR:-target}"
./mvnw -q -B -DskipTests -Dlujing.build.dir="$build" compile
./mvnw -q -B -Dlujing.build.dir="$build" dependency:build-classpath -Dmdep.outputFile="$build/bench-classpath.txt"
cp="$build/classes:$(cat "$build/bench-classpath.txt")"
mkdir -p "$build/bench-classes" "$build/bench"
javac -encoding UTF-8 -d "$build/bench-classes" -cp "$cp" bench/src/org/lujing/bench/MatchBenchmark.java \
  src/test/java/org/lujing/identity/match/LabelledRows.java
home="$(mktemp -d "$PWD/$build/bench/match-home-XXXX")"
[ "${KEEP_HOME:-0}" = 1 ] || trap 'rm -rf "$home"' EXIT
if [ "${MATCH_DB:-hsqldb}" = postgresql ]; then
  source bench/postgres.sh
  trap 'pg_stop; [ "${KEEP_HOME:-0}" = 1 ] || rm -rf "$home"' EXIT
  as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U "$pguser" -d postgres -qc "CREATE DATABASE matching"
  export SPRING_PROFILES_ACTIVE=postgresql SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$port/matching"
  export SPRING_DATASOURCE_USERNAME="$pguser" SPRING_DATASOURCE_PASSWORD=bench
fi
run() { /usr/bin/time -f 'wall %e s, peak RSS %M KiB' java "$@"; }
if [ "${3:-}" = core ]; then
  run -Xmx2g ${UPPER:+-Dupper=$UPPER} -cp "$build/bench-classes:$cp" org.lujing.bench.MatchBenchmark "$rows" "$people" "$home" core
  exit
fi
# the generator holds every labelled row: it fills the home in a JVM of its own; the rematch then runs alone, at
# the heap a night has (MATCH_HEAP, default 256m)
if [ "${3:-}" = ingest ]; then
  # the roster arrives last, as a file: `ingest` (target/lujing.jar, built first) loads it and its completion step
  # ties the pending records
  [ -f "$build/lujing.jar" ] || { echo "build the jar first: ./mvnw -q -DskipTests package" >&2; exit 1; }
  run -Xmx2g -cp "$build/bench-classes:$cp" org.lujing.bench.MatchBenchmark "$rows" "$people" "$home" roster-file
  LUJING_HOME="$home" run -Xmx"${MATCH_HEAP:-256m}" -jar "$build/lujing.jar" ingest "$home-roster.csv" --source roster
  rm -f "$home-roster.csv"
  exit
fi
run -Xmx2g ${UPPER:+-Dupper=$UPPER} -cp "$build/bench-classes:$cp" org.lujing.bench.MatchBenchmark "$rows" "$people" "$home" fill
run -Xmx"${MATCH_HEAP:-256m}" -cp "$build/bench-classes:$cp" org.lujing.bench.MatchBenchmark "$rows" "$people" "$home" rematch
