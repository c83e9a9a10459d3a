#!/usr/bin/env bash
# bench/native.sh -- the native binary against the JVM binary on this machine:
# start-up to the first served request (hyperfine over bench/first-request.sh:
# native, JVM with its AOT cache, JVM without), resident memory at idle and
# under /echo load, and wrk throughput of /hello and /echo. Prints a Markdown
# table for BENCHMARKS.md.
#
#   bench/native.sh            # after `make native` (and the JVM binary from `make build`)
#
# Environment: BRAID (default app/target/braid/bin/braid), BRAID_NATIVE
# (default app/target/braid-native/braid), DURATION (wrk seconds, default 10),
# CONNS (default 64), RUNS (hyperfine runs, default 10). Every run is bounded;
# servers are started and stopped by pid.
set -uo pipefail
cd "$(dirname "$0")/.."
export BRAID="${BRAID:-$PWD/app/target/braid/bin/braid}"
export BRAID_NATIVE="${BRAID_NATIVE:-$PWD/app/target/braid-native/braid}"
DURATION=${DURATION:-10}
CONNS=${CONNS:-64}
RUNS=${RUNS:-10}
for tool in wrk hyperfine curl; do
  command -v "$tool" > /dev/null || { echo "bench/native.sh: missing $tool (apt-get install wrk hyperfine curl)" >&2; exit 1; }
done
for binary in "$BRAID" "$BRAID_NATIVE"; do
  [ -x "$binary" ] || { echo "bench/native.sh: no binary at $binary (make build; make native)" >&2; exit 1; }
done
work="$(mktemp -d "${TMPDIR:-/tmp}/braid-native-bench.XXXXXX")"
server=""
stop() { [ -n "$server" ] && kill -TERM "$server" 2> /dev/null && wait "$server" 2> /dev/null; server=""; }
trap 'stop; rm -rf "$work"' EXIT

rss_mib() { awk '/^VmRSS:/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }

# start BINARY: braid -n demo on a free port; waits for /hello (at most 30 s).
start() {
  port=$(( 20000 + RANDOM % 12000 ))
  "$1" -n --pidfile= demo --listen "tcp:$port:interface=127.0.0.1" --poetry-port 0 --delay 0 > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/hello")" = 200 ] && return 0
    kill -0 "$server" 2> /dev/null || break
    sleep 0.05
  done
  echo "bench/native.sh: $1 did not answer; see $work/server.log" >&2
  exit 1
}

# load PATH: wrk for DURATION s, sampling the server's RSS; sets rps, p99, peak.
load() {
  peak=0
  ( while kill -0 "$server" 2> /dev/null; do rss_mib "$server"; echo; sleep 0.2; done ) > "$work/rss.txt" &
  local sampler=$!
  wrk -t1 "-c$CONNS" "-d${DURATION}s" --latency -H 'Cookie: TWISTED_SESSION=bench' "http://127.0.0.1:$port$1" > "$work/wrk.txt" 2>&1
  kill "$sampler" 2> /dev/null; wait "$sampler" 2> /dev/null
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  peak=$(sort -n "$work/rss.txt" | tail -1)
}

echo "## start-up to the first request (hyperfine, $RUNS runs)"
hyperfine -N --warmup 2 --runs "$RUNS" --export-markdown "$work/startup.md" \
  -n native "bench/first-request.sh braid-native" \
  -n "JVM + AOT cache" "bench/first-request.sh braid-aot" \
  -n "JVM, no AOT cache" "bench/first-request.sh braid-noaot" > /dev/null
cat "$work/startup.md"

echo
echo "## memory and throughput (wrk -t1 -c$CONNS -d${DURATION}s; server and wrk share the machine)"
echo "| binary | RSS idle MiB | /hello req/s | /hello p99 | /echo req/s | /echo p99 | RSS peak under /echo MiB |"
echo "|---|---|---|---|---|---|---|"
for kind in native jvm; do
  binary=$BRAID_NATIVE; [ "$kind" = jvm ] && binary=$BRAID
  start "$binary"
  idle=$(rss_mib "$server")
  load /hello; hello_rps=$rps hello_p99=$p99
  load /echo; echo_rps=$rps echo_p99=$p99 echo_peak=$peak
  stop
  echo "| $kind | $idle | $hello_rps | $hello_p99 | $echo_rps | $echo_p99 | $echo_peak |"
done
