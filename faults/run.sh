#!/usr/bin/env bash
# The fault suite (docs/faults.md): real redis-server processes paused, killed, out of memory, and slow clients,
# with web turns retried as the widget retries them (FaultSuite), and Telegram/LINE/Kakao webhooks plus SSE streams
# under the same Redis faults (MessengerFaultSuite). Prints one FAULTS line per scenario (and channel).
# Sizes: FAULTS_CLIENTS (4), FAULTS_TURNS (15 per client), FAULTS_OUTAGE (3 s), FAULTS_SLOW (40 slow connections),
# FAULTS_MESSAGES (10 per messenger user; 2 users per channel). FAULTS_ONLY=web|messengers runs one half.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-server >/dev/null || { echo "needs redis-server on PATH (apt-get install redis-server)"; exit 2; }
case "${FAULTS_ONLY:-all}" in
  web) classes=FaultSuite ;;
  messengers) classes=MessengerFaultSuite ;;
  *) classes=FaultSuite,MessengerFaultSuite ;;
esac
props="-Dfaults.clients=${FAULTS_CLIENTS:-4} -Dfaults.turns=${FAULTS_TURNS:-15} -Dfaults.outage=${FAULTS_OUTAGE:-3} -Dfaults.slowClients=${FAULTS_SLOW:-40} -Dfaults.messages=${FAULTS_MESSAGES:-10}"
# shellcheck disable=SC2086
./mvnw -q -B -ntp -o test -Dtest="$classes" -Dsurefire.failIfNoSpecifiedTests=false $props -DargLine="$props" || status=$?
for class in ${classes//,/ }; do
  out="target/surefire-reports/kr.daejeon.battery.faults.$class-output.txt"
  [ -f "$out" ] && sed -n '/^FAULTS ----/,$p' "$out"
done
exit "${status:-0}"
