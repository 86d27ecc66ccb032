#!/usr/bin/env bash
# Operator trial: 3 masters + 3 replicas, two server nodes with redis_cluster_nodes.
set -u
cd /work/wt/audit21
D=/tmp/a21/trial/cl; rm -rf $D; mkdir -p $D
CP="target/classes:$(cat target/classpath.txt)"
for p in 47101 47102 47103 47104 47105 47106; do
  mkdir -p $D/$p
  redis-server --port $p --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file $D/$p/nodes.conf \
    --cluster-node-timeout 2000 --save '' --appendonly no --dir $D/$p --daemonize yes --logfile $D/$p/log --pidfile $D/$p/pid
done
sleep 1
redis-cli --cluster create 127.0.0.1:47101 127.0.0.1:47102 127.0.0.1:47103 127.0.0.1:47104 127.0.0.1:47105 127.0.0.1:47106 \
  --cluster-replicas 1 --cluster-yes > $D/create.log 2>&1; echo "create rc=$?"
for _ in $(seq 1 50); do redis-cli -p 47101 cluster info | grep -q 'cluster_state:ok' && break; sleep 0.2; done
redis-cli -p 47101 cluster info | head -3
H=$(printf 'trial-password-1\ntrial-password-1\n' | java -cp "$CP" kr.daejeon.battery.Main hash-password 2>/dev/null | tail -1)
cat > $D/staff.yaml <<YAML
accounts:
  - {username: kim, name: 김담당, role: agent, password_hash: '$H'}
  - {username: boss, name: 관리자, role: admin, password_hash: '$H'}
YAML
start() { # port seed
  PORT=$1 REDIS_CLUSTER_NODES=$2 STAFF_ACCOUNTS_FILE=$D/staff.yaml java -Xmx400m -cp "$CP" kr.daejeon.battery.Main serve > $D/node-$1.log 2>&1 &
  echo $! > $D/node-$1.pid
}
start 48081 127.0.0.1:47101
start 48082 127.0.0.1:47102,127.0.0.1:47105
for p in 48081 48082; do for _ in $(seq 1 300); do curl -sf localhost:$p/ready >/dev/null && break; sleep 0.5; done; echo "node $p: $(curl -s localhost:$p/ready)"; done
