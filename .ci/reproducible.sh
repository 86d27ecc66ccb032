#!/usr/bin/env bash
# Fails when the service jar stops being reproducible: the same sources must give the same jar, byte for
# byte (project.build.outputTimestamp in pom.xml; docs/dependencies.md). Also fails when the jar loses
# its licence files (LICENSE at the root, the project's entry in the merged META-INF/NOTICE).
#
#   bash .ci/reproducible.sh               package, clean, package again, compare
#   bash .ci/reproducible.sh --after-build  the jar a build has just made is the first one (.ci/run),
#                                           so only one more clean package is paid
# Extra arguments after the mode go to both Maven runs (e.g. -Dproject.build.outputTimestamp=a, which turns
# the fixed timestamp off, to see it fail).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/inquiry-assistant.jar
mode="${1:-}"
[ "$mode" = "--after-build" ] && shift
extra=("$@")
package() {
  # Tests are not compiled: only the main jar is compared, and this keeps the second build short.
  local log
  log=$(mktemp)
  # Not offline: on a fresh machine the clean plugin may not be in ~/.m2 yet (the test build never needs it).
  if ! ./mvnw -q -B -ntp clean package -Dmaven.test.skip=true "${extra[@]}" >"$log" 2>&1; then
    echo "reproducible: the build failed" >&2
    tail -30 "$log" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
}

start=$(date +%s)
[ -f LICENSE ] && grep -q "Apache License" LICENSE || { echo "reproducible: LICENSE (Apache-2.0) missing at the root" >&2; exit 1; }
if [ "$mode" != "--after-build" ] || [ ! -f "$jar" ]; then
  package
fi
first=$(mktemp)
cp "$jar" "$first"
trap 'rm -f "$first"' EXIT
package
a=$(sha256sum < "$first" | cut -c1-64)
b=$(sha256sum < "$jar" | cut -c1-64)
if [ "$a" != "$b" ]; then
  echo "reproducible: FAILED, two builds of the same sources differ ($a vs $b)" >&2
  # Which entries differ, so the cause (a timestamp, an unordered list) can be found.
  diff <(unzip -lv "$first" | awk 'NR>3{print $5, $6, $7, $8}' | sort) <(unzip -lv "$jar" | awk 'NR>3{print $5, $6, $7, $8}' | sort) | head -20 >&2 || true
  exit 1
fi
notice=$(unzip -p "$jar" META-INF/NOTICE)
grep -q "Daejeon secondary-battery program inquiry assistant" <<<"$notice" \
  || { echo "reproducible: the jar's META-INF/NOTICE lacks the project's own entry" >&2; exit 1; }
grep -q "Apache License, Version 2.0" <<<"$notice" \
  || { echo "reproducible: the jar's META-INF/NOTICE lacks the licence line" >&2; exit 1; }
grep -qi "netty" <<<"$notice" \
  || { echo "reproducible: the jar's META-INF/NOTICE lost the libraries' notices (Netty's)" >&2; exit 1; }
echo "reproducible: same jar twice (sha256 $a), NOTICE complete, $(( $(date +%s) - start )) s"
