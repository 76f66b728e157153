#!/bin/sh
# A private PostgreSQL cluster for one test run (../shared/testing.md):
# initdb in a fresh temp dir, pg_ctl on a free loopback-less port with
# the socket in that dir, both as the postgres user (the server refuses
# to run as root).  Prints two lines, the cluster's dir and a libpq URL
# of its maintenance database:
#
#   eval "$(tests/pg/start.sh)"    sets FEIGE_PG_DIR and FEIGE_TEST_PG
#   tests/pg/stop.sh "$FEIGE_PG_DIR"
#
# The tests make one database per feige data dir from FEIGE_TEST_PG
# (tests/e2e/lib/pg.mjs, tests/unit/harness_store.h), so they stay as
# independent as with SQLite.  fsync is off: the cluster is thrown away
# after the run, and durability is the database's job, not the tests'
# (feige itself runs with synchronous_commit on, see docs/scale.md);
# FEIGE_PG_FSYNC=on keeps it on (the benchmarks).
set -eu

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
	echo "tests/pg/start.sh: PostgreSQL server not installed (apt-get install postgresql)" >&2
	exit 1
fi
dir=$(mktemp -d /tmp/feige-pg-XXXXXX)
chmod 755 "$dir"
# a start that fails leaves nothing behind (the caller never sees $dir)
fail() {
	cat "$1" >&2
	"$(dirname "$0")/stop.sh" "$dir"
	exit 1
}
# root (a fresh CI machine): the server refuses to run as root, so the
# cluster belongs to Debian's postgres user (made by the postgresql
# package); anyone else runs it as themselves
run() {
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres "$dir"
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}
# a free port: bind 0 and read it back
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run "$bindir/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 \
    --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || fail "$dir/initdb.log"
run "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses= -c fsync=${FEIGE_PG_FSYNC:-off} -c max_connections=400 -c shared_buffers=64MB" \
    start >/dev/null || fail "$dir/server.log"
echo "FEIGE_PG_DIR=$dir; export FEIGE_PG_DIR"
echo "FEIGE_TEST_PG='postgresql:///postgres?host=$dir&port=$port&user=postgres'; export FEIGE_TEST_PG"
