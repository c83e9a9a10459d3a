#!/usr/bin/env bash
# bench/scale-out.sh PORT BRAID -- the deployment of docs/scale-out.md on
# loopback, in the foreground, for bench/run.sh to measure as one server:
# redis-server, two `braid web` instances (the demo pages) keeping their
# sessions in it, and nginx on PORT in front of them, configured by
# etc/nginx/braid-scale-out.conf. Everything runs on free loopback ports and
# stops (by pid) when this script gets SIGTERM or SIGINT.
set -uo pipefail

port=$1 braid="$(readlink -f "$2")"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/braid-scale-out.XXXXXX")"
pids=()

stop_all() {
  local p
  for p in "${pids[@]}"; do kill -TERM "$p" 2> /dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2> /dev/null; done
  rm -rf "$work"
}
trap 'stop_all; exit 0' TERM INT
trap 'stop_all' EXIT

busy() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }
free() {                 # a free loopback port below the ephemeral range
  local p
  while :; do p=$(( 20000 + RANDOM % 12000 )); busy "$p" || { echo "$p"; return; }; done
}
await_port() {           # await_port PORT PID: up to 60 s
  local i
  for i in $(seq 600); do
    busy "$1" && return 0
    kill -0 "$2" 2> /dev/null || break
    sleep 0.1
  done
  echo "bench/scale-out.sh: nothing listens on $1; logs in $work" >&2
  exit 1
}

command -v redis-server > /dev/null || { echo "bench/scale-out.sh: no redis-server (apt-get install redis-server)" >&2; exit 1; }
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || { echo "bench/scale-out.sh: no nginx (apt-get install nginx)" >&2; exit 1; }

redis_port=$(free)
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work" --save "" --appendonly no \
  > "$work/redis.log" 2>&1 &
pids+=($!)
await_port "$redis_port" "${pids[-1]}"

ports=()
for name in a b; do
  p=$(free)
  mkdir -p "$work/$name"
  (cd "$work/$name" && exec "$braid" -n --pidfile= web --listen "tcp:$p:interface=127.0.0.1:backlog=4096" \
     --sessions "redis://127.0.0.1:$redis_port/0" --health /healthz > "$work/$name/braid.log" 2>&1) &
  pids+=($!)
  ports+=("$p")
done
await_port "${ports[0]}" "${pids[1]}"
await_port "${ports[1]}" "${pids[2]}"

mkdir -p "$work/nginx"
sed -e "s/127.0.0.1:8081/127.0.0.1:${ports[0]}/" -e "s/127.0.0.1:8082/127.0.0.1:${ports[1]}/" \
    -e "s/listen 127.0.0.1:8080/listen 127.0.0.1:$port backlog=4096/" \
    "$root/etc/nginx/braid-scale-out.conf" > "$work/nginx/braid.conf"
cat > "$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    include $work/nginx/braid.conf;
}
CONF
"$nginx" -p "$work/nginx" -c "$work/nginx/nginx.conf" > "$work/nginx/out.log" 2>&1 &
pids+=($!)
await_port "$port" "${pids[-1]}"
for try in $(seq 300); do   # ready when a page with a session is served
  curl -fs -o /dev/null --max-time 5 "http://127.0.0.1:$port/echo" && break
  sleep 0.2
done
wait
