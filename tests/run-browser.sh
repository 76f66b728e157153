#!/bin/sh
# Browser suite: the real feige binary, its pages opened in Debian's
# Chromium (/usr/bin/chromium) driven by playwright-core (library only,
# from the committed lockfile; it never downloads a browser).
#   FEIGE_BIN=/path/to/feige tests/run-browser.sh [test files...]
# Defaults to ./feige and every tests/browser/*.test.mjs, with node's spec
# reporter (its "ℹ pass N" / "ℹ fail N" lines are summed by scripts/test.sh).
# Keep screenshots: FEIGE_BROWSER_SHOTS=/some/dir (else they go under the
# server's temp dir, kept only with FEIGE_E2E_KEEP=1).
# A missing Chromium or playwright-core is a broken setup, not a skip:
# scripts/install-deps.sh --test and npm ci install them.
set -eu
cd "$(dirname "$0")/.."

FEIGE_BIN=${FEIGE_BIN:-./feige}
case $FEIGE_BIN in
/*) ;;
*) FEIGE_BIN=$(pwd)/$FEIGE_BIN ;;
esac
export FEIGE_BIN

if [ ! -x "$FEIGE_BIN" ]; then
	echo "run-browser: $FEIGE_BIN is not an executable; build it first (make)" >&2
	exit 1
fi

CHROMIUM=${FEIGE_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
	echo "run-browser: $CHROMIUM is missing; install it with" \
	    "scripts/install-deps.sh --test (apt-get install -y chromium)" >&2
	exit 1
fi

# never let playwright fetch a browser of its own
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD

if ! node -e "require.resolve('playwright-core')" >/dev/null 2>&1; then
	echo "run-browser: the npm package playwright-core is missing; run npm ci" \
	    "(it is a devDependency in package.json)" >&2
	exit 1
fi

if [ "$#" -eq 0 ]; then
	set -- tests/browser/*.test.mjs
fi

exec node --test --test-concurrency=1 --test-timeout=300000 --test-reporter=spec "$@"
