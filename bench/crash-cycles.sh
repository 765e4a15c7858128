#!/usr/bin/env bash
# Crash cycles: MixedLoadKillTest with more cycles than CI runs. The hub (embedded broker and H2,
# a process of its own) is stopped CYCLES times at random moments under a mixed load of HTTP,
# queue and file partners - SIGKILL, and every third cycle from the second SIGTERM - and started
# again; then every förbund queue is drained and checked: each acknowledged message delivered
# exactly once, in order per participant, nothing unknown, nothing dead-lettered.
# Usage: bench/crash-cycles.sh [CYCLES]   (default 20; about half a minute a cycle on two cores)
# CRASH_SEED=<number> repeats the random moments of an earlier run (printed in the report).
# Prints target/crash-report.txt; the hub's logs are in target/crash-test-logs/.
set -uo pipefail
cd "$(dirname "$0")/.."
CYCLES=${1:-20}
SEED_ARG=()
if [ -n "${CRASH_SEED:-}" ]; then
  SEED_ARG=("-Dgransnav.crash.seed=$CRASH_SEED")
fi
mkdir -p target
rm -f target/crash-report.txt
./mvnw -B -q test -Dtest=MixedLoadKillTest -Dgransnav.crash.cycles="$CYCLES" ${SEED_ARG[@]+"${SEED_ARG[@]}"} \
  -Dsurefire.failIfNoSpecifiedTests=false > target/crash-cycles.log 2>&1
status=$?
if [ -f target/crash-report.txt ]; then
  cat target/crash-report.txt
else
  tail -50 target/crash-cycles.log
fi
if [ $status -ne 0 ]; then
  echo "FAILED (exit $status): see target/crash-cycles.log and target/crash-test-logs/"
fi
exit $status
