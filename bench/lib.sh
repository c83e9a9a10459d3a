# bench/lib.sh -- helpers of bench/run.sh: starting and stopping servers by
# pid, free loopback ports, wrk and tcpload runs, RSS and CPU sampling, and
# the results table. Sourced, not run.

WORK="$(mktemp -d "${TMPDIR:-/tmp}/braid-bench.XXXXXX")"
SERVER_PID=""
SAMPLER_PID=""
declare -A R=()          # R[scenario|system|field]: rps p50 p99 err rss cpu runs
declare -A LOADS=()
SCENARIOS=()
STARTUP_ROWS=()

die() { echo "bench/run.sh: $*" >&2; exit 1; }

stop_pid() {             # TERM, then KILL after 10 s; only pids this script started
  local pid=$1 i
  [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null || return 0
  kill -TERM "$pid" 2> /dev/null
  for i in $(seq 100); do kill -0 "$pid" 2> /dev/null || { wait "$pid" 2> /dev/null; return 0; }; sleep 0.1; done
  kill -KILL "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
}

cleanup() {
  stop_sampler
  stop_pid "$SERVER_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_busy() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

free_port() {            # a loopback port nobody listens on, from a high range
  local p i
  for i in $(seq 200); do
    p=$(( 20000 + RANDOM % 12000 ))   # below the ephemeral range (32768-): no clash with client sockets
    port_busy "$p" || { echo "$p"; return 0; }
  done
  die "no free port found"
}

# start_server LABEL CMD ARGS... ; '{PORT}' in the arguments becomes a free
# port. Waits (up to 30 s) until the port accepts connections.
start_server() {
  local label=$1 i args=() a; shift
  PORT=$(free_port)
  for a in "$@"; do args+=("${a//\{PORT\}/$PORT}"); done
  SERVER_LOG="$OUT/raw/$CURRENT_CASE.server.log"
  "${args[@]}" > "$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  for i in $(seq 300); do
    port_busy "$PORT" && return 0
    kill -0 "$SERVER_PID" 2> /dev/null || break
    sleep 0.1
  done
  echo "  $label did not start listening on $PORT; see $SERVER_LOG" >&2
  stop_pid "$SERVER_PID"; SERVER_PID=""
  return 1
}

stop_server() { stop_pid "$SERVER_PID"; SERVER_PID=""; }

tree_pids() {            # a pid and its descendants
  local c
  echo "$1"
  for c in $(ps -o pid= --ppid "$1" 2> /dev/null); do tree_pids "$c"; done
}
rss_kib() {
  local total=0 p r
  for p in $(tree_pids "$1"); do
    r=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2> /dev/null)
    total=$((total + ${r:-0}))
  done
  echo "$total"
}
cpu_ticks() {            # utime + stime of a pid and its descendants
  local total=0 p
  for p in $(tree_pids "$1"); do
    [ -r "/proc/$p/stat" ] && total=$((total + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}
HZ=$(getconf CLK_TCK)

start_sampler() {        # peak RSS of the server, sampled every 0.25 s, into $WORK/peak
  echo 0 > "$WORK/peak"
  (
    peak=0
    while kill -0 "$SERVER_PID" 2> /dev/null; do
      now=$(rss_kib "$SERVER_PID")
      [ "$now" -gt "$peak" ] && peak=$now && echo "$peak" > "$WORK/peak"
      sleep 0.25
    done
  ) &
  SAMPLER_PID=$!
}
stop_sampler() {
  [ -n "$SAMPLER_PID" ] || return 0
  kill "$SAMPLER_PID" 2> /dev/null; wait "$SAMPLER_PID" 2> /dev/null
  SAMPLER_PID=""
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {if (NR) print a[int((NR + 1) / 2)]}'; }

to_ms() {                # a wrk latency (812.00us, 7.31ms, 1.02s, 1.10m) in ms
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n = n * 60000;
    else if (v ~ /s$/) n = n * 1000
    printf "%.2f", n }'
}

session_cookie() {       # the TWISTED_SESSION=... pair a first request sets
  curl -s -D - -o /dev/null --max-time 10 "$1" | tr -d '\r' \
    | sed -n 's/^[Ss]et-[Cc]ookie: *\(TWISTED_SESSION=[^;]*\).*/\1/p' | head -1
}

record_failure() { R["$1|$2|rps"]="failed"; }

finish_case() {          # finish_case NAME SYSTEM C0 T0 ; records peak RSS and CPU
  local c1 t1
  c1=$(cpu_ticks "$SERVER_PID"); t1=$(date +%s.%N)
  stop_sampler
  R["$1|$2|rss"]=$(( $(cat "$WORK/peak") / 1024 ))
  R["$1|$2|cpu"]=$(awk -v a="$3" -v b="$c1" -v t0="$4" -v t1="$t1" -v hz="$HZ" \
      'BEGIN {printf "%.0f", 100 * (b - a) / hz / (t1 - t0)}')
}

# measure_wrk NAME SYSTEM URL DURATION WRK-ARGS... : warm-up, RUNS runs, medians
measure_wrk() {
  local name=$1 system=$2 url=$3 duration=$4; shift 4
  local rps=() p50=() p99=() errs=() f run c0 t0 limit

  limit=$(( ${duration%s} + 60 ))
  if [ "$WARMUP" -gt 0 ]; then
    timeout "$((WARMUP + 60))" wrk "$@" -d"${WARMUP}s" "$url" > "$OUT/raw/$name.$system.warmup.txt" 2>&1
  fi
  start_sampler
  c0=$(cpu_ticks "$SERVER_PID"); t0=$(date +%s.%N)
  for run in $(seq "$RUNS"); do
    f="$OUT/raw/$name.$system.run$run.txt"
    timeout "$limit" wrk "$@" -d"${duration}s" --latency "$url" > "$f" 2>&1
    rps+=("$(awk '/^Requests\/sec:/ {print $2}' "$f")")
    p50+=("$(to_ms "$(awk '$1 == "50%" {print $2}' "$f")")")
    p99+=("$(to_ms "$(awk '$1 == "99%" {print $2}' "$f")")")
    errs+=("$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$f")")
  done
  finish_case "$name" "$system" "$c0" "$t0"
  R["$name|$system|rps"]=$(median "${rps[@]:-0}")
  R["$name|$system|p50"]=$(median "${p50[@]}")
  R["$name|$system|p99"]=$(median "${p99[@]}")
  R["$name|$system|err"]=$(printf '%s+' "${errs[@]}" | sed 's/+$//')
  R["$name|$system|runs"]="${rps[*]}"
  echo "  $system: req/s ${rps[*]}; p50 ${p50[*]} ms; p99 ${p99[*]} ms; errors ${errs[*]};" \
       "peak RSS ${R["$name|$system|rss"]} MiB; CPU ${R["$name|$system|cpu"]}%"
}

# measure_tcpload NAME SYSTEM EXPECT-BYTES [REQUEST]
measure_tcpload() {
  local name=$1 system=$2 expect=$3 req=${4:-}
  local rate=() p50=() p99=() errs=() f run c0 t0

  if [ "$WARMUP" -gt 0 ]; then
    timeout "$((WARMUP + 30))" "$TCPLOAD" "$PORT" "$WARMUP" "$TCP_CONC" "$expect" "$req" > "$OUT/raw/$name.$system.warmup.txt" 2>&1
  fi
  start_sampler
  c0=$(cpu_ticks "$SERVER_PID"); t0=$(date +%s.%N)
  for run in $(seq "$RUNS"); do
    f="$OUT/raw/$name.$system.run$run.txt"
    timeout "$((DURATION + 30))" "$TCPLOAD" "$PORT" "$DURATION" "$TCP_CONC" "$expect" "$req" > "$f" 2>&1
    rate+=("$(sed -n 's/.*conn_per_s=\([0-9.]*\).*/\1/p' "$f")")
    p50+=("$(sed -n 's/.*p50_ms=\([0-9.]*\).*/\1/p' "$f")")
    p99+=("$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' "$f")")
    errs+=("$(sed -n 's/.*errors=\([0-9]*\).*/\1/p' "$f")")
  done
  finish_case "$name" "$system" "$c0" "$t0"
  R["$name|$system|rps"]=$(median "${rate[@]:-0}")
  R["$name|$system|p50"]=$(median "${p50[@]}")
  R["$name|$system|p99"]=$(median "${p99[@]}")
  R["$name|$system|err"]=$(printf '%s+' "${errs[@]}" | sed 's/+$//')
  R["$name|$system|runs"]="${rate[*]}"
  echo "  $system: conn/s ${rate[*]}; p50 ${p50[*]} ms; p99 ${p99[*]} ms; errors ${errs[*]};" \
       "peak RSS ${R["$name|$system|rss"]} MiB; CPU ${R["$name|$system|cpu"]}%"
}

# Start-up to the first served request, with hyperfine: bench/first-request.sh
# starts the server, polls /hello, and kills it once it answered.
measure_startup() {
  local kinds=(braid-aot braid-noaot raw) k
  [ "$TWISTED" = 1 ] && kinds=(braid-aot braid-noaot twisted raw)
  command -v hyperfine > /dev/null || { echo "  hyperfine is not installed (apt-get install hyperfine): skipped"; return; }
  export BRAID RAW_CP JAVA_HOME PEERS PY
  local cmds=()
  for k in "${kinds[@]}"; do cmds+=("$here/first-request.sh $k"); done
  timeout 600 hyperfine --style basic --warmup 1 --runs "$STARTUP_RUNS" --export-json "$OUT/raw/startup.json" \
    "${cmds[@]}" > "$OUT/raw/startup.txt" 2>&1 || { echo "  hyperfine failed: see $OUT/raw/startup.txt"; return; }
  mapfile -t STARTUP_ROWS < <("$PY" - "$OUT/raw/startup.json" <<'PYTHON'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    name = r["command"].split()[-1]
    print("%s %.0f %.0f %.0f %.0f" % (name, r["mean"] * 1e3, r["stddev"] * 1e3, r["min"] * 1e3, r["max"] * 1e3))
PYTHON
)
  for k in "${STARTUP_ROWS[@]}"; do echo "  $k (mean sd min max, ms)"; done
}

write_env() {
  {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "commit: $(git -C "$root" rev-parse --short HEAD 2> /dev/null)"
    echo "machine: $(nproc) CPUs ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM, kernel $(uname -r)"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
    echo "python: $("$PY" --version 2>&1); twisted: $("$PY" -c 'import twisted; print(twisted.__version__)' 2>&1 | tail -1)"
    echo "wrk: $(wrk -v 2>&1 | head -1)"
    echo "settings: runs=$RUNS duration=${DURATION}s warmup=${WARMUP}s conns=$CONNS delay=${DELAY}s big=$BIG_CONNS x ${BIG_DELAY}s for ${BIG_DURATION}s tcp_conc=$TCP_CONC"
    echo "peers: $PEERS (twisted measured: $TWISTED)"
  } > "$OUT/env.txt"
  cat "$OUT/env.txt"
}

ratio() {                # ratio A B -> "12.3x" or "-"
  awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2fx", a / b; else printf "-" }'
}

cell() {                 # the four cells of one system in one scenario
  local k="$1|$2"
  if [ -z "${R["$k|rps"]:-}" ]; then printf ' - | - | - | - |'; return; fi
  if [ "${R["$k|rps"]}" = failed ]; then printf ' failed to start | - | - | - |'; return; fi
  printf ' %s | %s / %s | %s | %s |' "${R["$k|rps"]}" "${R["$k|p50"]}" "${R["$k|p99"]}" "${R["$k|rss"]}" "${R["$k|err"]}"
}

print_table() {
  local s
  echo "## bench/run.sh, $(date -u +%Y-%m-%d): Braid, Twisted and raw Helidon side by side"
  echo
  sed 's/^/    /' "$OUT/env.txt"
  echo "    load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "req/s (conn/s for TCP) is the median of $RUNS run(s); latencies are wrk's/tcpload's; RSS is the server's peak during the measured runs."
  echo
  echo "| scenario | load | Braid req/s | p50 / p99 ms | RSS MiB | errors | Twisted req/s | p50 / p99 ms | RSS MiB | errors | raw req/s | p50 / p99 ms | RSS MiB | errors | Braid/Twisted | Braid/raw |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for s in "${SCENARIOS[@]}"; do
    [ "$s" = startup ] && continue
    printf '| %s | %s |%s%s%s %s | %s |\n' "$s" "${LOADS[$s]}" "$(cell "$s" braid)" "$(cell "$s" twisted)" \
      "$(cell "$s" raw)" "$(ratio "${R["$s|braid|rps"]:-}" "${R["$s|twisted|rps"]:-}")" \
      "$(ratio "${R["$s|braid|rps"]:-}" "${R["$s|raw|rps"]:-}")"
  done
  if [ "${#STARTUP_ROWS[@]}" -gt 0 ]; then
    echo
    echo "Start-up to the first served request (hyperfine, $STARTUP_RUNS runs after 1 warm-up; exec to the first 200 from /hello, then kill):"
    echo
    echo "| server | mean ms | sd ms | min ms | max ms |"
    echo "|---|---|---|---|---|"
    for s in "${STARTUP_ROWS[@]}"; do
      read -r name mean sd min max <<< "$s"
      echo "| $name | $mean | $sd | $min | $max |"
    done
  fi
  echo
  echo "CPU % of the server during the measured runs (100 = one core):"
  for s in "${SCENARIOS[@]}"; do
    [ "$s" = startup ] && continue
    echo "- $s: braid ${R["$s|braid|cpu"]:--}, twisted ${R["$s|twisted|cpu"]:--}, raw ${R["$s|raw|cpu"]:--}; all runs: braid [${R["$s|braid|runs"]:-}] twisted [${R["$s|twisted|runs"]:-}] raw [${R["$s|raw|runs"]:-}]"
  done
}
