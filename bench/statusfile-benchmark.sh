#!/usr/bin/env bash
# Status file benchmark: one generated file of ROWS rows (default 1,000,000) dropped into a
# partner's inbox of a hub running on its embedded broker and H2 with -Xmx256m. Reports rows/s
# from the drop to the receipt, and the peak heap in use (jstat, sampled every second).
# Usage: bench/statusfile-benchmark.sh [ROWS]       (run from anywhere; takes minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
WORK=$(mktemp -d /tmp/gransnav-bench-XXXX)
HTTP_PORT=18080
BROKER_PORT=18616

./mvnw -q -B -DskipTests package
JAR=$(ls target/gransnav-*.jar | grep -v original | head -1)

echo "generating $ROWS rows"
python3 bench/generate-statusfile.py "$ROWS" "B$(date +%s)" > "$WORK/status.csv"
ls -la "$WORK/status.csv"

java -Xmx256m -jar "$JAR" --spring.profiles.active=quickstart --gransnav.data-dir="$WORK/data" \
  --server.port=$HTTP_PORT "--gransnav.broker.acceptor=tcp://127.0.0.1:$BROKER_PORT?protocols=CORE" \
  > "$WORK/hub.log" 2>&1 &
HUB=$!
trap 'kill $HUB 2>/dev/null; wait $HUB 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$HTTP_PORT/actuator/health" > /dev/null && break
  sleep 1
done

INBOX="$WORK/data/inbox/kungalv-ame"
RECEIPT="$INBOX/receipts/status.csv.receipt.json"
peak=0
mv "$WORK/status.csv" "$INBOX/status.csv"
t0=$(date +%s.%N)
while [ ! -f "$RECEIPT" ]; do
  used=$(jstat -gc $HUB | awk 'NR==2 {printf "%d", $3+$4+$6+$8}')
  [ "${used:-0}" -gt "$peak" ] && peak=$used
  kill -0 $HUB 2>/dev/null || { echo "the hub died"; tail -20 "$WORK/hub.log"; exit 1; }
  sleep 1
done
t1=$(date +%s.%N)
secs=$(echo "$t1 - $t0" | bc)
echo "receipt: $(tr -d '\n ' < "$RECEIPT" | cut -c1-300)"
echo "rows=$ROWS seconds=$secs rows_per_second=$(echo "$ROWS / $secs" | bc) peak_heap_used_mb=$((peak / 1024))"
