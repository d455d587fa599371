#!/usr/bin/env bash
# Scored matching benchmark (issue 13; never run by `verify`). Usage: bench/match.sh [rows] [people] [core]
# (defaults 100,000 pending rows without a clean ID number against a roster of 50,000). Generates the rows with the
# tests' labelled generator (every case of the issue), times the matching core alone and prints its false- and
# missed-link rates, then — unless `core` is given — stores roster and rows encrypted in a fresh embedded home and
# times IdentityMatcher.rematch() (decrypt, match, link with rollups, evidence, review queue). MAVEN_ARGS=-o builds offline.
# UPPER=8 tries another upper threshold in the core run.
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
/usr/bin/time -f 'wall %e s, peak RSS %M KiB' java -Xmx2g ${UPPER:+-Dupper=$UPPER} -cp "$build/bench-classes:$cp" org.lujing.bench.MatchBenchmark \
  "$rows" "$people" "$home" ${3:-}
