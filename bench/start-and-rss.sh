#!/usr/bin/env bash
# Start to ready, and idle resident memory, of the packaged hub.
#
# Builds nothing: expects target/gransnav-*.jar (`./mvnw -q -B -DskipTests package`). Starts the
# hub RUNS times (default 5) on free ports with a data dir of its own: the first start on an empty
# data dir (the broker creates its journal, Flyway creates the schema), the others on the data dir
# the earlier starts left. Each start is stopped with SIGTERM before the next.
#
# Ready means what a partner needs: /actuator/health answers 200 (broker and database up) AND the
# partner API answers something other than 503 (StartingFilter answers 503 until the Camel context,
# and with it every route, has started; before the REST routes exist Spring MVC answers 404). The
# probe for the second is GET /api/v1/schema/participant-message-v1.json with kungalv-ame's
# quickstart key: the same filter and the same Camel platform-http path as POST /api/v1/messages,
# without accepting (or rejecting and tracking) a message. Start time runs from just before
# `java` is launched to the first poll (every 0.1 s) that sees both.
#
# After the last start the hub idles IDLE_SECONDS (default 30), then the script reads VmRSS from
# /proc/<pid>/status, the heap (jcmd GC.heap_info) and, with NMT=1 (adds
# -XX:NativeMemoryTracking=summary, which itself costs a few MB), where the rest goes.
#
# JVM options: those of bench/jvm-options (the same as the Dockerfile's and pom.xml's
# spring-boot:run), then HUB_JAVA_OPTS. Extra arguments go to the hub, e.g. native mode:
#   bench/start-and-rss.sh --spring.artemis.mode=native --spring.artemis.embedded.enabled=false \
#     --spring.artemis.broker-url=tcp://127.0.0.1:61616 --spring.artemis.user=... --spring.artemis.password=...
# Usage: [RUNS=5] [CDS=1] [IDLE_SECONDS=30] [NMT=1] [HUB_JAVA_OPTS=...] [KEEP=1] bench/start-and-rss.sh [hub args...]
# Last line: start_seconds_median=<median of the starts on an existing data dir>
#            start_seconds_first=<the start on an empty data dir> idle_rss_mb=<after IDLE_SECONDS>
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
IDLE_SECONDS=${IDLE_SECONDS:-30}
API_KEY=demo-kungalv-ame-b197403708c84765c86e12b9

# HUB_JAR: another jar, e.g. one extracted with -Djarmode=tools (see docs/benchmarks.md).
JAR=${HUB_JAR:-$(ls target/gransnav-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true)}
if [ -z "$JAR" ]; then
  echo "no target/gransnav-*.jar: build it first (./mvnw -q -B -DskipTests package)" >&2; exit 1
fi
read -r -a JVM_OPTS <<< "$(grep -v '^#' bench/jvm-options | tr '\n' ' ')"
if [ "${NMT:-0}" = 1 ]; then JVM_OPTS+=(-XX:NativeMemoryTracking=summary); fi
# shellcheck disable=SC2206
JVM_OPTS+=(${HUB_JAVA_OPTS:-})

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTP_PORT=$(free_port)
BROKER_PORT=$(free_port)
# As the Dockerfile runs the hub: the jar extracted (java -Djarmode=tools ... extract: the
# application jar plus lib/, no nested jars to open at start) and a class data sharing archive of
# the classes a start loads (a training run that exits once the Spring context is refreshed), used
# with -XX:SharedArchiveFile. Both kept in target/cds/ until the jar changes. CDS=0: plain java -jar.
if [ "${CDS:-1}" = 1 ] && [ -z "${HUB_JAR:-}" ]; then
  APP=target/cds
  if [ ! -f "$APP/gransnav.jsa" ] || [ "$JAR" -nt "$APP/gransnav.jsa" ]; then
    echo "extracting $JAR into $APP and training the CDS archive (one start, once per build)"
    rm -rf "$APP" && mkdir -p "$APP"
    java -Djarmode=tools -jar "$JAR" extract --destination "$APP/extracted" > /dev/null
    mv "$APP/extracted/lib" "$APP/lib" && mv "$APP"/extracted/gransnav-*.jar "$APP/gransnav.jar" && rmdir "$APP/extracted"
    training=$(mktemp -d /tmp/gransnav-cds-XXXX)
    java "${JVM_OPTS[@]}" -XX:ArchiveClassesAtExit="$APP/gransnav.jsa" -Dspring.context.exit=onRefresh -jar "$APP/gransnav.jar" \
      --gransnav.data-dir="$training" --gransnav.payloads.encryption-key="$(head -c 32 /dev/urandom | base64)" \
      --server.port="$HTTP_PORT" "--gransnav.broker.acceptor=tcp://127.0.0.1:$BROKER_PORT?protocols=CORE" > "$training.log" 2>&1 \
      || { echo "CDS training failed, see $training.log"; exit 1; }
    rm -rf "$training" "$training.log"
  fi
  JAR=$APP/gransnav.jar
  JVM_OPTS+=(-XX:SharedArchiveFile="$APP/gransnav.jsa")
fi

WORK=$(mktemp -d /tmp/gransnav-start-XXXX)
HUB=
cleanup() {
  if [ -n "$HUB" ] && kill -0 "$HUB" 2>/dev/null; then kill "$HUB"; wait "$HUB" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

echo "jar: $JAR ($(java -version 2>&1 | head -1)), $(nproc) cores"
echo "jvm options: ${JVM_OPTS[*]:-(none)}"
echo "hub arguments: $* ; work dir $WORK"

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }
code() { curl -s -o /dev/null -m 2 -w '%{http_code}' "$@" || true; }

starts=()
cpus=()
for run in $(seq 1 "$RUNS"); do
  log="$WORK/hub-$run.log"
  t0=$(date +%s.%N)
  java "${JVM_OPTS[@]}" -jar "$JAR" --spring.profiles.active=quickstart --gransnav.data-dir="$WORK/data" \
    --server.port="$HTTP_PORT" "--gransnav.broker.acceptor=tcp://127.0.0.1:$BROKER_PORT?protocols=CORE" "$@" \
    > "$log" 2>&1 &
  HUB=$!
  ready=
  for _ in $(seq 1 1200); do
    kill -0 "$HUB" 2>/dev/null || { echo "the hub died, see below"; tail -30 "$log"; exit 1; }
    if [ "$(code -H "Authorization: Bearer $API_KEY" "http://127.0.0.1:$HTTP_PORT/api/v1/schema/participant-message-v1.json")" = 200 ] \
        && [ "$(code "http://127.0.0.1:$HTTP_PORT/actuator/health")" = 200 ]; then
      ready=$(date +%s.%N)
      cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$HUB/stat")
      break
    fi
    sleep 0.1
  done
  [ -n "$ready" ] || { echo "not ready within 120 s"; tail -30 "$log"; exit 1; }
  secs=$(echo "$ready - $t0" | bc)
  starts+=("$secs")
  cpus+=("$cpu")
  # The hub's own view: Spring's "Started ... in" (context refresh, Camel included) and Camel's
  # "started in" (routes), both from the log.
  spring=$(grep -o 'Started GransnavApplication in [0-9.]* seconds (process running for [0-9.]*)' "$log" | head -1 || true)
  camel=$(grep -o 'Apache Camel [^ ]* (gransnav) started in [^)]*)' "$log" | head -1 || true)
  printf 'run %d (%s data dir): ready after %.2f s, %s s CPU | %s | %s\n' "$run" \
    "$([ "$run" = 1 ] && echo empty || echo existing)" "$secs" "$cpu" "$spring" "$camel"
  if [ "$run" -lt "$RUNS" ]; then
    kill "$HUB"; wait "$HUB" 2>/dev/null || true; HUB=
  fi
done

echo "idling $IDLE_SECONDS s"
sleep "$IDLE_SECONDS"
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$HUB/status")
echo "VmRSS ${rss_kb} kB ($((rss_kb / 1024)) MB), threads $(awk '/^Threads/ {print $2}' "/proc/$HUB/status")"
echo "--- jcmd GC.heap_info"
jcmd "$HUB" GC.heap_info 2>/dev/null | sed -n '2,20p' || true
if [ "${NMT:-0}" = 1 ]; then
  echo "--- jcmd VM.native_memory summary (committed, MB)"
  jcmd "$HUB" VM.native_memory summary scale=MB 2>/dev/null \
    | grep -E '^(Total|-) |^ *- *[A-Z]' | grep -o '^[^(]*(reserved=[0-9]*MB, committed=[0-9]*MB)' || true
fi

first=${starts[0]}
if [ "$RUNS" -gt 1 ]; then
  median=$(printf '%s\n' "${starts[@]:1}" | median)
  cpu_median=$(printf '%s\n' "${cpus[@]:1}" | median)
else
  median=$(printf "%.2f" "$first")
  cpu_median=${cpus[0]}
fi
# On a busy machine the wall clock above includes waiting for a core; the CPU seconds the hub used
# until ready (user + system, all its threads) are steadier for comparing two settings.
echo "start CPU seconds: first ${cpus[0]}, median of the others $cpu_median; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'start_seconds_median=%s start_seconds_first=%.2f idle_rss_mb=%d\n' "$median" "$first" "$((rss_kb / 1024))"
