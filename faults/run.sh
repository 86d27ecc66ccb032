#!/usr/bin/env bash
# The fault suite (docs/faults.md): real redis-server processes paused, killed, out of memory, and slow clients,
# with web turns retried as the widget retries them. Prints one FAULTS line per scenario.
# Sizes: FAULTS_CLIENTS (4), FAULTS_TURNS (15 per client), FAULTS_OUTAGE (3 s), FAULTS_SLOW (40 slow connections).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-server >/dev/null || { echo "needs redis-server on PATH (apt-get install redis-server)"; exit 2; }
./mvnw -q -B -ntp -o test -Dtest=FaultSuite -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfaults.clients="${FAULTS_CLIENTS:-4}" -Dfaults.turns="${FAULTS_TURNS:-15}" -Dfaults.outage="${FAULTS_OUTAGE:-3}" \
  -Dfaults.slowClients="${FAULTS_SLOW:-40}" -DargLine="-Dfaults.clients=${FAULTS_CLIENTS:-4} -Dfaults.turns=${FAULTS_TURNS:-15} -Dfaults.outage=${FAULTS_OUTAGE:-3} -Dfaults.slowClients=${FAULTS_SLOW:-40}" || status=$?
sed -n '/^FAULTS ---- summary/,$p' target/surefire-reports/kr.daejeon.battery.faults.FaultSuite-output.txt
exit "${status:-0}"
