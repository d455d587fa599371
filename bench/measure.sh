# Sourced by the benchmarks that time commands one by one (rejects.sh, findings.sh): `run NAME JAVA-ARGS…` runs
# `java -Xmx256m JAVA-ARGS…` with stdout and stderr in "$work/NAME.out" / ".err", prints its time, peak resident memory
# and exit code in a row under `measure_header`, and sets failed=1 when it failed or ran out of memory.
failed=0
measure_header() {
  printf '%-48s %9s %12s %5s\n' "command (-Xmx256m)" seconds "peak RSS MB" exit
}
run() {
  local name=$1; shift
  local t=$work/time.txt
  set +e
  /usr/bin/time -f "%e %M" -o "$t" java -Xmx256m "$@" > "$work/$name.out" 2> "$work/$name.err"
  local code=$?
  set -e
  read -r secs kb < "$t"
  printf '%-48s %9s %12d %5d\n' "$name" "$secs" $((kb / 1024)) "$code"
  if [[ $code != 0 ]] || grep -q OutOfMemoryError "$work/$name.err"; then failed=1; fi
}
