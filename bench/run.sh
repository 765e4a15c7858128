#!/usr/bin/env bash
# The benchmark harness of issue 7: one command, every figure of docs/benchmarks.md.
#
#   bench/run.sh                 # the full run, under 20 minutes on the project's 2-core machine
#   QUICK=1 bench/run.sh         # checks the harness end to end in about 5 minutes (figures meaningless)
#
# Run it on a quiet machine: every phase shares the two cores with whatever else runs.
# It writes every raw output under target/bench/<timestamp>/ and the summary (a markdown table,
# the ratios hub ÷ raw, the machine and the settings) to target/bench/<timestamp>/results.md,
# and prints that at the end. What it does, in order:
#
#  1. Builds the jar and the test classes once (./mvnw -q -B -DskipTests package) and the test
#     classpath of the load drivers (target/bench-classpath.txt, only when pom.xml changed).
#  2. Creates a standalone Artemis instance from the distribution the build unpacks
#     (target/artemis-distribution, the version of pom.xml) with `artemis create`: journal
#     auto-tuned (create's default: ASYNCIO where libaio works, else NIO, and the
#     journal-buffer-timeout it measured), login required, no AMQP/MQTT/STOMP/HornetQ acceptor, no
#     web console. Its broker.xml is the project's docker/artemis/etc-override/broker.xml (the
#     hub's queues, address settings and roles) with the acceptor on 127.0.0.1:<free port> and
#     create's auto-tuned journal-type, journal-buffer-timeout and journal-max-io put in. Users:
#     the hub (role amq), partner kungalv-ame (role partner-kungalv-ame, password = its quickstart
#     API key) and förbund alvkust (role forbund-alvkust). Records `artemis perf-journal` (and,
#     when the broker uses ASYNCIO, a NIO run too: the embedded broker's journal type).
#  3. Raw baselines with Artemis' own tools on that broker:
#     `artemis perf client --persistent --producers 4 --consumers 4 --tx --commit-interval 1
#     --threads 4` (producers commit every message; --tx: consumers in transacted sessions; one
#     producer thread each) with the hub's canonical message size, WARMUP s warm-up + MEASURE s;
#     then `artemis transfer` (queue to queue, one JMS transaction per commit) with
#     --commit-interval 1 and 100 over TRANSFER_MESSAGES messages loaded with `artemis producer`;
#     its rate is taken from its own progress lines (JVM start excluded); then BrokerPipeline
#     (src/test/java/se/gransnav/bench): the hub's queue path with the hub taken out — the same
#     sends, consumes and commits per message on the same queues and threads — the ceiling of the
#     design on this machine.
#  4. The hub (target/gransnav-*.jar, quickstart profile, H2) in native mode against that broker,
#     then on its embedded broker (broker stopped). In each, four phases, each a JVM of
#     src/test/java/se/gransnav/bench/{QueueLoad,HttpLoad}.java:
#       queue full   closed loop, 4 partner producers (transacted, commit per message) into
#                    hub.intake.kungalv-ame, 4 förbund consumers (transacted) on
#                    forbund.alvkust.inbox, at most QUEUE_WINDOW in flight: msg/s at the förbund;
#                    HUB_WARMUP s warm-up (the hub's JIT), MEASURE s measured;
#       queue half   open loop at half the full rate: latency intake → förbund queue p50/p99/p99.9
#                    (from the intended send time); SETTLE s not recorded first;
#       http full    closed loop, HTTP_CLIENTS clients POST /api/v1/messages: req/s (202s);
#                    WARMUP s warm-up;
#       http fixed   open loop at min(500, half the full rate) req/s: latency p50/p99/p99.9
#                    (from the intended send time); SETTLE s first.
#     Every phase checks that each message sent (queue) or answered 202 (HTTP) reached the
#     förbund queue exactly once: lost and duplicates are in the table (non-zero = a bug).
#  5. CSV path: bench/statusfile-benchmark.sh CSV_ROWS (its last line: rows/s, peak heap).
#  6. Start to ready and idle RSS: bench/start-and-rss.sh when it exists (RUNS=START_RUNS);
#     otherwise measured here on the embedded hub's own start in step 4: from just before `java`
#     to /actuator/health 200 with the Camel context Started and the partner API answering (not
#     503/404), then VmRSS of /proc/<pid>/status after IDLE_SECONDS idle, before any load.
#
# Settings (environment), defaults in brackets (QUICK=1 ones after the slash):
#   WARMUP [30/5] HUB_WARMUP [120/10] (the first phase on each hub: the JIT's warm-up) MEASURE [30/10] SETTLE [5/2] seconds; PRODUCERS [4] CONSUMERS [4] QUEUE_WINDOW [500]
#   HTTP_CLIENTS [8] HTTP_RATE [min(500, half of the full rate)] TRANSFER_MESSAGES [5000/1000]
#   CSV_ROWS [100000/20000] (0 skips the CSV path; 1000000 adds 10-20 minutes) START_RUNS [3/1] IDLE_SECONDS [30/10]
#   HUB_JAVA_OPTS (extra JVM options of the hub; bench/jvm-options is used first when it exists)
#   OUT (output folder) [target/bench/<timestamp>]
# Message bodies carry (test) personal numbers: nothing here prints them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

QUICK=${QUICK:-0}
if [ "$QUICK" = 1 ]; then
  WARMUP=${WARMUP:-5}; MEASURE=${MEASURE:-10}; SETTLE=${SETTLE:-2}; HUB_WARMUP=${HUB_WARMUP:-10}
  TRANSFER_MESSAGES=${TRANSFER_MESSAGES:-1000}; CSV_ROWS=${CSV_ROWS:-20000}
  START_RUNS=${START_RUNS:-1}; IDLE_SECONDS=${IDLE_SECONDS:-10}
else
  WARMUP=${WARMUP:-30}; MEASURE=${MEASURE:-30}; SETTLE=${SETTLE:-5}; HUB_WARMUP=${HUB_WARMUP:-120}
  TRANSFER_MESSAGES=${TRANSFER_MESSAGES:-5000}; CSV_ROWS=${CSV_ROWS:-100000}
  START_RUNS=${START_RUNS:-3}; IDLE_SECONDS=${IDLE_SECONDS:-30}
fi
PRODUCERS=${PRODUCERS:-4}; CONSUMERS=${CONSUMERS:-4}; QUEUE_WINDOW=${QUEUE_WINDOW:-500}
HTTP_CLIENTS=${HTTP_CLIENTS:-8}; HTTP_RATE=${HTTP_RATE:-}
DRAIN=${DRAIN:-120}

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${OUT:-target/bench/$STAMP}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
FIG="$OUT/figures.txt"
: > "$FIG"
T_START=$(date +%s)

PARTNER=kungalv-ame
PARTNER_KEY=demo-kungalv-ame-b197403708c84765c86e12b9
# The queue path's partners (id:API key = broker password): the hub reads each partner's intake queue
# with one consumer, in the partner's order, so load from one partner is served by one thread; four
# partners, one producer each, meet the raw baseline's four producers. QUEUE_PARTNERS=$PARTNER:$PARTNER_KEY
# measures one partner alone.
QUEUE_PARTNERS=${QUEUE_PARTNERS:-kungalv-socialtjanst:demo-kungalv-socialtjanst-91bce42823b4575ce0d94d6d,kungalv-ame:$PARTNER_KEY,ale-ame:demo-ale-ame-b2478886e5f89a30cb223951,goteborg-socialtjanst:demo-goteborg-socialtjanst-b49bc43e839eff4b5a447020}
FORBUND=alvkust
FORBUND_PASSWORD=demo-alvkust-broker-login
VIEWER=viewer:viewer-demo

log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$OUT/run.log"; }
fig() { echo "$1=$2" >> "$FIG"; }
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# key=value pairs of the last "RESULT" line of a driver's output, each written as <prefix>_<key>.
results() {
  local prefix=$1 file=$2 line
  line=$(grep '^RESULT ' "$file" | tail -1 || true)
  [ -n "$line" ] || { fig "${prefix}_error" "no-result"; return; }
  for kv in ${line#RESULT }; do fig "${prefix}_${kv%%=*}" "${kv#*=}"; done
}
value() { grep "^$1=" "$FIG" | tail -1 | cut -d= -f2-; }

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 60); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && return 0
    sleep 0.5
  done
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# ---------------------------------------------------------------- 1. build
log "output: $OUT"
log "building (./mvnw -q -B -DskipTests package)"
./mvnw -q -B -DskipTests package > "$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log"; exit 1; }
if [ ! -s target/bench-classpath.txt ] || [ pom.xml -nt target/bench-classpath.txt ]; then
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test \
    >> "$OUT/build.log" 2>&1
fi
CP="target/test-classes:$(cat target/bench-classpath.txt)"
JAR=$(ls target/gransnav-*.jar | grep -v original | head -1)
DIST=$(ls -d "$ROOT"/target/artemis-distribution/apache-artemis-* | head -1)
DRIVER_JAVA=(java -Xmx512m -cp "$CP")

# The JVM options of the hub: bench/jvm-options (one or more a line, # comments) when the
# start-up work has added it, then HUB_JAVA_OPTS.
HUB_JVM=()
if [ -f bench/jvm-options ]; then
  # shellcheck disable=SC2207
  HUB_JVM+=($( (grep -v '^\s*#' bench/jvm-options || true) | tr '\n' ' '))
fi
# shellcheck disable=SC2206
HUB_JVM+=(${HUB_JAVA_OPTS:-})

# ---------------------------------------------------------------- machine
{
  echo "nproc=$(nproc)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "memory=$(free -h | awk '/^Mem:/ {print $2}')"
  echo "disk=$(df -h "$OUT" | awk 'NR==2 {print $1 " " $2 " (" $5 " used)"}')"
  echo "java=$(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "artemis=$("$DIST/bin/artemis" version 2>/dev/null | grep -m1 'Apache ActiveMQ Artemis' | awk '{print $NF}')"
  echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "git=$(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet 2>/dev/null || echo '+changes')"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt" >> "$FIG"
SIZE=$("${DRIVER_JAVA[@]}" se.gransnav.bench.QueueLoad --size=true)
fig message_bytes "$SIZE"
fig settings "WARMUP=$WARMUP HUB_WARMUP=$HUB_WARMUP MEASURE=$MEASURE SETTLE=$SETTLE PRODUCERS=$PRODUCERS CONSUMERS=$CONSUMERS QUEUE_WINDOW=$QUEUE_WINDOW HTTP_CLIENTS=$HTTP_CLIENTS TRANSFER_MESSAGES=$TRANSFER_MESSAGES CSV_ROWS=$CSV_ROWS QUICK=$QUICK"
fig hub_jvm "${HUB_JVM[*]:-(defaults)}"

# ---------------------------------------------------------------- 2. standalone broker
BROKER="$OUT/broker"
BROKER_PORT=$(freeport)
BROKER_URL="tcp://127.0.0.1:$BROKER_PORT"
HUB_USER=gransnav-hub
HUB_PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
log "creating the standalone broker (artemis create, journal auto-tune) on port $BROKER_PORT"
"$DIST/bin/artemis" create "$BROKER" --silent --require-login --user "$HUB_USER" --password "$HUB_PASSWORD" \
  --role amq --name gransnav-bench-broker --host 127.0.0.1 --default-port "$BROKER_PORT" \
  --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor --no-web \
  --java-memory 1G > "$OUT/artemis-create.log" 2>&1
cp "$BROKER/etc/broker.xml" "$OUT/broker-generated.xml"
python3 - "$OUT/broker-generated.xml" docker/artemis/etc-override/broker.xml "$BROKER/etc/broker.xml" "$BROKER_PORT" > "$OUT/broker-journal.txt" <<'PY'
import re, sys
generated, project, target, port = sys.argv[1:]
gen = open(generated, encoding="utf-8").read()
xml = open(project, encoding="utf-8").read()
acceptor = "tcp://0.0.0.0:61616?"
assert xml.count(acceptor) == 1, "broker.xml must have exactly one acceptor on " + acceptor
xml = xml.replace(acceptor, "tcp://127.0.0.1:%s?" % port)
for tag in ("journal-type", "journal-buffer-timeout", "journal-max-io"):
    found = re.search(r"<%s>([^<]*)</%s>" % (tag, tag), gen)
    if found:
        xml, n = re.subn(r"<%s>[^<]*</%s>" % (tag, tag), "<%s>%s</%s>" % (tag, found.group(1), tag), xml)
        assert n == 1, tag
        print("%s=%s" % (tag, found.group(1)))
open(target, "w", encoding="utf-8").write(xml)
PY
JOURNAL_TYPE=$(grep '^journal-type=' "$OUT/broker-journal.txt" | cut -d= -f2)
fig broker_journal_type "$JOURNAL_TYPE"
fig broker_journal_buffer_timeout_ns "$(grep '^journal-buffer-timeout=' "$OUT/broker-journal.txt" | cut -d= -f2)"
grep -m1 "writes per millisecond" "$OUT/artemis-create.log" | sed 's/^/create: /' >> "$OUT/run.log" || true
# The partner's and the förbund's broker users (plain-text passwords: a throw-away instance with
# the quickstart's demo logins). The generated files end without a newline: start with one.
{
  echo
  for pair in ${QUEUE_PARTNERS//,/ }; do echo "${pair%%:*} = ${pair#*:}"; done
  echo "$FORBUND = $FORBUND_PASSWORD"
} >> "$BROKER/etc/artemis-users.properties"
{
  echo
  for pair in ${QUEUE_PARTNERS//,/ }; do echo "partner-${pair%%:*} = ${pair%%:*}"; done
  echo "forbund-$FORBUND = $FORBUND"
} >> "$BROKER/etc/artemis-roles.properties"

log "artemis perf-journal ($JOURNAL_TYPE)"
(cd "$BROKER" && bin/artemis perf-journal) > "$OUT/perf-journal.txt" 2>&1 || true
fig perf_journal_writes_per_ms "$(grep -o 'execute [0-9.]* writes per millisecond' "$OUT/perf-journal.txt" | awk '{print $2}' | tail -1)"
fig perf_journal_buffer_timeout_ns "$(grep -o '<journal-buffer-timeout>[0-9]*' "$OUT/perf-journal.txt" | tail -1 | cut -d'>' -f2)"
if [ "$JOURNAL_TYPE" = ASYNCIO ] && [ "$QUICK" != 1 ]; then
  log "artemis perf-journal --journal-type NIO (the embedded broker's type)"
  (cd "$BROKER" && bin/artemis perf-journal --journal-type NIO) > "$OUT/perf-journal-nio.txt" 2>&1 || true
  fig perf_journal_nio_writes_per_ms "$(grep -o 'execute [0-9.]* writes per millisecond' "$OUT/perf-journal-nio.txt" | awk '{print $2}' | tail -1)"
fi

start_broker() {
  log "starting the standalone broker"
  (cd "$BROKER" && exec bin/artemis run) > "$OUT/broker-console.log" 2>&1 &
  BROKER_PID=$!
  PIDS+=("$BROKER_PID")
  for _ in $(seq 1 240); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$BROKER_PORT") 2>/dev/null; then
      sleep 1
      return 0
    fi
    kill -0 "$BROKER_PID" 2>/dev/null || { echo "the broker died:"; tail -30 "$OUT/broker-console.log"; exit 1; }
    sleep 0.5
  done
  echo "the broker did not open its port"; exit 1
}
stop_pid() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
start_broker
CLI_LOGIN=(--user "$HUB_USER" --password "$HUB_PASSWORD")
# Fail now, not in every phase, when a login or the hub's queues are missing.
(cd "$BROKER" && bin/artemis queue stat --url "$BROKER_URL" "${CLI_LOGIN[@]}" --silent) > "$OUT/broker-queues.txt" 2>&1 || true
grep -q "forbund.$FORBUND.inbox" "$OUT/broker-queues.txt" \
  || { echo "the standalone broker refused the hub's login or lacks its queues:"; tail -5 "$OUT/broker-queues.txt"; exit 1; }

# ---------------------------------------------------------------- 3. raw baselines
log "raw: artemis perf client, 4 producers (commit per message) / 4 transacted consumers, ${SIZE} B, ${WARMUP}+${MEASURE} s"
(cd "$BROKER" && bin/artemis perf client --url "$BROKER_URL" "${CLI_LOGIN[@]}" --persistent \
  --producers "$PRODUCERS" --consumers "$CONSUMERS" --tx --commit-interval 1 --threads "$PRODUCERS" \
  --message-size "$SIZE" --warmup "$WARMUP" --duration $((WARMUP + MEASURE)) \
  --json "$OUT/raw-perf-client.json" queue://BENCH.RAW) > "$OUT/raw-perf-client.txt" 2>&1 || true
python3 - "$OUT/raw-perf-client.json" >> "$FIG" <<'PY'
import json, sys
try:
    samples = json.load(open(sys.argv[1]))
except Exception as e:
    print("raw_error=%s" % type(e).__name__); sys.exit()
intervals = [s for s in samples if s.get("sampleType") == "interval"]
warm = [s for s in intervals if s.get("warmup")]
measured = [s for s in intervals if not s.get("warmup")]
if measured:
    t0 = warm[-1]["time"] if warm else measured[0]["time"] - 1000
    seconds = (measured[-1]["time"] - t0) / 1000.0
    print("raw_msg_per_s=%.1f" % (sum(s["received"] for s in measured) / seconds))
    print("raw_sent_per_s=%.1f" % (sum(s["sent"] for s in measured) / seconds))
summary = [s for s in samples if s.get("sampleType") == "summary"]
if summary:
    t = summary[0]["totalTransferTime"]
    print("raw_result=%s" % summary[0]["result"])
    for key, name in (("50", "p50"), ("99", "p99"), ("99.9", "p999")):
        print("raw_transfer_%s_ms=%.2f" % (name, t[key] / 1000.0))
PY

transfer() {
  local interval=$1 queue="BENCH.TRANSFER.$1"
  log "raw: artemis transfer, commit every $interval, $TRANSFER_MESSAGES messages"
  (cd "$BROKER" && bin/artemis producer --url "$BROKER_URL" "${CLI_LOGIN[@]}" --silent \
    --message-count "$TRANSFER_MESSAGES" --message-size "$SIZE" --commit-interval 100 \
    --destination "queue://$queue") > "$OUT/raw-transfer-$interval-load.txt" 2>&1 || true
  # Each progress line stamped as it is printed: the rate is over those lines, JVM start excluded.
  (cd "$BROKER" && bin/artemis transfer --silent --source-url "$BROKER_URL" --source-user "$HUB_USER" \
    --source-password "$HUB_PASSWORD" --source-queue "$queue" --target-url "$BROKER_URL" \
    --target-user "$HUB_USER" --target-password "$HUB_PASSWORD" --target-queue "$queue.OUT" \
    --commit-interval "$interval" --message-count "$TRANSFER_MESSAGES" --receive-timeout 5000) 2>&1 \
    | python3 -u -c 'import sys, time
for line in sys.stdin: sys.stdout.write("%.3f %s" % (time.time(), line))' > "$OUT/raw-transfer-$interval.txt" || true
  python3 - "$OUT/raw-transfer-$interval.txt" "$interval" >> "$FIG" <<'PY'
import re, sys
rows = []
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.match(r"([0-9.]+) Transferred (\d+) messages of (\d+)", line)
    if m:
        rows.append((float(m.group(1)), int(m.group(3))))
total = re.search(r"Transferred a total of (\d+)", open(sys.argv[1], encoding="utf-8", errors="replace").read())
if len(rows) >= 2 and rows[-1][0] > rows[0][0]:
    print("raw_transfer%s_msg_per_s=%.1f" % (sys.argv[2], (rows[-1][1] - rows[0][1]) / (rows[-1][0] - rows[0][0])))
print("raw_transfer%s_total=%s" % (sys.argv[2], total.group(1) if total else "?"))
PY
}
transfer 1
transfer 100

# The hub's broker work alone: BrokerPipeline does, per message, the sends, consumes and commits
# the hub's queue path does (intake, accepted, receipt, förbund), with the same threads and the
# same queues, and nothing of the hub. Its rate is the ceiling of this design on this machine.
log "raw: the hub's broker work alone (BrokerPipeline), ${WARMUP}+${MEASURE} s"
"${DRIVER_JAVA[@]}" se.gransnav.bench.BrokerPipeline --url="$BROKER_URL" --user="$HUB_USER" --password="$HUB_PASSWORD" \
  --forbund="$FORBUND" --consumers="$CONSUMERS" --window="$QUEUE_WINDOW" --warmup="$WARMUP" --measure="$MEASURE" \
  --drain="$DRAIN" > "$OUT/raw-pipeline.txt" 2>&1 || true
results raw_pipeline "$OUT/raw-pipeline.txt"

# ---------------------------------------------------------------- 4. the hub
# start_hub <name> <hub args...>: starts the hub, waits until it is ready, records the start time.
start_hub() {
  local name=$1; shift
  HUB_HTTP_PORT=$(freeport)
  HUB_DATA="$OUT/hub-$name-data"
  log "starting the hub ($name)"
  local t0; t0=$(date +%s.%N)
  java "${HUB_JVM[@]}" -jar "$JAR" --spring.profiles.active=quickstart --gransnav.data-dir="$HUB_DATA" \
    --server.port="$HUB_HTTP_PORT" "--gransnav.security.rate-limit.per-partner.$PARTNER=100000000" "$@" \
    > "$OUT/hub-$name.log" 2>&1 &
  HUB_PID=$!
  PIDS+=("$HUB_PID")
  local ready=0
  for _ in $(seq 1 1800); do
    kill -0 "$HUB_PID" 2>/dev/null || { echo "the hub ($name) died:"; tail -30 "$OUT/hub-$name.log"; exit 1; }
    if curl -sf -u "$VIEWER" "http://127.0.0.1:$HUB_HTTP_PORT/actuator/health" 2>/dev/null \
        | grep -q '"context.status":"Started"'; then
      local api
      api=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $PARTNER_KEY" \
        "http://127.0.0.1:$HUB_HTTP_PORT/api/v1/schema/participant-message-v1.json" || true)
      if [ "$api" != 503 ] && [ "$api" != 404 ] && [ "$api" != 000 ]; then ready=1; break; fi
    fi
    sleep 0.1
  done
  [ "$ready" = 1 ] || { echo "the hub ($name) did not get ready"; exit 1; }
  HUB_START_SECONDS=$(echo "$(date +%s.%N) - $t0" | bc)
  fig "${name}_start_seconds" "$(printf '%.1f' "$HUB_START_SECONDS")"
  log "hub ($name) ready after $(printf '%.1f' "$HUB_START_SECONDS") s"
}

# drive <phase> <driver> <warm-up s> <driver args...>: one load phase of hub_phases (which sets
# $run); the driver's output goes to $OUT/<phase>.txt, its latencies to <phase>.hgrm, its RESULT
# line to the figures as <phase with _ for ->_<key>.
# It also records the hub's CPU time during the measurement (utime + stime of /proc/<pid>/stat, the
# broker included when it is embedded) as <phase>_hub_cpu_ms_per_msg: on a machine that is not
# quite quiet, a steadier figure to compare builds by than the rate.
drive() {
  local phase=$1 driver=$2 warmup=$3
  shift 3
  local cpu_file="$OUT/$phase.cpu"
  ( sleep "$warmup"; hub_cpu_ticks > "$cpu_file"; sleep "$MEASURE"; hub_cpu_ticks >> "$cpu_file" ) &
  local sampler=$!
  "${DRIVER_JAVA[@]}" "se.gransnav.bench.$driver" "$@" --warmup="$warmup" --measure="$MEASURE" --run="$run" \
    --histogram="$OUT/$phase.hgrm" > "$OUT/$phase.txt" 2>&1 || true
  wait "$sampler" || true
  results "${phase//-/_}" "$OUT/$phase.txt"
  local prefix=${phase//-/_}
  local rate; rate=$(value "${prefix}_msg_per_s" || true); rate=${rate:-$(value "${prefix}_req_per_s" || true)}
  python3 - "$cpu_file" "${rate:-0}" "$MEASURE" "$(getconf CLK_TCK)" "$prefix" >> "$FIG" <<'PY' || true
import sys
ticks = [int(x) for x in open(sys.argv[1]).read().split()]
rate, measure, hz, prefix = float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
if len(ticks) == 2 and rate > 0:
    cpu = (ticks[1] - ticks[0]) / hz
    print("%s_hub_cpu_ms_per_msg=%.2f" % (prefix, cpu * 1000 / (rate * measure)))
    print("%s_hub_cpu_cores=%.2f" % (prefix, cpu / measure))
PY
}
# The hub's CPU time so far in clock ticks (user + system), 0 when it is not running.
hub_cpu_ticks() { awk '{print $14 + $15}' "/proc/$HUB_PID/stat" 2>/dev/null || echo 0; }

# hub_phases <name> <broker url the partner and förbund clients use>
hub_phases() {
  local name=$1 url=$2
  local run; run="$name$(date +%s)"
  local queue_args=(--url="$url" --partners="$QUEUE_PARTNERS" --forbund="$FORBUND"
    --forbund-password="$FORBUND_PASSWORD" --producers="$PRODUCERS" --consumers="$CONSUMERS" --drain="$DRAIN")
  local http_args=(--url="http://127.0.0.1:$HUB_HTTP_PORT/api/v1/messages" --key="$PARTNER_KEY"
    --broker-url="$url" --forbund="$FORBUND" --forbund-password="$FORBUND_PASSWORD" --consumers="$CONSUMERS"
    --clients="$HTTP_CLIENTS" --drain="$DRAIN")

  # The first phase on a fresh hub warms it up for HUB_WARMUP s, not WARMUP: on two cores under
  # full load the JIT compilers were still taking a third of the hub's CPU 45 s in, and the same
  # build measured 126 msg/s after 30 s of warm-up and 272 after 150 s (docs/benchmarks.md).
  log "$name: queue path, full load (closed loop, window $QUEUE_WINDOW), ${HUB_WARMUP}+${MEASURE} s"
  drive "$name-queue-full" QueueLoad "$HUB_WARMUP" "${queue_args[@]}" --mode=closed --window="$QUEUE_WINDOW"
  local full; full=$(value "${name}_queue_full_msg_per_s")
  local half; half=$(python3 -c "import sys; print(max(1.0, float(sys.argv[1] or 0) / 2))" "${full:-0}" 2>/dev/null || echo 1)
  fig "${name}_queue_half_rate" "$half"
  log "$name: queue path, half load ($half msg/s, open loop), ${SETTLE}+${MEASURE} s"
  drive "$name-queue-half" QueueLoad "$SETTLE" "${queue_args[@]}" --mode=open --rate="$half"

  log "$name: HTTP path, full load ($HTTP_CLIENTS clients, closed loop), ${WARMUP}+${MEASURE} s"
  drive "$name-http-full" HttpLoad "$WARMUP" "${http_args[@]}" --mode=closed
  local rate=$HTTP_RATE
  if [ -z "$rate" ]; then
    rate=$(python3 -c "import sys; print(max(1.0, min(500.0, float(sys.argv[1] or 0) / 2)))" \
      "$(value "${name}_http_full_req_per_s")" 2>/dev/null || echo 1)
  fi
  fig "${name}_http_fixed_rate" "$rate"
  log "$name: HTTP path, fixed rate $rate req/s (open loop), ${SETTLE}+${MEASURE} s"
  drive "$name-http-fixed" HttpLoad "$SETTLE" "${http_args[@]}" --mode=open --rate="$rate"
}

start_hub native --spring.artemis.mode=native --spring.artemis.embedded.enabled=false \
  --spring.artemis.broker-url="$BROKER_URL" --spring.artemis.user="$HUB_USER" --spring.artemis.password="$HUB_PASSWORD"
hub_phases native "$BROKER_URL"
stop_pid "$HUB_PID"
log "stopping the standalone broker"
stop_pid "$BROKER_PID"

EMBEDDED_BROKER_PORT=$(freeport)
start_hub embedded "--gransnav.broker.acceptor=tcp://127.0.0.1:$EMBEDDED_BROKER_PORT?protocols=CORE"
if [ ! -x bench/start-and-rss.sh ]; then
  # Start to ready (above) and idle RSS, measured here: no bench/start-and-rss.sh on this branch.
  log "idle ${IDLE_SECONDS} s, then VmRSS"
  sleep "$IDLE_SECONDS"
  fig start_seconds "$(value embedded_start_seconds)"
  fig idle_rss_mb "$(awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$HUB_PID/status")"
  fig start_rss_source "bench/run.sh (embedded hub, first start on an empty data dir, idle ${IDLE_SECONDS} s)"
fi
hub_phases embedded "tcp://127.0.0.1:$EMBEDDED_BROKER_PORT"
stop_pid "$HUB_PID"

# ---------------------------------------------------------------- 5. CSV path
if [ "$CSV_ROWS" != 0 ]; then
  log "CSV path: bench/statusfile-benchmark.sh $CSV_ROWS"
  bench/statusfile-benchmark.sh "$CSV_ROWS" > "$OUT/statusfile-benchmark.txt" 2>&1 || true
  line=$(grep '^rows=' "$OUT/statusfile-benchmark.txt" | tail -1 || true)
  if [ -n "$line" ]; then for kv in $line; do fig "csv_${kv%%=*}" "${kv#*=}"; done; else fig csv_error "no-result"; fi
fi

# ---------------------------------------------------------------- 6. start and idle RSS
if [ -x bench/start-and-rss.sh ]; then
  log "start to ready and idle RSS: bench/start-and-rss.sh (RUNS=$START_RUNS IDLE_SECONDS=$IDLE_SECONDS)"
  RUNS=$START_RUNS IDLE_SECONDS=$IDLE_SECONDS bench/start-and-rss.sh > "$OUT/start-and-rss.txt" 2>&1 || true
  line=$(grep 'idle_rss_mb=' "$OUT/start-and-rss.txt" | tail -1 || true)
  for kv in $line; do
    case "${kv%%=*}" in
      start_seconds|start_seconds_median) fig start_seconds "${kv#*=}" ;;
      *) fig "startscript_${kv%%=*}" "${kv#*=}" ;;
    esac
  done
  fig idle_rss_mb "$(echo "$line" | grep -o 'idle_rss_mb=[0-9.]*' | cut -d= -f2)"
  fig start_rss_source "bench/start-and-rss.sh (RUNS=$START_RUNS, IDLE_SECONDS=$IDLE_SECONDS)"
fi

fig total_seconds $(( $(date +%s) - T_START ))
fig load_after "$(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/results.py "$FIG" > "$OUT/results.md"
cat "$OUT/results.md"
log "raw outputs and results.md in $OUT"
