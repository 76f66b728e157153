#!/bin/sh
# The long fuzz run, made by hand once in a while (issue 14: "every
# libFuzzer target run for 10 million executions, with the corpus
# kept"); CI runs the short one (tests/run-fuzz.sh, `make fuzz`).
#
#   tests/run-fuzz-long.sh [RUNS] [TARGET...]   (default 10000000, all)
#   FUZZ_TIMEOUT=S   seconds one input may take before it counts as a
#                    hang (default 25: the machine these runs share is
#                    loaded, and 10 s once failed a healthy run)
#
# Builds the targets as `make fuzz` does (clang, ASan + UBSan), runs
# each for RUNS executions over a scratch copy of its seed corpus, then
# merges what was found back into tests/fuzz/corpus/<target> with
# libFuzzer's -merge=1, which keeps only inputs that add coverage, so
# the kept corpus stays small and the next short run in CI starts from
# everything the long one reached.
#
# The merge happens however the run ends: a crash, a timeout, or a
# SIGTERM/SIGINT to this script (passed on to the fuzzer as SIGTERM,
# which makes libFuzzer print its final stats and stop).  That is how a
# run resumes: stop it, and run the script again with the executions
# still owed; it starts from the corpus the stopped run reached.
#
# A crash stops that target: its reproducer is copied to
# tests/fuzz/crash-<target>-* and the script ends non-zero.  Prints one
# line per target: executions, seconds, executions per second, corpus
# size before and after.  libFuzzer's own output stays in
# build-fuzz/fuzz/<target>.long.log (progress: its "#N pulse" lines).
set -u
cd "$(dirname "$0")/.."
runs=${1:-10000000}
[ $# -gt 0 ] && shift
timeout=${FUZZ_TIMEOUT:-25}
make -s CC=clang BUILD=build-fuzz OPT=-O1 \
    SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
    $(ls tests/fuzz/fuzz_*.c | sed 's|tests/fuzz/\(.*\)\.c|build-fuzz/fuzz/\1|') || exit 1
if [ $# -eq 0 ]; then
	set -- $(ls tests/fuzz/fuzz_*.c | sed 's|tests/fuzz/fuzz_\(.*\)\.c|\1|')
fi

# executions a run reached: libFuzzer's final stats, or its last "#N"
# progress line when it died before printing them
reached() {
	n=$(sed -n 's/^stat::number_of_executed_units: //p' "$1" | tail -1)
	[ -n "$n" ] || n=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$1" | tail -1)
	echo "${n:-0}"
}

stop=0
pid=
trap 'stop=1; [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null' INT TERM
fail=0
for name in "$@"; do
	[ "$stop" -eq 1 ] && break
	bin=build-fuzz/fuzz/fuzz_$name
	seeds=tests/fuzz/corpus/$name
	log=build-fuzz/fuzz/fuzz_$name.long.log
	work=$(mktemp -d)
	mkdir -p "$work/corpus" "$seeds"
	cp "$seeds"/* "$work/corpus/" 2>/dev/null
	before=$(ls "$seeds" | wc -l)
	t0=$(date +%s)
	"$bin" -runs="$runs" -max_len=4096 -timeout="$timeout" \
	    -rss_limit_mb=2048 -artifact_prefix="$work/" \
	    -print_final_stats=1 "$work/corpus" >"$log" 2>&1 &
	pid=$!
	wait "$pid"
	rc=$?
	# a trapped signal ends the wait early: wait again for the fuzzer
	while kill -0 "$pid" 2>/dev/null; do
		wait "$pid"
		rc=$?
	done
	pid=
	secs=$(($(date +%s) - t0))
	done_runs=$(reached "$log")
	"$bin" -merge=1 -max_len=4096 -timeout="$timeout" "$seeds" \
	    "$work/corpus" >"$work/merge.log" 2>&1
	what="$done_runs runs in ${secs} s"
	what="$what ($((done_runs / (secs > 0 ? secs : 1))) exec/s),"
	what="$what corpus $before -> $(ls "$seeds" | wc -l) files"
	if [ "$rc" -eq 0 ]; then
		echo "ok   fuzz_$name: $what"
	elif [ "$stop" -eq 1 ]; then
		echo "stop fuzz_$name: $what"
	else
		fail=1
		echo "FAIL fuzz_$name: $what"
		tail -40 "$log"
		for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-* \
		    "$work"/oom-*; do
			[ -e "$f" ] && cp "$f" "tests/fuzz/$(basename "$f" |
			    sed "s/^\([a-z]*\)-/\1-$name-/")"
		done
	fi
	rm -rf "$work"
done
[ "$stop" -eq 1 ] && exit 1
exit $fail
