#!/usr/bin/env bash
# bench/first-request.sh KIND -- starts one web server, waits for its first
# 200 from /hello, then kills it; run under hyperfine by bench/run.sh, so the
# time measured is exec to first served request (plus a SIGKILL).
#
#   KIND: braid-aot     the braid binary (`braid -n demo`) with its AOT cache
#         braid-noaot   the same with the cache switched off (-XX:AOTMode=off)
#         braid-native  the native binary (`braid -n demo`, $BRAID_NATIVE)
#         twisted       the Twisted reference web_counter.py
#         raw           the raw Helidon baseline (dev.braid.bench.RawHelidonServer)
#
# Environment (bench/run.sh exports it): BRAID, BRAID_NATIVE, RAW_CP, JAVA_HOME, PEERS, PY.
# Polls every 5 ms for at most 20 s; exits 1 if no answer came.
set -uo pipefail
kind=${1:?usage: first-request.sh braid-aot|braid-noaot|braid-native|twisted|raw}

port=$(( 20000 + RANDOM % 12000 ))
while (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; do port=$(( 20000 + RANDOM % 12000 )); done

case "$kind" in
  braid-aot)   "$BRAID" -n --pidfile= demo --listen "tcp:$port:interface=127.0.0.1" --poetry-port 0 > /dev/null 2>&1 & ;;
  braid-noaot) BRAID_JAVA_OPTIONS=-XX:AOTMode=off \
               "$BRAID" -n --pidfile= demo --listen "tcp:$port:interface=127.0.0.1" --poetry-port 0 > /dev/null 2>&1 & ;;
  braid-native) "$BRAID_NATIVE" -n --pidfile= demo --listen "tcp:$port:interface=127.0.0.1" --poetry-port 0 > /dev/null 2>&1 & ;;
  twisted)     "$PY" "$PEERS/web_counter.py" "$port" > /dev/null 2>&1 & ;;
  raw)         "$JAVA_HOME/bin/java" --enable-preview -cp "$RAW_CP" dev.braid.bench.RawHelidonServer "$port" > /dev/null 2>&1 & ;;
  *) echo "first-request.sh: unknown kind '$kind'" >&2; exit 2 ;;
esac
pid=$!

answered=1
for _ in $(seq 4000); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/hello")" = 200 ]; then
    answered=0
    break
  fi
  kill -0 "$pid" 2> /dev/null || break
  sleep 0.005
done
kill -KILL "$pid" 2> /dev/null
wait "$pid" 2> /dev/null
exit "$answered"
