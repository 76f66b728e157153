#!/bin/sh
# The long fuzz run, made by hand once in a while (issue 14: "every
# libFuzzer target run for 10 million executions, with the corpus
# kept"); CI runs the short one (tests/run-fuzz.sh, `make fuzz`).
#
#   tests/run-fuzz-long.sh [RUNS] [TARGET...]   (default 10000000, all)
#
# Builds the targets as `make fuzz` does (clang, ASan + UBSan), runs
# each for RUNS executions over a scratch copy of its seed corpus, then
# merges what was found back into tests/fuzz/corpus/<target> with
# libFuzzer's -merge=1, which keeps only inputs that add coverage, so
# the kept corpus stays small and the next short run in CI starts from
# everything the long one reached.  A crash stops that target: its
# reproducer is copied to tests/fuzz/crash-<target>-* and the script
# ends non-zero.  Prints one line per target: runs, seconds, executions
# per second, corpus size before and after.
set -u
cd "$(dirname "$0")/.."
runs=${1:-10000000}
[ $# -gt 0 ] && shift
make -s CC=clang BUILD=build-fuzz OPT=-O1 \
    SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
    $(ls tests/fuzz/fuzz_*.c | sed 's|tests/fuzz/\(.*\)\.c|build-fuzz/fuzz/\1|') || exit 1
if [ $# -eq 0 ]; then
	set -- $(ls tests/fuzz/fuzz_*.c | sed 's|tests/fuzz/fuzz_\(.*\)\.c|\1|')
fi
fail=0
for name in "$@"; do
	bin=build-fuzz/fuzz/fuzz_$name
	seeds=tests/fuzz/corpus/$name
	work=$(mktemp -d)
	mkdir -p "$work/corpus" "$seeds"
	cp "$seeds"/* "$work/corpus/" 2>/dev/null
	before=$(ls "$seeds" | wc -l)
	t0=$(date +%s)
	if ! "$bin" -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix="$work/" -print_final_stats=1 "$work/corpus" \
	    >"$work/log" 2>&1; then
		fail=1
		echo "FAIL fuzz_$name"
		tail -40 "$work/log"
		for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-* \
		    "$work"/oom-*; do
			[ -e "$f" ] && cp "$f" "tests/fuzz/$(basename "$f" |
			    sed "s/^\([a-z]*\)-/\1-$name-/")"
		done
		rm -rf "$work"
		continue
	fi
	secs=$(($(date +%s) - t0))
	"$bin" -merge=1 -max_len=4096 "$seeds" "$work/corpus" \
	    >"$work/merge.log" 2>&1
	echo "ok   fuzz_$name: $runs runs in ${secs} s" \
	    "($((runs / (secs > 0 ? secs : 1))) exec/s)," \
	    "corpus $before -> $(ls "$seeds" | wc -l) files"
	rm -rf "$work"
done
exit $fail
