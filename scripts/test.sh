#!/bin/sh
# The README's test command: installs what is missing, builds, and runs
# every test (unit + end-to-end + browser) on the normal build, the store's
# unit tests and the end-to-end tests again with the store in a private
# PostgreSQL cluster (make test-pg), and everything again
# under AddressSanitizer + UndefinedBehaviorSanitizer, then the libFuzzer
# targets for a fixed number of runs, then builds the Debian package and
# runs what it installs (tests/pkg/test-deb.sh).  Ends with one
# "N passed, N failed" line.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
if [ -f package-lock.json ]; then
	npm ci --no-audit --no-fund --silent >/dev/null
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
make -j2 test 2>&1 | tee "$log" || status=1
make -j2 test-pg 2>&1 | tee -a "$log" || status=1
make -j2 asan 2>&1 | tee -a "$log" || status=1
make -j2 fuzz 2>&1 | tee -a "$log" || status=1
tests/pkg/test-deb.sh 2>&1 | tee -a "$log" || status=1
# totals from the unit runner and node's test runner summaries
pass=$(sed -n 's/^\(unit\|fuzz\|pkg\): \([0-9]*\) passed.*/\2/p; s/^ℹ pass \([0-9]*\)$/\1/p' "$log" |
    awk '{s+=$1} END {print s+0}')
fail=$(sed -n 's/^\(unit\|fuzz\|pkg\): [0-9]* passed, \([0-9]*\) failed.*/\2/p; s/^ℹ fail \([0-9]*\)$/\1/p' "$log" |
    awk '{s+=$1} END {print s+0}')
[ "$status" -ne 0 ] && [ "$fail" -eq 0 ] && fail=1
echo "$pass passed, $fail failed"
[ "$status" -eq 0 ] && [ "$fail" -eq 0 ]
