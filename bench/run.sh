#!/usr/bin/env bash
# bench/run.sh -- Braid measured side by side with Twisted and raw Helidon, in
# one sitting, on this machine, over loopback only. Prints one table (and
# writes it to $OUT/results.md) with req/s (or conn/s), p50, p99, peak RSS and
# the ratios Braid/Twisted and Braid/raw from the same run.
#
#   bench/run.sh                     # everything (about 25 minutes)
#   bench/run.sh --quick             # 1 x 3 s per case, no warm-up (about 6 minutes)
#   bench/run.sh --only 'echo|hello' # the scenarios whose name matches (echo_redis: sessions in Redis)
#   bench/run.sh --peers DIR         # where the Twisted peers are (or BRAID_PEERS=DIR)
#
# The systems: Braid is the built binary (app/target/braid/bin/braid, `braid
# -n demo` and the poetry plugins); Twisted is the reference in the peers
# directory (web_counter.py, fastpoetry.py, transform.py run with
# /usr/bin/python3, default ../shared/peers beside the repository); raw is
# the same work on plain Helidon routes and plain virtual-thread sockets
# (module benchmarks: RawHelidonServer, RawPoetryServer). Without the peers
# directory the script says so and measures Braid and raw only.
#
# Every server is started fresh for each scenario, on a free loopback port,
# and stopped by its pid. Every load run is bounded (wrk -d, tcpload's own
# alarm, and a `timeout` around each), so the whole run is bounded too.
# Settings (environment): DURATION (10 s), RUNS (3, median reported), WARMUP
# (2 s), CONNS (64, for /hello and /echo), BIG_CONNS (10000), BIG_DELAY (5 s),
# BIG_DURATION (20 s), TCP_CONC (8), OUT (bench/results/<date>), NO_BUILD=1.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
here="$root/bench"
PY=/usr/bin/python3
DURATION=${DURATION:-10}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-2}
CONNS=${CONNS:-64}
DELAY=${DELAY:-0.05}
BIG_CONNS=${BIG_CONNS:-10000}
BIG_DELAY=${BIG_DELAY:-5}
BIG_DURATION=${BIG_DURATION:-20}
TCP_CONC=${TCP_CONC:-8}
# The peers sit beside the repository (../shared/peers); from a git worktree, beside its main checkout.
main_checkout="$(cd "$(git -C "$root" rev-parse --git-common-dir 2> /dev/null || echo "$root/.git")/.." && pwd)"
PEERS=${BRAID_PEERS:-"$main_checkout/../shared/peers"}
[ -d "$PEERS" ] || [ -n "${BRAID_PEERS:-}" ] || PEERS="$root/../shared/peers"
ONLY=""
STARTUP_RUNS=${STARTUP_RUNS:-10}

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) DURATION=3; RUNS=1; WARMUP=0; BIG_DURATION=8; STARTUP_RUNS=3 ;;
    --only) ONLY=$2; shift ;;
    --peers) PEERS=$2; shift ;;
    -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
OUT=${OUT:-"$here/results/$(date -u +%Y%m%dT%H%M%SZ)"}
mkdir -p "$OUT/raw"
# shellcheck source=bench/lib.sh
. "$here/lib.sh"

# ------------------------------------------------------------------ preflight
for tool in wrk curl gcc ps awk; do
  command -v "$tool" > /dev/null || die "missing tool: $tool (apt-get install wrk curl gcc procps)"
done
JAVA_HOME="$("$root/bin/find-jdk25")" || die "no JDK 25 found"
if [ -z "${NO_BUILD:-}" ]; then
  echo "building the braid binary and the benchmarks module ..."
  "$root/bin/mvn" -q -B -Pbench -pl app,benchmarks -am -DskipTests package > "$OUT/raw/build.log" 2>&1 \
    || die "build failed: see $OUT/raw/build.log"
fi
BRAID="$root/app/target/braid/bin/braid"
[ -x "$BRAID" ] || die "no braid binary at $BRAID (run without NO_BUILD)"
RAW_CP="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/runtime-classpath.txt")"
RAW_JAVA=("$JAVA_HOME/bin/java" --enable-preview -cp "$RAW_CP")
POEM="$root/etc/poetry/ecstasy.txt"

TWISTED=1
if [ ! -f "$PEERS/web_counter.py" ]; then
  TWISTED=0
  echo "NOTE: the Twisted reference is absent (no $PEERS/web_counter.py; give --peers DIR or BRAID_PEERS)."
  echo "      Measuring Braid and raw Helidon only; the Braid/Twisted column stays empty."
elif ! "$PY" -c 'import twisted' 2> /dev/null; then
  TWISTED=0
  echo "NOTE: $PY has no Twisted (apt-get install python3-twisted): measuring Braid and raw Helidon only."
fi
TCPLOAD=""
if [ -f "$PEERS/tools/tcpload.c" ]; then
  TCPLOAD="$WORK/tcpload"
  gcc -O2 -pthread -o "$TCPLOAD" "$PEERS/tools/tcpload.c" || die "cannot compile $PEERS/tools/tcpload.c"
else
  echo "NOTE: no $PEERS/tools/tcpload.c: the poetry and transform scenarios are skipped."
fi

# Up to 10,000 connections need as many descriptors in wrk and in each server.
ulimit -n "$(ulimit -Hn)" 2> /dev/null
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((BIG_CONNS + 1000)) ]; then
  echo "NOTE: only $(ulimit -n) file descriptors allowed (ulimit -Hn): the 10k case uses $(( $(ulimit -n) - 1000 )) connections."
  BIG_CONNS=$(( $(ulimit -n) - 1000 ))
fi

write_env

# ------------------------------------------------------------------ the servers
# Each start_* prints nothing and sets SERVER_PID (the pid to measure) and PORT.
start_braid_web() {     # start_braid_web DELAY
  start_server braid-web "$BRAID" -n --pidfile= demo --listen "tcp:{PORT}:interface=127.0.0.1:backlog=4096" \
    --delay "$1" --poetry-port 0
}
start_twisted_web() {   # web_counter.py with its delay set to DELAY (it is a module constant)
  start_server twisted-web "$PY" -c 'import sys; sys.path.insert(0, sys.argv[1]); import web_counter as w
w.DELAY_SECONDS = float(sys.argv[3]); w.main(["web_counter.py", sys.argv[2]])' "$PEERS" "{PORT}" "$1"
}
start_raw_web() {
  start_server raw-web "${RAW_JAVA[@]}" dev.braid.bench.RawHelidonServer "{PORT}" "$1" 4096
}
start_braid_scale_out() {  # two instances sharing sessions in Redis behind nginx (bench/scale-out.sh)
  start_server braid-scale-out "$here/scale-out.sh" "{PORT}" "$BRAID"
}
start_braid_poetry() { start_server braid-poetry "$BRAID" -n --pidfile= fastpoetry --port "{PORT}" --poem "$POEM"; }
start_twisted_poetry() { start_server twisted-poetry "$PY" "$PEERS/fastpoetry.py" "{PORT}" "$POEM"; }
start_raw_poetry() { start_server raw-poetry "${RAW_JAVA[@]}" dev.braid.bench.RawPoetryServer poetry "{PORT}" "$POEM"; }
start_braid_transform() { start_server braid-transform "$BRAID" -n --pidfile= transform --port "{PORT}"; }
start_twisted_transform() { start_server twisted-transform "$PY" "$PEERS/transform.py" "{PORT}"; }
start_raw_transform() { start_server raw-transform "${RAW_JAVA[@]}" dev.braid.bench.RawPoetryServer transform "{PORT}"; }

SYSTEMS=(braid raw)
[ "$TWISTED" = 1 ] && SYSTEMS=(braid twisted raw)

# ------------------------------------------------------------------ scenarios
# web_case NAME SYSTEM STARTER DELAY CONNS PATH COOKIE(fixed|new) DURATION WRK-TIMEOUT
web_case() {
  local name=$1 system=$2 starter=$3 delay=$4 conns=$5 path=$6 cookie=$7 duration=$8 timeout=$9
  local args=(-t1 -c"$conns" --timeout "$timeout") c
  CURRENT_CASE="$name.$system"
  "$starter" "$delay" || { record_failure "$name" "$system"; return; }
  if [ "$cookie" = fixed ]; then
    c=$(session_cookie "http://127.0.0.1:$PORT$path")
    [ -n "$c" ] || { echo "  $system: no TWISTED_SESSION cookie from $path" >&2; stop_server; record_failure "$name" "$system"; return; }
    args+=(-H "Cookie: $c")
  fi
  measure_wrk "$name" "$system" "http://127.0.0.1:$PORT$path" "$duration" "${args[@]}"
  stop_server
}

# tcp_case NAME SYSTEM STARTER EXPECT [REQUEST]
tcp_case() {
  local name=$1 system=$2 starter=$3 expect=$4 req=${5:-}
  CURRENT_CASE="$name.$system"
  "$starter" || { record_failure "$name" "$system"; return; }
  measure_tcpload "$name" "$system" "$expect" "$req"
  stop_server
}

wanted() { [ -z "$ONLY" ] || [[ $1 =~ $ONLY ]]; }

scenario() {            # scenario NAME LOAD-DESCRIPTION
  SCENARIOS+=("$1"); LOADS["$1"]=$2
  echo "== $1 ($2)"
}

if wanted hello; then
  scenario hello "wrk -c$CONNS /hello"
  for s in "${SYSTEMS[@]}"; do web_case hello "$s" "start_${s}_web" "$DELAY" "$CONNS" /hello new "$DURATION" 5s; done
fi
if wanted echo_fixed_cookie; then
  scenario echo_fixed_cookie "wrk -c$CONNS /echo, one session"
  for s in "${SYSTEMS[@]}"; do web_case echo_fixed_cookie "$s" "start_${s}_web" "$DELAY" "$CONNS" /echo fixed "$DURATION" 5s; done
fi
if wanted echo_new_session; then
  scenario echo_new_session "wrk -c$CONNS /echo, a new session per request"
  for s in "${SYSTEMS[@]}"; do web_case echo_new_session "$s" "start_${s}_web" "$DELAY" "$CONNS" /echo new "$DURATION" 5s; done
fi
SCALE_OUT=1
if ! command -v redis-server > /dev/null || ! { command -v nginx > /dev/null || [ -x /usr/sbin/nginx ]; }; then
  SCALE_OUT=0
  echo "NOTE: no redis-server or nginx (apt-get install redis-server nginx): the echo_redis scenarios are skipped."
fi
# The Redis-backed /echo: Braid only (two instances behind nginx, one Redis; see docs/scale-out.md).
if [ "$SCALE_OUT" = 1 ] && wanted echo_redis_fixed_cookie; then
  scenario echo_redis_fixed_cookie "wrk -c$CONNS /echo, one session, 2 instances + nginx, sessions in Redis"
  web_case echo_redis_fixed_cookie braid start_braid_scale_out "$DELAY" "$CONNS" /echo fixed "$DURATION" 5s
fi
if [ "$SCALE_OUT" = 1 ] && wanted echo_redis_new_session; then
  scenario echo_redis_new_session "wrk -c$CONNS /echo, a new session per request, 2 instances + nginx, sessions in Redis"
  web_case echo_redis_new_session braid start_braid_scale_out "$DELAY" "$CONNS" /echo new "$DURATION" 5s
fi
if wanted delayed_256; then
  scenario delayed_256 "wrk -c256 /delayed, ${DELAY}s"
  for s in "${SYSTEMS[@]}"; do web_case delayed_256 "$s" "start_${s}_web" "$DELAY" 256 /delayed new "$DURATION" 5s; done
fi
if wanted delayed_10k; then
  scenario delayed_10k "wrk -c$BIG_CONNS /delayed, ${BIG_DELAY}s"
  # One run, no warm-up: every connection waits BIG_DELAY per request, so the
  # run holds BIG_CONNS requests open at once for BIG_DURATION seconds.
  for s in "${SYSTEMS[@]}"; do
    RUNS_SAVED=$RUNS WARMUP_SAVED=$WARMUP; RUNS=1; WARMUP=0
    web_case delayed_10k "$s" "start_${s}_web" "$BIG_DELAY" "$BIG_CONNS" /delayed new "$BIG_DURATION" "$((BIG_DURATION + 10))s"
    RUNS=$RUNS_SAVED WARMUP=$WARMUP_SAVED
  done
fi
if [ -n "$TCPLOAD" ] && wanted fastpoetry; then
  scenario fastpoetry "tcpload c=$TCP_CONC, poem of $(wc -c < "$POEM") bytes"
  for s in "${SYSTEMS[@]}"; do tcp_case fastpoetry "$s" "start_${s}_poetry" "$(wc -c < "$POEM")"; done
fi
if [ -n "$TCPLOAD" ] && wanted transform; then
  scenario transform "tcpload c=$TCP_CONC, cummingsify the poem"
  payload="cummingsify.$(cat "$POEM"; printf x)"; payload=${payload%x}
  request="${#payload}:$payload,"
  poem_bytes=$(wc -c < "$POEM")
  expect=$(( ${#poem_bytes} + 2 + poem_bytes ))
  for s in "${SYSTEMS[@]}"; do tcp_case transform "$s" "start_${s}_transform" "$expect" "$request"; done
fi
if wanted startup; then
  scenario startup "first served request after exec"
  measure_startup
fi

print_table | tee "$OUT/results.md"
echo
echo "raw outputs: $OUT/raw"
