#!/bin/sh
# test-deb.sh: builds the Debian package from this tree and runs what it
# installs the way the service would.
#
# The package is built by `dpkg-buildpackage -us -uc -b` in a copy of the
# tree in a temp directory: dpkg-buildpackage writes ../*.deb and runs
# `make clean`, and neither may touch the working tree.  The copy leaves
# out build output, node_modules and .git, so the package build compiles
# from scratch, as on a build daemon (-j2, no debug-symbol package, no
# test run: the suite runs separately).
#
# Installing with `dpkg -i` would change the machine the tests run on, so
# the package is unpacked with `dpkg -x` into a fresh directory root, and
# the unpacked binary is started with the unpacked configuration exactly
# as the unit's ExecStart does, on a free loopback port and a temp data
# dir (no systemd in a container).  One message is sent with curl and
# read back with `feige message list`.  What only a real install runs
# (the maintainer scripts) is checked in the control archive.
#
# The Docker image is not built (no Docker daemon where the tests run),
# but what can be checked without one is: the runtime stage installs the
# package of every library the binary links, and the binary runs
# configured only by the image's FEIGE_* environment, with the image's
# HEALTHCHECK command passing while it serves and failing once stopped.
#
# Prints one line "pkg: N passed, M failed" (scripts/test.sh sums it).
# FEIGE_PKG_KEEP=1 keeps the temp directory for a post-mortem.
set -u
cd "$(dirname "$0")/../.." || exit 1
repo=$(pwd)
version=$(cat VERSION)
arch=$(dpkg --print-architecture)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/feige-pkg.XXXXXX")
pid=""
pass=0
fail=0

cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	if [ "${FEIGE_PKG_KEEP:-}" = 1 ]; then
		echo "pkg: kept $tmp" >&2
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT

ok() {
	pass=$((pass + 1))
	echo "ok - $1"
}

not_ok() {
	fail=$((fail + 1))
	echo "not ok - $1"
}

# check NAME COMMAND...: one test line from a command's status
check() {
	name=$1
	shift
	if "$@" >"$tmp/check.out" 2>&1; then
		ok "$name"
	else
		not_ok "$name"
		sed 's/^/#   /' "$tmp/check.out" | tail -n 20
	fi
}

finish() {
	echo "pkg: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
}

# Build-Depends names what scripts/install-deps.sh installs to build
script_deps() {
	awk '/^pkgs="/ { f = 1 } f { print } f && /"$/ { exit }' \
	    scripts/install-deps.sh | sed 's/pkgs=//; s/"//g' | tr ' \t' '\n\n' |
	    grep -v -e '^$' -e '^build-essential$' | sort
}
control_deps() {
	sed -n '/^Build-Depends:/,/^[A-Z][A-Za-z-]*: /p' debian/control |
	    sed '$d; s/^Build-Depends://' | tr ',' '\n' | sed 's/([^)]*)//; s/[ \t]//g' |
	    grep -v -e '^$' -e '^debhelper-compat$' | sort
}
script_deps >"$tmp/deps.script"
control_deps >"$tmp/deps.control"
check "debian/control Build-Depends = scripts/install-deps.sh" \
    diff "$tmp/deps.script" "$tmp/deps.control"

# the build: a copy of the tree without build output
mkdir -p "$tmp/src/feige"
tar -C "$repo" --exclude=./.git --exclude='./build*' \
    --exclude=./node_modules --exclude=./tests/e2e/node_modules \
    --exclude=./var --exclude=./feige --exclude=./bench/out \
    --exclude=./debian/feige --exclude=./debian/.debhelper -cf - . |
    tar -C "$tmp/src/feige" -xf -
if (cd "$tmp/src/feige" &&
    DEB_BUILD_OPTIONS="noddebs nocheck" \
    dpkg-buildpackage -us -uc -b -j2) >"$tmp/build.log" 2>&1; then
	ok "dpkg-buildpackage -us -uc -b"
else
	not_ok "dpkg-buildpackage -us -uc -b"
	tail -n 30 "$tmp/build.log" | sed 's/^/#   /'
	finish
fi
deb="$tmp/src/feige_${version}_$arch.deb"
check "one package feige_${version}_$arch.deb" test -f "$deb"
[ -f "$deb" ] || finish
check "debian/changelog says VERSION ($version)" \
    test "$(dpkg-deb -f "$deb" Version)" = "$version"
check "Depends: adduser and the shared libraries" \
    sh -c "dpkg-deb -f '$deb' Depends | grep adduser | grep libmicrohttpd"
if command -v lintian >/dev/null 2>&1; then
	# not installed by install-deps.sh (large); run when present.  The
	# one info tag left: a systemd unit without an init.d script.
	check "lintian: no error or warning" sh -c \
	    "lintian --allow-root '$deb' | grep '^[EW]:' && exit 1 || exit 0"
fi

# the control archive: what a real install (dpkg -i) runs
dpkg-deb -e "$deb" "$tmp/control"
check "/etc/feige/feige.conf is a conffile" \
    grep -qx /etc/feige/feige.conf "$tmp/control/conffiles"
check "postinst creates the system user feige" \
    grep -q 'adduser --system --group --home /var/lib/feige' "$tmp/control/postinst"
check "postinst enables and starts feige.service" \
    sh -c "grep -q 'deb-systemd-helper.*enable.*feige.service' '$tmp/control/postinst' &&
    grep -q 'deb-systemd-invoke .*feige.service' '$tmp/control/postinst'"
check "postrm purge removes /var/lib/feige" \
    grep -q 'rm -rf /var/lib/feige' "$tmp/control/postrm"

# the files, unpacked into a fresh root
root="$tmp/root"
dpkg-deb -x "$deb" "$root"
unit="$root/lib/systemd/system/feige.service"
check "unit installed" test -f "$unit"
check "unit runs feige serve with /etc/feige and /var/lib/feige as user feige" \
    sh -c "grep -qx 'ExecStart=/usr/bin/feige serve --config /etc/feige/feige.conf --data /var/lib/feige' '$unit' &&
    grep -qx 'User=feige' '$unit' && grep -qx 'StateDirectory=feige' '$unit'"
check "hardened: RELRO and BIND_NOW (LDFLAGS), fortified calls (CPPFLAGS)" \
    sh -c "readelf -lW '$root/usr/bin/feige' | grep -q GNU_RELRO &&
    readelf -dW '$root/usr/bin/feige' | grep -q 'FLAGS.*BIND_NOW' &&
    readelf -sW --dyn-syms '$root/usr/bin/feige' | grep -q '__[a-z]*_chk'"
# the Dockerfile's runtime stage (not built here: no docker daemon in CI)
# installs the package of every library the binary links
docker_libs() {
	for lib in $(readelf -dW "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
		path=$(ldd "$1" | awk -v l="$lib" '$1 == l { print $3 }')
		pkg=$(dpkg -S "$(readlink -f "$path")" | cut -d: -f1)
		case $pkg in
		libc6) ;;
		*) grep -qw "$pkg" Dockerfile || { echo "$lib: $pkg"; return 1; } ;;
		esac
	done
}
check "Dockerfile installs the library packages of the binary" \
    docker_libs "$root/usr/bin/feige"
check "man page installed" test -f "$root/usr/share/man/man1/feige.1.gz"
check "configuration names the packaged data dir" \
    grep -qx 'data_dir = /var/lib/feige' "$root/etc/feige/feige.conf"
check "/usr/bin/feige --version" \
    test "$("$root/usr/bin/feige" --version)" = "feige $version"
if command -v systemd-analyze >/dev/null 2>&1; then
	# exposure 1.4 when written (docs/operations.md); 2.0 is the ceiling
	check "systemd-analyze security: exposure at most 2.0" \
	    systemd-analyze security --offline=true --threshold=20 "$unit"
	# every setting known and valid (unknown keys are only warned
	# about, so any output fails); ExecStart on the unpacked binary
	mkdir -p "$tmp/unit"
	sed "s|^ExecStart=/usr/bin/feige|ExecStart=$root/usr/bin/feige|" "$unit" \
	    >"$tmp/unit/feige.service"
	check "systemd-analyze verify: every setting valid" sh -c \
	    "out=\$(systemd-analyze verify --man=no '$tmp/unit/feige.service' 2>&1) &&
	    test -z \"\$out\" || { echo \"\$out\"; exit 1; }"
fi

# listening PREFIX: waits for the server started as $pid (stderr in
# PREFIX.err) to log its address, prints it (empty if it never does)
listening() {
	i=0
	while ! grep -q 'msg=listening' "$1.err" && [ "$i" -lt 100 ]; do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	sed -n 's/.*msg=listening addr=\([^ ]*\).*/\1/p' "$1.err"
}

# stop: SIGTERM to $pid, its exit status
stop() {
	kill "$pid"
	wait "$pid"
	st=$?
	pid=""
	return "$st"
}

# the binary as the service runs it, its config, a temp data dir
data="$tmp/data"
"$root/usr/bin/feige" serve --config "$root/etc/feige/feige.conf" \
    --data "$data" --listen 127.0.0.1:0 >"$tmp/serve.out" 2>"$tmp/serve.err" &
pid=$!
addr=$(listening "$tmp/serve")
token=$(sed -n 's/^  token: *//p' "$tmp/serve.out")
check "serve starts with the packaged configuration" test -n "$addr"
[ -n "$addr" ] && [ -n "$token" ] || {
	sed 's/^/#   /' "$tmp/serve.err"
	finish
}
title="deb-$$"
code=$(curl -s -o "$tmp/send.json" -w '%{http_code}' \
    "http://$addr/send?token=$token&title=$title&content=packaged")
check "curl /send answers 200" \
    sh -c "test '$code' = 200 && grep -q '\"code\":200' '$tmp/send.json'"
check "feige message list shows the message" \
    sh -c "'$root/usr/bin/feige' message list --json --data '$data' |
    grep -q '\"title\":\"$title\"'"
stop
check "SIGTERM stops it cleanly" test "$?" -eq 0

# the Docker image's CMD and HEALTHCHECK, outside a container: nothing
# but the image's environment configures it (port 0 here, so the check
# gets the address it logs)
check "Dockerfile sets FEIGE_LISTEN and FEIGE_DATA, runs feige serve" sh -c \
    "grep -q 'FEIGE_LISTEN=0.0.0.0:8080' Dockerfile &&
    grep -q 'FEIGE_DATA=/var/lib/feige' Dockerfile &&
    grep -qx 'CMD \\[\"feige\", \"serve\"\\]' Dockerfile"
health=$(sed -n '/^HEALTHCHECK/{n;s/^ *CMD //p;}' Dockerfile)
[ -n "$health" ] || health=false
env -i PATH="$PATH" FEIGE_LISTEN=127.0.0.1:0 FEIGE_DATA="$tmp/docker" \
    "$root/usr/bin/feige" serve >"$tmp/docker.out" 2>"$tmp/docker.err" &
pid=$!
addr=$(listening "$tmp/docker")
check "serve configured by FEIGE_LISTEN and FEIGE_DATA alone" \
    sh -c "test -n '$addr' && test -f '$tmp/docker/feige.db'"
check "the HEALTHCHECK command passes on a running server" \
    env FEIGE_LISTEN="$addr" sh -c "$health"
stop
check "the HEALTHCHECK command fails once it stopped" \
    sh -c "! env FEIGE_LISTEN='$addr' sh -c '$health'"
finish
