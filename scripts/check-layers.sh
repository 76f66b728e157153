#!/bin/sh
# scripts/check-layers.sh: the include rule of docs/architecture.md,
# checked on every file of src/.  Each folder (and each top-level file)
# has a layer number; a file may include headers of its own folder and
# of lower layers only.  Peers (two folders of one layer) never include
# each other.  Prints every include that breaks the rule and exits 1 if
# there is one; run by `make unit`.
set -eu
cd "$(dirname "$0")/.."

layer() {
	case "$1" in
	util) echo 0 ;;
	core) echo 1 ;;
	render | http | pre) echo 2 ;;
	store | stream) echo 3 ;;
	channel | ops) echo 4 ;;
	queue) echo 5 ;;
	api) echo 6 ;;
	routes) echo 7 ;;
	app) echo 8 ;;
	cli) echo 9 ;;
	main) echo 10 ;;
	*) echo "unknown folder '$1': give it a layer in $0" >&2; echo 99 ;;
	esac
}

# the unit of a path: its first folder under src/, or a top file's name
unit() {
	case "$1" in
	*/*) echo "${1%%/*}" ;;
	*) basename "$1" | sed 's/\.[ch]$//' ;;
	esac
}

bad=0
n=0
for f in $(find src -name '*.[ch]' | sort); do
	from=$(unit "${f#src/}")
	lf=$(layer "$from")
	for inc in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
		[ -f "src/$inc" ] || continue
		to=$(unit "$inc")
		[ "$to" = "$from" ] && continue
		lt=$(layer "$to")
		n=$((n + 1))
		if [ "$lt" -ge "$lf" ]; then
			echo "layers: $f (layer $lf, $from) includes $inc" \
			    "(layer $lt, $to)"
			bad=1
		fi
	done
done
[ "$bad" -eq 0 ] && echo "layers: $n includes across folders, all pointing down"
exit "$bad"
