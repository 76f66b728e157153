# bench/lib.sh: the setup every bench script shares, sourced (POSIX sh)
# right after `cd "$(dirname "$0")/.."`.  Each script keeps what it
# measures and how; this file only starts and cleans up, so the scripts
# no longer each carry their own copy of the port finder, the temp dir
# and its trap, the wait for the server and the nginx baseline.
#
#   bench_bin               bin = $FEIGE_BIN, else ./feige, freshly built
#   bench_tmp               tmp = a new temp dir; at exit (or INT, TERM)
#                           the server ($fpid), a stand-in ($spid) and
#                           nginx ($tmp/nginx.pid) are killed, tmp removed
#   free_port               a free loopback TCP port, printed
#   wait_healthz PORT       until feige on PORT answers /healthz
#   wait_line FILE RE N ERR until a line of FILE matches RE, at most N
#                           tenths of a second; else ERR is shown, exit 1
#   nginx_fixed PORT        nginx (one worker) answering every request on
#                           PORT with a fixed JSON 200: the baseline

bench_bin() {
	bin=${FEIGE_BIN:-./feige}
	[ -n "${FEIGE_BIN:-}" ] || make -s -j2
}

bench_cleanup() {
	[ -n "${fpid:-}" ] && kill "$fpid" 2>/dev/null || true
	[ -n "${spid:-}" ] && kill "$spid" 2>/dev/null || true
	[ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$tmp"
}

bench_tmp() {
	tmp=$(mktemp -d)
	trap bench_cleanup EXIT INT TERM
}

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_healthz() {
	until curl -sf "http://127.0.0.1:$1/healthz" >/dev/null 2>&1; do
		sleep 0.1
	done
}

wait_line() {
	_i=0
	until grep -q "$2" "$1" 2>/dev/null; do
		_i=$((_i + 1))
		[ $_i -le "$3" ] || { cat "$4" >&2; exit 1; }
		sleep 0.1
	done
}

nginx_fixed() {
	mkdir -p "$tmp/nginx"
	cat > "$tmp/nginx.conf" <<NGINX
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/nginx/error.log;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path $tmp/nginx;
	proxy_temp_path $tmp/nginx;
	fastcgi_temp_path $tmp/nginx;
	uwsgi_temp_path $tmp/nginx;
	scgi_temp_path $tmp/nginx;
	server {
		listen 127.0.0.1:$1;
		location / {
			default_type application/json;
			return 200 '{"code":200,"msg":"请求成功","data":"3cbc5eab19fe512e80677540fbde332a"}';
		}
	}
}
NGINX
	nginx -c "$tmp/nginx.conf"
}
