#!/bin/sh
# Runs every libFuzzer target (built by `make fuzz` under build-fuzz/)
# for a fixed number of runs over its seed corpus in tests/fuzz/corpus/.
#   tests/run-fuzz.sh BIN...        FUZZ_RUNS=N overrides the run count
# New inputs go to a temporary directory, never into the repository.
# A crash, leak, sanitizer report or timeout fails the target; its
# output (with the reproducer's file name) is printed. Ends with
# "fuzz: N passed, N failed".
set -u
cd "$(dirname "$0")/.."
runs=${FUZZ_RUNS:-20000}
pass=0
fail=0
for bin in "$@"; do
	name=$(basename "$bin" | sed 's/^fuzz_//')
	work=$(mktemp -d)
	if "$bin" -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix="$work/" "$work" "tests/fuzz/corpus/$name" \
	    >"$work/log" 2>&1; then
		pass=$((pass + 1))
		echo "ok   fuzz_$name ($(grep -c . "$work/log") log lines, $runs runs)"
	else
		fail=$((fail + 1))
		echo "FAIL fuzz_$name"
		tail -40 "$work/log"
		ls "$work" | grep -E '^(crash|leak|timeout|oom)-' | sed 's/^/  reproducer: /'
	fi
	rm -rf "$work"
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
