#!/usr/bin/env bash
# Load benchmark of full chat turns against this machine's ceiling (not part of the test suite).
#   bash bench/run.sh            # ~7 minutes; prints a Markdown table
#   LEVELS=64 JFR_FILE=target/bench/turns.jfr bash bench/run.sh   # also a JFR profile of the measured turns
#   PROFILER_LIB=/path/libasyncProfiler.so bash bench/run.sh        # async-profiler CPU stacks of the measured
#     turns in target/bench/turns-<c>.collapsed (the library is in Maven Central's tools.profiler:async-profiler)
# Redis's own per-command counts and times of each measured row: target/bench/redis-commands-<c>.txt
# Needs: a JDK, python3, and Debian's wrk and redis-server (installed when missing and possible).
# Everything runs on loopback: one redis-server, the server in Redis mode, wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-20}
# The server's turn path is much larger than the ceiling's: with 20 s the JIT compiler still took a fifth
# of the CPU during the first measured row; after 60 s it takes about 3%.
TURN_WARMUP=${TURN_WARMUP:-60}
LEVELS=${LEVELS:-"8 64 256"}
POOL=${POOL:-6000}
OUT=target/bench
mkdir -p "$OUT"

for tool in wrk redis-server; do
  if ! command -v "$tool" >/dev/null; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get install -y -qq wrk redis-server >/dev/null 2>&1 || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk redis-server >/dev/null; }
  fi
done

if [ ! -f target/inquiry-assistant.jar ] || [ ! -f target/classpath.txt ] || [ ! -d target/test-classes ]; then
  ./mvnw -q -B -ntp -DskipTests package test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_http() { for _ in $(seq 1 300); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK=$(getconf CLK_TCK)

# wrk output -> "req/s p50 p99 errors"
parse() {
  awk '/Requests\/sec:/ {rps=$2}
       /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
       /Non-2xx or 3xx responses:/ {non2xx=$5}
       /Socket errors:/ {gsub(",", ""); sock=$4+$6+$8+$10}
       END {printf "%s %s %s %d\n", rps, p50, p99, non2xx + sock}' "$1"
}

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >"$OUT/redis.log" 2>&1 &
REDIS_PID=$!; PIDS+=($REDIS_PID)
sleep 0.5
REDIS_URL="redis://127.0.0.1:$REDIS_PORT"

# 1. The ceiling: one GET + one SET of 1 KB per request, same Vert.x/Jedis setup.
CEIL_PORT=$(free_port)
java -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" kr.daejeon.battery.bench.CeilingServer \
  "$CEIL_PORT" "$REDIS_URL" >"$OUT/ceiling.log" 2>&1 &
CEIL_PID=$!; PIDS+=($CEIL_PID)
wait_http "http://127.0.0.1:$CEIL_PORT/"
wrk -t2 -c64 -d"${WARMUP}s" "http://127.0.0.1:$CEIL_PORT/" >/dev/null
declare -A CEIL CEIL_CPU
for c in $LEVELS; do
  t=2; [ "$c" -lt 2 ] && t=1
  before=$(cpu_ticks "$CEIL_PID"); rbefore=$(cpu_ticks "$REDIS_PID")
  wrk -t$t -c"$c" -d"${DURATION}s" --latency "http://127.0.0.1:$CEIL_PORT/" >"$OUT/ceiling-$c.txt"
  after=$(cpu_ticks "$CEIL_PID"); rafter=$(cpu_ticks "$REDIS_PID")
  CEIL[$c]=$(parse "$OUT/ceiling-$c.txt")
  rps=$(echo "${CEIL[$c]}" | cut -d' ' -f1)
  CEIL_CPU[$c]=$(python3 -c "print('server %.0f µs, Redis %.0f µs' % tuple(((a - b) / $TICK) / ($rps * $DURATION) * 1e6 for a, b in (($after, $before), ($rafter, $rbefore))))")
done
kill "$CEIL_PID"; wait "$CEIL_PID" 2>/dev/null || true
redis-cli -p "$REDIS_PORT" flushall >/dev/null

# 2. The product: full turns in Redis mode, SSE listeners open.
start_node() {
  PORT=$1 REDIS_URL=$REDIS_URL RATE_LIMIT_PER_MINUTE=10000000 CONVERSATION_RATE_LIMIT_PER_MINUTE=100000 MAX_CONNECTIONS_PER_CLIENT=1000 \
    java ${JAVA_OPTS:-} -jar target/inquiry-assistant.jar >"$OUT/server-$1.log" 2>&1 &
  echo $!
}
PORT_A=$(free_port)
NODE_A=$(start_node "$PORT_A"); PIDS+=($NODE_A)
wait_http "http://127.0.0.1:$PORT_A/ready"
python3 bench/questions.py src/test/resources/heldout >"$OUT/bodies.txt"
python3 bench/setup.py "$PORT_A" "$POOL" >"$OUT/conversations.txt"
head -n 50 "$OUT/conversations.txt" | while read -r id token; do
  curl -sN -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT_A/api/v1/conversations/$id/events" >/dev/null 2>&1 &
  echo $! >>"$OUT/sse.pids"
done
while read -r p; do PIDS+=("$p"); done <"$OUT/sse.pids"; rm -f "$OUT/sse.pids"

wrk -t2 -c64 -d"${TURN_WARMUP}s" -s bench/turns.lua "http://127.0.0.1:$PORT_A" -- "$OUT/conversations.txt" "$OUT/bodies.txt" >/dev/null
declare -A TURN CPU RCPU
for c in $LEVELS; do
  t=2; [ "$c" -lt 2 ] && t=1
  if [ -n "${JFR_FILE:-}" ]; then
    jcmd "$NODE_A" JFR.start name=bench settings=profile duration="${DURATION}s" filename="$(realpath -m "$JFR_FILE")" >/dev/null
  fi
  if [ -n "${PROFILER_LIB:-}" ]; then
    jcmd "$NODE_A" JVMTI.agent_load "$PROFILER_LIB" '"start,event=itimer,interval=1ms"' >/dev/null
  fi
  redis-cli -p "$REDIS_PORT" config resetstat >/dev/null
  before=$(cpu_ticks "$NODE_A"); rbefore=$(cpu_ticks "$REDIS_PID")
  wrk -t$t -c"$c" -d"${DURATION}s" --latency -s bench/turns.lua "http://127.0.0.1:$PORT_A" -- \
    "$OUT/conversations.txt" "$OUT/bodies.txt" >"$OUT/turns-$c.txt"
  after=$(cpu_ticks "$NODE_A"); rafter=$(cpu_ticks "$REDIS_PID")
  redis-cli -p "$REDIS_PORT" info commandstats >"$OUT/redis-commands-$c.txt"
  if [ -n "${PROFILER_LIB:-}" ]; then
    jcmd "$NODE_A" JVMTI.agent_load "$PROFILER_LIB" "\"stop,file=$(realpath -m "$OUT/turns-$c.collapsed"),collapsed\"" >/dev/null
  fi
  TURN[$c]=$(parse "$OUT/turns-$c.txt")
  rps=$(echo "${TURN[$c]}" | cut -d' ' -f1)
  CPU[$c]=$(python3 -c "print('%.0f' % ((($after - $before) / $TICK) / ($rps * $DURATION) * 1e6))")
  RCPU[$c]=$(python3 -c "print('%.0f' % ((($rafter - $rbefore) / $TICK) / ($rps * $DURATION) * 1e6))")
done

# 3. Two nodes on the same Redis, 32 connections each.
PORT_B=$(free_port)
NODE_B=$(start_node "$PORT_B"); PIDS+=($NODE_B)
wait_http "http://127.0.0.1:$PORT_B/ready"
wrk -t1 -c32 -d"${TURN_WARMUP}s" -s bench/turns.lua "http://127.0.0.1:$PORT_B" -- "$OUT/conversations.txt" "$OUT/bodies.txt" >/dev/null
split -n l/2 -d "$OUT/conversations.txt" "$OUT/half-"
wrk -t1 -c32 -d"${DURATION}s" --latency -s bench/turns.lua "http://127.0.0.1:$PORT_A" -- "$OUT/half-00" "$OUT/bodies.txt" >"$OUT/two-a.txt" &
W1=$!
wrk -t1 -c32 -d"${DURATION}s" --latency -s bench/turns.lua "http://127.0.0.1:$PORT_B" -- "$OUT/half-01" "$OUT/bodies.txt" >"$OUT/two-b.txt"
wait $W1
TWO_A=$(parse "$OUT/two-a.txt"); TWO_B=$(parse "$OUT/two-b.txt")
kill "$NODE_B"; wait "$NODE_B" 2>/dev/null || true

# 4. Heap with 100,000 idle conversations in Redis (they must live in Redis, not in the server).
heap_mb() {
  jcmd "$1" GC.run >/dev/null
  sleep 1
  jcmd "$1" GC.heap_info | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub("K,?","",v); print int(v/1024); exit}}'
}
redis-cli -p "$REDIS_PORT" flushall >/dev/null
H0=$(heap_mb "$NODE_A")
wrk -t2 -c64 -d60s -s bench/create.lua "http://127.0.0.1:$PORT_A/api/v1/conversations" >"$OUT/create.txt" &
WC=$!
while [ "$(redis-cli -p "$REDIS_PORT" dbsize)" -lt 200000 ] && kill -0 $WC 2>/dev/null; do sleep 0.5; done
kill $WC 2>/dev/null || true; wait $WC 2>/dev/null || true
IDLE=$(( $(redis-cli -p "$REDIS_PORT" dbsize) / 2 ))
H1=$(heap_mb "$NODE_A")

echo
echo "## Load benchmark ($(date -u +%Y-%m-%d), $(nproc) cores, wrk + redis-server + server on one machine, ${TURN_WARMUP}s warm-up, ${DURATION}s per row)"
echo
echo "| concurrent conversations | ceiling req/s (GET+SET 1 KB) | turns/s | ratio | p50 | p99 | server CPU per turn | Redis CPU per turn | errors |"
echo "|---|---|---|---|---|---|---|---|---|"
for c in $LEVELS; do
  read -r crps _ _ _ <<<"${CEIL[$c]}"
  read -r rps p50 p99 err <<<"${TURN[$c]}"
  ratio=$(python3 -c "print('%.2f' % ($rps / $crps))")
  echo "| $c | ${crps%.*} | ${rps%.*} | $ratio | $p50 | $p99 | ${CPU[$c]} µs | ${RCPU[$c]} µs | $err |"
done
echo
for c in $LEVELS; do echo "Ceiling CPU per request at $c connections: ${CEIL_CPU[$c]}."; done
read -r a _ _ ea <<<"$TWO_A"; read -r b _ _ eb <<<"$TWO_B"
echo
echo "Two nodes on one Redis (32 + 32 connections): $(python3 -c "print('%.0f' % ($a + $b))") turns/s, errors $((ea + eb))."
echo "Heap after GC: ${H0} MB before, ${H1} MB after ${IDLE} idle conversations were created in Redis."
