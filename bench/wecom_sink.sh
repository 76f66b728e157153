# bench/wecom_sink.sh: sourced by bench/webhook.sh and bench/soak.sh.
# Needs $tmp (a temp dir) and $bin (the feige binary).
#
#   freeport                 a free loopback TCP port
#   wecom_sink               start nginx on 127.0.0.1:$nport and
#                            127.0.0.3:$nport (one worker,
#                            keep-alive) answering every request as a WeCom
#                            bot does: {"errcode":0,"errmsg":"ok"}
#   bench_owner DATA         init DATA, add a user and its webhook "sink"
#                            (type 1) to the nginx; sets $owner, $token

freeport() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wecom_sink() {
	nport=$(freeport)
	mkdir -p "$tmp/nginx"
	cat >"$tmp/nginx.conf" <<NGINX
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/nginx/error.log;
events { worker_connections 4096; }
http {
	access_log off;
	keepalive_requests 1000000;
	keepalive_timeout 120s;
	client_body_temp_path $tmp/nginx;
	proxy_temp_path $tmp/nginx;
	fastcgi_temp_path $tmp/nginx;
	uwsgi_temp_path $tmp/nginx;
	scgi_temp_path $tmp/nginx;
	server {
		listen 127.0.0.1:$nport;
		listen 127.0.0.3:$nport;	# a second, fast host
		location / {
			default_type application/json;
			return 200 '{"errcode":0,"errmsg":"ok"}';
		}
	}
}
NGINX
	nginx -c "$tmp/nginx.conf"
}

bench_owner() {
	mkdir -p "$1"
	"$bin" init --data "$1" >/dev/null
	owner=$("$bin" user add owner --data "$1" --json |
	    sed 's/.*"uid":"\([^"]*\)".*/\1/')
	token=$(sqlite3 "$1/feige.db" \
	    "SELECT token FROM users WHERE uid = '$owner'")
	"$bin" webhook add "$owner" sink sink 1 \
	    "http://127.0.0.1:$nport/cgi-bin/webhook/send?key=k" \
	    --data "$1" >/dev/null
}
