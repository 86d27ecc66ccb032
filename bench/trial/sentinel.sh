#!/usr/bin/env bash
# Operator trial: 1 master, 1 replica, 3 sentinels; one server node with redis_sentinels.
set -u
cd /work/wt/audit21
D=/tmp/a21/trial/se; rm -rf $D; mkdir -p $D
CP="target/classes:$(cat target/classpath.txt)"
r() { mkdir -p $D/$1; redis-server --port $1 --bind 127.0.0.1 --save '' --appendonly no --dir $D/$1 --daemonize yes --logfile $D/$1/log --pidfile $D/$1/pid "${@:2}"; }
r 47201
r 47202 --replicaof 127.0.0.1 47201
for s in 47211 47212 47213; do
  mkdir -p $D/$s
  cat > $D/$s/sentinel.conf <<CONF
port $s
bind 127.0.0.1
daemonize yes
pidfile $D/$s/pid
logfile $D/$s/log
dir $D/$s
sentinel monitor mymaster 127.0.0.1 47201 2
sentinel down-after-milliseconds mymaster 2000
sentinel failover-timeout mymaster 10000
sentinel parallel-syncs mymaster 1
CONF
  redis-server $D/$s/sentinel.conf --sentinel
done
sleep 2
redis-cli -p 47211 sentinel get-master-addr-by-name mymaster | tr '\n' ' '; echo
PORT=48091 REDIS_SENTINELS=127.0.0.1:47211,127.0.0.1:47212,127.0.0.1:47213 REDIS_SENTINEL_MASTER=mymaster \
  RATE_LIMIT_PER_MINUTE=100000 CONVERSATION_RATE_LIMIT_PER_MINUTE=100000 \
  java -Xmx400m -cp "$CP" kr.daejeon.battery.Main serve > $D/node.log 2>&1 &
echo $! > $D/node.pid
for _ in $(seq 1 600); do curl -sf localhost:48091/ready >/dev/null && break; sleep 0.5; done; echo "node: $(curl -s localhost:48091/ready)"
