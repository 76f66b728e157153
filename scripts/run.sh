#!/bin/sh
# The README's run command: installs what is missing, builds, and serves
# on the embedded default (SQLite in ./var, 127.0.0.1:8080).  Extra
# arguments go to `feige serve` (e.g. --listen 0.0.0.0:8080).
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
make -j2
exec ./feige serve "$@"
