#!/usr/bin/env bash
# Status file benchmark: one generated file of ROWS rows (default 1,000,000) dropped into a
# partner's inbox of a hub running on its embedded broker and H2 with -Xmx256m. Reports rows/s
# from the drop to the receipt, the peak heap in use (jstat every second: live objects plus
# garbage not yet collected) and the peak live heap (a class histogram after a full collection,
# every 10 s).
# Usage: bench/statusfile-benchmark.sh [ROWS]       (run from anywhere; takes minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
WORK=$(mktemp -d /tmp/gransnav-bench-XXXX)
# HTTP_PORT / BROKER_PORT: other ports, e.g. when another benchmark runs on the same machine.
HTTP_PORT=${HTTP_PORT:-18080}
BROKER_PORT=${BROKER_PORT:-18616}

if curl -s -o /dev/null "http://127.0.0.1:$HTTP_PORT/"; then
  echo "port $HTTP_PORT is taken (an earlier run still going?)"; exit 1
fi
# SKIP_BUILD=1: use the jar already in target/.
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -q -B -DskipTests package
# JAR: another build of the hub, e.g. to compare two builds side by side.
JAR=${JAR:-$(ls target/gransnav-*.jar | grep -v original | head -1)}

echo "generating $ROWS rows"
python3 bench/generate-statusfile.py "$ROWS" "B$(date +%s)" > "$WORK/status.csv"
ls -la "$WORK/status.csv"

# HUB_ARGS: extra hub settings, e.g. --gransnav.intake.batch-size=100.
# HUB_JAVA_OPTS: extra JVM options, e.g. -XX:StartFlightRecording=filename=/tmp/hub.jfr to profile.
# shellcheck disable=SC2086
java -Xmx256m -Xlog:gc:file="$WORK/gc.log" ${HUB_JAVA_OPTS:-} -jar "$JAR" --spring.profiles.active=quickstart --gransnav.data-dir="$WORK/data" \
  --server.port=$HTTP_PORT "--gransnav.broker.acceptor=tcp://127.0.0.1:$BROKER_PORT?protocols=CORE" ${HUB_ARGS:-} \
  > "$WORK/hub.log" 2>&1 &
HUB=$!
trap 'kill $HUB 2>/dev/null; wait $HUB 2>/dev/null || true' EXIT
INBOX="$WORK/data/inbox/kungalv-ame"
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$HTTP_PORT/actuator/health" > /dev/null && [ -d "$INBOX" ] && break
  sleep 1
done
[ -d "$INBOX" ] || { echo "the hub did not start within 300 s"; tail -20 "$WORK/hub.log"; exit 1; }
RECEIPT="$INBOX/receipts/status.csv.receipt.json"
peak=0
live_peak=0
n=0
# CPU time of the hub (user + system, clock ticks): on a shared machine a steadier measure than wall time.
cpu_ticks() { awk '{print $14 + $15}' /proc/$HUB/stat; }
cpu0=$(cpu_ticks)
mv "$WORK/status.csv" "$INBOX/status.csv"
t0=$(date +%s.%N)
while [ ! -f "$RECEIPT" ]; do
  used=$(jstat -gc $HUB | awk 'NR==2 {printf "%d", $3+$4+$6+$8}')
  [ "${used:-0}" -gt "$peak" ] && peak=$used
  kill -0 $HUB 2>/dev/null || { echo "the hub died"; tail -20 "$WORK/hub.log"; exit 1; }
  # Every 10 s the live heap: a class histogram forces a full collection first.
  n=$((n + 1))
  if [ $((n % 10)) -eq 0 ]; then
    live=$(jcmd $HUB GC.class_histogram 2>/dev/null | awk '/^Total/ {print $3}')
    [ "${live:-0}" -gt "$live_peak" ] && live_peak=$live
  fi
  sleep 1
done
t1=$(date +%s.%N)
cpu1=$(cpu_ticks)
secs=$(echo "$t1 - $t0" | bc)
cpu_secs=$(echo "scale=1; ($cpu1 - $cpu0) / $(getconf CLK_TCK)" | bc)
echo "hub_cpu_seconds=$cpu_secs hub_cpu_ms_per_row=$(echo "scale=3; $cpu_secs * 1000 / $ROWS" | bc) (includes the jstat/jcmd sampling)"
echo "receipt: $(tr -d '\n ' < "$RECEIPT" | cut -c1-300)"
echo "rows=$ROWS seconds=$secs rows_per_second=$(echo "$ROWS / $secs" | bc) peak_heap_used_mb=$((peak / 1024)) peak_live_heap_mb=$((live_peak / 1048576)) gc_pauses=$(grep -c Pause "$WORK/gc.log") h2_file_mb=$(( $(stat -c %s "$WORK"/data/db/*.mv.db) / 1048576 ))"
