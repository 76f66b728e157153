#!/bin/sh
# End-to-end suite: the real feige binary driven over HTTP by node's test runner.
#   FEIGE_BIN=/path/to/feige tests/run-e2e.sh [test files...]
# Defaults to ./feige and every tests/e2e/*.test.mjs. Uses node's spec
# reporter (node 20 would pick TAP when piped): its summary lines
# ("ℹ pass N", "ℹ fail N") close the output and scripts/test.sh sums them.
# One file:  tests/run-e2e.sh tests/e2e/wire.test.mjs
# Keep temp data dirs for a post-mortem: FEIGE_E2E_KEEP=1
set -eu
cd "$(dirname "$0")/.."

FEIGE_BIN=${FEIGE_BIN:-./feige}
case $FEIGE_BIN in
/*) ;;
*) FEIGE_BIN=$(pwd)/$FEIGE_BIN ;;
esac
export FEIGE_BIN

if [ ! -x "$FEIGE_BIN" ]; then
	echo "run-e2e: $FEIGE_BIN is not an executable; build it first (make)" >&2
	exit 1
fi

# The real-client trial needs its npm devDependency (committed lockfile).
# Without it that one test file skips with a reason; nothing else needs npm.
if [ ! -d node_modules/push-all-in-one ] && [ -f package-lock.json ] && command -v npm >/dev/null 2>&1; then
	npm ci --no-audit --no-fund --loglevel=error >&2 || echo "run-e2e: npm ci failed; client.test.mjs will skip" >&2
fi

if [ "$#" -eq 0 ]; then
	set -- tests/e2e/*.test.mjs
fi

exec node --test --test-concurrency=1 --test-timeout=300000 --test-reporter=spec "$@"
