#!/usr/bin/env bash
# bench/profile.sh CASE [SECONDS] -- a JFR profile of the braid binary's code
# under load, for BENCHMARKS.md's "where time goes".
#
#   CASE: echo       wrk -c64 on /echo with one session cookie (the default)
#         echo-new   wrk -c64 on /echo, a new session per request
#         hello      wrk -c64 on /hello
#         delayed    wrk -c256 on /delayed (50 ms)
#         poetry     tcpload c=8 on the fast poetry server (needs the peers' tcpload.c)
#         transform  tcpload c=8 on the transform server, cummingsify the poem (the same)
#
# The binary's runtime image leaves out jdk.jfr, so this runs the same jars
# (app/target/braid/lib/app) on the full JDK 25 with the same flags. After a
# warm-up of SECONDS/2 it records SECONDS (20) of load with JFR's "profile"
# settings and prints the hottest methods, the hottest Braid frames anywhere
# on the stack, and allocations by class. The recording stays in
# bench/results/profile-CASE.jfr (open it in JDK Mission Control).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
case_name=${1:-echo}
seconds=${2:-20}
JAVA_HOME="$("$root/bin/find-jdk25")" || exit 1
image="$root/app/target/braid"
[ -x "$image/bin/braid" ] || { echo "no braid binary: bin/mvn -B -pl app -am -DskipTests package" >&2; exit 1; }
cp=$(sed -n 's/^cp="\(.*\)"$/\1/p' "$image/bin/braid" | sed "s|\$home|$image|g")
out="$root/bench/results"
mkdir -p "$out"
jfr_file="$out/profile-$case_name.jfr"
rm -f "$jfr_file"
log="$out/profile-$case_name.server.log"

port=$(( 20000 + RANDOM % 12000 ))
while (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; do port=$(( 20000 + RANDOM % 12000 )); done
case "$case_name" in
  poetry) args=(fastpoetry --port "$port") ;;
  transform) args=(transform --port "$port") ;;
  *)      args=(demo --listen "tcp:$port:interface=127.0.0.1:backlog=4096" --delay 0.05 --poetry-port 0) ;;
esac
"$JAVA_HOME/bin/java" --enable-preview --enable-native-access=ALL-UNNAMED -Dbraid.home="$image" \
  -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -cp "$cp" dev.braid.app.Braid -n --pidfile= "${args[@]}" \
  > "$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2> /dev/null; wait "$pid" 2> /dev/null' EXIT
for _ in $(seq 300); do (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null && break; sleep 0.1; done

url="http://127.0.0.1:$port"
build_tcpload() {
  local peers=${BRAID_PEERS:-"$(cd "$(git -C "$root" rev-parse --git-common-dir)/.." && pwd)/../shared/peers"}
  [ -x "$out/tcpload" ] || gcc -O2 -pthread -o "$out/tcpload" "$peers/tools/tcpload.c"
}
load() {                # load SECONDS
  case "$case_name" in
    echo)
      cookie=$(curl -s -D - -o /dev/null "$url/echo" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: *\(TWISTED_SESSION=[^;]*\).*/\1/p')
      wrk -t1 -c64 -d"$1s" -H "Cookie: $cookie" "$url/echo" ;;
    echo-new) wrk -t1 -c64 -d"$1s" "$url/echo" ;;
    hello)    wrk -t1 -c64 -d"$1s" "$url/hello" ;;
    delayed)  wrk -t1 -c256 -d"$1s" "$url/delayed" ;;
    poetry)
      build_tcpload || exit 1
      "$out/tcpload" "$port" "$1" 8 "$(wc -c < "$root/etc/poetry/ecstasy.txt")" ;;
    transform)          # the request and answer of bench/run.sh's transform scenario
      build_tcpload || exit 1
      local poem="$root/etc/poetry/ecstasy.txt" payload bytes
      payload="cummingsify.$(cat "$poem"; printf x)"; payload=${payload%x}
      bytes=$(wc -c < "$poem")
      "$out/tcpload" "$port" "$1" 8 $(( ${#bytes} + 2 + bytes )) "${#payload}:$payload," ;;
    *) echo "unknown case $case_name" >&2; exit 2 ;;
  esac
}
load $(( seconds / 2 )) > /dev/null
"$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=bench settings=profile > /dev/null
load "$seconds" | tee "$out/profile-$case_name.load.txt" | grep -E 'Requests/sec|conn_per_s|Latency '
"$JAVA_HOME/bin/jcmd" "$pid" JFR.dump name=bench filename="$jfr_file" > /dev/null

jfr() { "$JAVA_HOME/bin/jfr" "$@"; }
echo
jfr view --width 160 hot-methods "$jfr_file" | head -30
echo
echo "Braid frames on the sampled stacks (share of samples that pass through each):"
jfr print --events jdk.ExecutionSample --stack-depth 64 "$jfr_file" | awk '
  /^jdk.ExecutionSample/ { total++; delete seen; next }
  /line:/ { f = $1; sub(/\(.*/, "", f); if (f ~ /^dev\.braid\./ && !(f in seen)) { seen[f] = 1; hits[f]++ } }
  END { for (f in hits) printf "%6.1f%%  %s\n", 100 * hits[f] / total, f }' | sort -rn | head -25
echo
jfr view --width 160 allocation-by-class "$jfr_file" | head -20
echo "recording: $jfr_file"
