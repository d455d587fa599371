#!/usr/bin/env bash
# Ingest growth (never run by `verify`): bench/ingest.sh at 100,000 and 1,000,000 rows in one run, printing
# time(1M)/time(100k) for Lujing (target ≤ 11) and for the lean loop.   bench/growth.sh [rounds]   (default 3)
exec "$(dirname "$0")/ingest.sh" --growth "$@"
