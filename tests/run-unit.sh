#!/bin/sh
# Runs each unit-test program given as an argument and prints one total
# "N passed, N failed" line; exits non-zero if any program failed.
#   tests/run-unit.sh BIN...    (what `make unit` does)
#   tests/run-unit.sh           every program under ${BUILD:-build}/tests,
#                               subfolders included (tests/unit/util/
#                               test_x.c is built as build/tests/util/test_x)
if [ $# -eq 0 ]; then
	set -- $(find "${BUILD:-build}/tests" -type f -name 'test_*' \
	    ! -name '*.d' -perm -u+x | sort)
fi
pass=0 fail=0 rc=0
for t in "$@"; do
	out=$("$t" 2>&1); st=$?
	printf '%s\n' "$out"
	line=$(printf '%s\n' "$out" | tail -n 1)
	p=$(printf '%s' "$line" | sed -n 's/.* \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\1/p')
	f=$(printf '%s' "$line" | sed -n 's/.* \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\2/p')
	if [ -z "$p" ]; then echo "unit: $t crashed or printed no summary"; fail=$((fail + 1)); rc=1; continue; fi
	pass=$((pass + p)); fail=$((fail + f))
	[ "$st" -eq 0 ] || rc=1
done
echo "unit: $pass passed, $fail failed"
exit $rc
