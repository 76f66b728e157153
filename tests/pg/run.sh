#!/bin/sh
# make test-pg: the suite again with the store in PostgreSQL.  Starts a
# private cluster (tests/pg/start.sh), runs the store's unit tests that
# test behaviour through the store interface against it, then every
# end-to-end file (each feige data dir gets its own database:
# tests/e2e/lib/pg.mjs), and stops the cluster.
#   FEIGE_BIN=/abs/feige tests/pg/run.sh [e2e files...]
set -eu
cd "$(dirname "$0")/../.."
eval "$(tests/pg/start.sh)"
trap 'tests/pg/stop.sh "$FEIGE_PG_DIR"' EXIT INT TERM
status=0
if [ -n "${FEIGE_PG_UNIT:-}" ]; then
	# shellcheck disable=SC2086
	./tests/run-unit.sh $FEIGE_PG_UNIT || status=1
fi
./tests/run-e2e.sh "$@" || status=1
exit $status
