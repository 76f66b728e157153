#!/bin/sh
# scripts/console-shots.sh: regenerate the console screenshots that
# docs/console.md shows.  Runs the console's browser test (real feige,
# Debian's Chromium), which photographs every console page at 1280x800
# and 390x844 into build/console-shots/, and the tests of the console's
# tools and operator pages (a config's test result, products, a device's
# test push, join callbacks, upstreams, the SMS provider), then copies
# the ones the docs use into docs/img/console/.  Nothing is drawn by
# hand.
#   FEIGE_BIN=./feige scripts/console-shots.sh
set -eu
cd "$(dirname "$0")/.."

out=build/console-shots
rm -rf "$out"
mkdir -p "$out" docs/img/console
FEIGE_BROWSER_SHOTS=$(pwd)/$out ./tests/run-browser.sh \
    tests/browser/console.test.mjs tests/browser/console-tools.test.mjs
for shot in console-token-zh-desktop console-send-zh-desktop \
    console-channels-en-desktop console-channels-test-zh-desktop \
    console-wxproducts-en-desktop console-devices-test-zh-desktop \
    console-callbacks-zh-desktop console-admin-upstreams-zh-desktop \
    console-admin-sms-test-zh-desktop; do
	cp "$out/$shot.png" "docs/img/console/$shot.png"
done
echo "console-shots: $(ls "$out" | wc -l) screenshots in $out;" \
    "the docs' copies in docs/img/console/"
