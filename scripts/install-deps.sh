#!/bin/sh
# Installs the Debian packages feige needs to build, run and test.
# Idempotent: installs only what is missing, and runs `apt-get update`
# once, only when something must be installed.  Needs root (or sudo).
#
#   scripts/install-deps.sh          build + run
#   scripts/install-deps.sh --test   also what the test suite needs
set -eu

pkgs="build-essential pkg-config libmicrohttpd-dev libjansson-dev
libsqlite3-dev libpq-dev libcurl4-openssl-dev libmd4c-dev libmd4c-html0-dev
libsodium-dev libqrencode-dev duktape-dev libssl-dev zlib1g-dev
libexpat1-dev libwslay-dev"
if [ "${1:-}" = "--test" ] || [ "${1:-}" = "--bench" ]; then
	pkgs="$pkgs nodejs curl sqlite3 chromium fonts-wqy-microhei clang
	clang-format python3-aiosmtpd debhelper postgresql"
fi
if [ "${1:-}" = "--bench" ]; then
	pkgs="$pkgs nginx-light wrk"
fi

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
# node may come from outside Debian (nvm, NodeSource): accept any node >= 20
case "$missing" in
*nodejs*)
	if command -v node >/dev/null 2>&1 &&
	    [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ]; then
		missing=$(echo "$missing" | sed 's/ nodejs//')
	fi
	;;
esac
[ -z "$(echo "$missing" | tr -d ' ')" ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
