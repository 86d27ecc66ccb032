#!/usr/bin/env bash
# Load benchmark of full chat turns against this machine's ceiling (not part of the test suite).
#   bash bench/run.sh            # ~7 minutes; prints a Markdown table
#   LEVELS=64 JFR_FILE=target/bench/turns.jfr bash bench/run.sh   # also a JFR profile of the measured turns
#   PROFILER_LIB=/path/libasyncProfiler.so bash bench/run.sh        # async-profiler CPU stacks of the measured
#     turns in target/bench/turns-<c>.collapsed (the library is in Maven Central's tools.profiler:async-profiler)
#   LEVELS=64 DURATION=10 WARMUP=5 TURN_WARMUP=30 EXTRAS=0 bash bench/run.sh   # a short run: the interleaved rows
#     only (EXTRAS=0 skips the two-node row and the heap with 100,000 idle conversations)
# Rows, interleaved level by level in one run (on a shared machine only their ratios mean something): the GET+SET
# ceiling, the commit ceiling (the product's own commit script with a real turn's arguments), the same arguments to a
# trivial script, the full turn; then memory mode against a bare Vert.x JSON echo (bench.CeilingServer serves all the
# yardsticks). Redis's own per-command counts and times of each row: target/bench/redis-commands-<row>-<c>.txt
# Needs: a JDK, python3, and Debian's wrk and redis-server (installed when missing and possible).
# Everything runs on loopback: one redis-server, the yardstick server, the server in Redis and in memory mode, wrk.
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

# Up to 5 minutes: the servers train the classifier at start, which takes minutes on a busy shared machine.
wait_http() { for _ in $(seq 1 1500); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }
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

python3 bench/questions.py src/test/resources/heldout >"$OUT/bodies.txt"

# One measured row: wrk against URL (extra args: a Lua script and its arguments), the CPU of the server process SERVER
# and of Redis over the row, and Redis's per-command times (target/bench/redis-commands-NAME-c.txt).
# Sets ROW to "req/s p50 p99 errors server-µs-per-request redis-µs-per-request".
measure() {
  local name=$1 server=$2 c=$3 url=$4; shift 4
  local t=2; [ "$c" -lt 2 ] && t=1
  local extra=()
  [ $# -gt 0 ] && extra=(-s "$1" "$url" -- "${@:2}") || extra=("$url")
  redis-cli -p "$REDIS_PORT" config resetstat >/dev/null
  local before rbefore after rafter
  before=$(cpu_ticks "$server"); rbefore=$(cpu_ticks "$REDIS_PID")
  wrk -t$t -c"$c" -d"${DURATION}s" --latency "${extra[@]}" >"$OUT/$name-$c.txt"
  after=$(cpu_ticks "$server"); rafter=$(cpu_ticks "$REDIS_PID")
  redis-cli -p "$REDIS_PORT" info commandstats >"$OUT/redis-commands-$name-$c.txt"
  local parsed rps
  parsed=$(parse "$OUT/$name-$c.txt"); rps=${parsed%% *}
  ROW="$parsed $(python3 -c "print(' '.join('%.0f' % (((a - b) / $TICK) / ($rps * $DURATION) * 1e6) for a, b in (($after, $before), ($rafter, $rbefore))))")"
}
# Redis's own time per EVALSHA call in a row (INFO commandstats), or "-".
evalsha_us() { awk -F'[=,]' '/^cmdstat_evalsha:/ {printf "%.0f", $6; found=1} END {if (!found) printf "-"}' "$OUT/redis-commands-$1-$2.txt"; }
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }

# 1. The yardsticks (bench.CeilingServer, same Vert.x/Jedis setup): GET+SET of 1 KB, the product's own commit script
# with a real turn's arguments (the commit ceiling), the same arguments to a trivial script, and a bare JSON echo.
CEIL_PORT=$(free_port)
java -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" kr.daejeon.battery.bench.CeilingServer \
  "$CEIL_PORT" "$REDIS_URL" "$OUT/bodies.txt" 2000 >"$OUT/ceiling.log" 2>&1 &
CEIL_PID=$!; PIDS+=($CEIL_PID)
wait_http "http://127.0.0.1:$CEIL_PORT/"
CEIL_URL="http://127.0.0.1:$CEIL_PORT"
for path in / /commit /trivial; do wrk -t2 -c64 -d"${WARMUP}s" "$CEIL_URL$path" >/dev/null; done

# 2. The product: full turns in Redis mode, SSE listeners open; measured interleaved with the yardsticks, level by level.
start_node() {
  PORT=$1 REDIS_URL=${2-$REDIS_URL} RATE_LIMIT_PER_MINUTE=10000000 CONVERSATION_RATE_LIMIT_PER_MINUTE=100000 MAX_CONNECTIONS_PER_CLIENT=1000 \
    java ${JAVA_OPTS:-} -jar target/inquiry-assistant.jar >"$OUT/server-$1.log" 2>&1 &
  echo $!
}
PORT_A=$(free_port)
NODE_A=$(start_node "$PORT_A"); PIDS+=($NODE_A)
wait_http "http://127.0.0.1:$PORT_A/ready"
python3 bench/setup.py "$PORT_A" "$POOL" >"$OUT/conversations.txt"
head -n 50 "$OUT/conversations.txt" | while read -r id token; do
  curl -sN -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT_A/api/v1/conversations/$id/events" >/dev/null 2>&1 &
  echo $! >>"$OUT/sse.pids"
done
while read -r p; do PIDS+=("$p"); done <"$OUT/sse.pids"; rm -f "$OUT/sse.pids"

wrk -t2 -c64 -d"${TURN_WARMUP}s" -s bench/turns.lua "http://127.0.0.1:$PORT_A" -- "$OUT/conversations.txt" "$OUT/bodies.txt" >/dev/null
declare -A GETSET COMMIT TRIVIAL TURN
for c in $LEVELS; do
  measure getset "$CEIL_PID" "$c" "$CEIL_URL/"; GETSET[$c]=$ROW
  measure commit "$CEIL_PID" "$c" "$CEIL_URL/commit"; COMMIT[$c]=$ROW
  measure trivial "$CEIL_PID" "$c" "$CEIL_URL/trivial"; TRIVIAL[$c]=$ROW
  if [ -n "${JFR_FILE:-}" ]; then
    jcmd "$NODE_A" JFR.start name=bench settings=profile duration="${DURATION}s" filename="$(realpath -m "$JFR_FILE")" >/dev/null
  fi
  if [ -n "${PROFILER_LIB:-}" ]; then
    jcmd "$NODE_A" JVMTI.agent_load "$PROFILER_LIB" '"start,event=itimer,interval=1ms"' >/dev/null
  fi
  measure turns "$NODE_A" "$c" "http://127.0.0.1:$PORT_A" bench/turns.lua "$OUT/conversations.txt" "$OUT/bodies.txt"
  TURN[$c]=$ROW
  cp "$OUT/redis-commands-turns-$c.txt" "$OUT/redis-commands-$c.txt"
  if [ -n "${PROFILER_LIB:-}" ]; then
    jcmd "$NODE_A" JVMTI.agent_load "$PROFILER_LIB" "\"stop,file=$(realpath -m "$OUT/turns-$c.collapsed"),collapsed\"" >/dev/null
  fi
done

# 2b. Memory mode (no Redis) against the bare Vert.x JSON echo, which answers the same requests; interleaved.
PORT_M=$(free_port)
NODE_M=$(start_node "$PORT_M" ""); PIDS+=($NODE_M)
wait_http "http://127.0.0.1:$PORT_M/ready"
python3 bench/setup.py "$PORT_M" "$POOL" >"$OUT/conversations-memory.txt"
wrk -t2 -c64 -d"${TURN_WARMUP}s" -s bench/turns.lua "http://127.0.0.1:$PORT_M" -- "$OUT/conversations-memory.txt" "$OUT/bodies.txt" >/dev/null
wrk -t2 -c64 -d"${WARMUP}s" -s bench/turns.lua "$CEIL_URL" -- "$OUT/conversations-memory.txt" "$OUT/bodies.txt" >/dev/null
declare -A ECHO MEMTURN
for c in $LEVELS; do
  measure echo "$CEIL_PID" "$c" "$CEIL_URL" bench/turns.lua "$OUT/conversations-memory.txt" "$OUT/bodies.txt"; ECHO[$c]=$ROW
  measure memory "$NODE_M" "$c" "http://127.0.0.1:$PORT_M" bench/turns.lua "$OUT/conversations-memory.txt" "$OUT/bodies.txt"
  MEMTURN[$c]=$ROW
done
kill "$NODE_M" "$CEIL_PID"; wait "$NODE_M" "$CEIL_PID" 2>/dev/null || true

if [ "${EXTRAS:-1}" = 0 ]; then
  EXTRA_ROWS=0
else
EXTRA_ROWS=1
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

fi

echo
echo "## Load benchmark ($(date -u +%Y-%m-%d), $(nproc) cores, wrk + redis-server + servers on one machine, ${TURN_WARMUP}s warm-up, ${DURATION}s per row, rows interleaved)"
echo
echo "| concurrent | GET+SET req/s | commit ceiling req/s | trivial script req/s | turns/s | turns / GET+SET | turns / commit | p50 | p99 | server CPU per turn | Redis CPU per turn | errors |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for c in $LEVELS; do
  read -r g _ _ _ <<<"${GETSET[$c]}"; read -r cm _ _ _ <<<"${COMMIT[$c]}"; read -r tr _ _ _ <<<"${TRIVIAL[$c]}"
  read -r rps p50 p99 err cpu rcpu <<<"${TURN[$c]}"
  echo "| $c | ${g%.*} | ${cm%.*} | ${tr%.*} | ${rps%.*} | $(ratio "$rps" "$g") | $(ratio "$rps" "$cm") | $p50 | $p99 | $cpu µs | $rcpu µs | $err |"
done
echo
echo "| concurrent | row | req/s | p99 | server CPU per request | Redis CPU per request | Redis µs per EVALSHA | errors |"
echo "|---|---|---|---|---|---|---|---|"
for c in $LEVELS; do
  for row in getset commit trivial turns; do
    case $row in getset) v=${GETSET[$c]};; commit) v=${COMMIT[$c]};; trivial) v=${TRIVIAL[$c]};; turns) v=${TURN[$c]};; esac
    read -r rps _ p99 err cpu rcpu <<<"$v"
    echo "| $c | $row | ${rps%.*} | $p99 | $cpu µs | $rcpu µs | $(evalsha_us "$row" "$c") | $err |"
  done
done
echo
echo "Memory mode (no Redis) against a bare Vert.x JSON echo answering the same requests:"
echo
echo "| concurrent | echo req/s | memory-mode turns/s | ratio | p99 | server CPU per turn | echo CPU per request | errors |"
echo "|---|---|---|---|---|---|---|---|"
for c in $LEVELS; do
  read -r e _ _ _ ecpu _ <<<"${ECHO[$c]}"; read -r m _ p99 err cpu _ <<<"${MEMTURN[$c]}"
  echo "| $c | ${e%.*} | ${m%.*} | $(ratio "$m" "$e") | $p99 | $cpu µs | $ecpu µs | $err |"
done
if [ "$EXTRA_ROWS" = 1 ]; then
  read -r a _ _ ea <<<"$TWO_A"; read -r b _ _ eb <<<"$TWO_B"
  echo
  echo "Two nodes on one Redis (32 + 32 connections): $(python3 -c "print('%.0f' % ($a + $b))") turns/s, errors $((ea + eb))."
  echo "Heap after GC: ${H0} MB before, ${H1} MB after ${IDLE} idle conversations were created in Redis."
fi
