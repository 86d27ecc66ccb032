#!/usr/bin/env bash
# Store-level turns/s on one Redis vs a 3-master Redis Cluster, same run (about a minute; not part of the test suite).
#   bash bench/cluster.sh [threads] [seconds]
# Needs Debian's redis-server and redis-cli 7. On a shared machine compare the ratio, not the numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f target/classpath.txt ] || [ ! -d target/test-classes ]; then
  ./mvnw -q -B -ntp -o test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
fi
java -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" kr.daejeon.battery.bench.ClusterStoreBenchmark "${1:-16}" "${2:-8}"
