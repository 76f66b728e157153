#!/bin/sh
# Stop and remove the cluster tests/pg/start.sh made (its dir is $1).
set -eu
dir=${1:?usage: tests/pg/stop.sh DIR}
case $dir in /tmp/feige-pg-*) ;; *) echo "tests/pg/stop.sh: not a test cluster: $dir" >&2; exit 1 ;; esac
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [ "$(id -u)" -eq 0 ]; then
	runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
else
	"$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
fi
rm -rf "$dir"
