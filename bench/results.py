#!/usr/bin/env python3
"""Turns the figures bench/run.sh collected (key=value lines) into results.md: the table, the
ratios hub / raw, the targets of issue 7, the delivery check of every phase, machine and settings.
Usage: python3 bench/results.py target/bench/<timestamp>/figures.txt"""
import sys

figures = {}
for line in open(sys.argv[1], encoding="utf-8"):
    if "=" in line:
        key, value = line.rstrip("\n").split("=", 1)
        figures[key] = value


def num(key):
    try:
        return float(figures[key])
    except (KeyError, ValueError):
        return None


def show(key, digits=0):
    v = num(key)
    if v is None:
        return figures.get(key, "–") or "–"
    return f"{v:,.{digits}f}"


def ratio(a, b):
    x, y = num(a), num(b)
    return f"{x / y:.2f}" if x is not None and y else "–"


def check(value, target, higher_is_better=True):
    v = num(value)
    if v is None:
        return "–"
    return "met" if (v >= target if higher_is_better else v <= target) else "**missed**"


def lat(prefix):
    return " / ".join(show(f"{prefix}_{p}", 1) for p in ("p50_ms", "p99_ms", "p999_ms"))


out = []
w = out.append
w(f"# Benchmark results {figures.get('git', '')}")
w("")
w(f"Machine: {figures.get('nproc', '?')} cores ({figures.get('cpu', '?')}), {figures.get('memory', '?')} memory, "
  f"disk {figures.get('disk', '?')}; {figures.get('java', '?')}; Artemis {figures.get('artemis', '?')}. "
  f"Load average before / after: {figures.get('load_before', '?')} / {figures.get('load_after', '?')}. "
  f"Run took {show('total_seconds')} s.")
w("")
w(f"Settings: {figures.get('settings', '')}; canonical message {show('message_bytes')} bytes as sent "
  f"(delivered to the förbund with the hub's envelope: {show('native_queue_full_delivered_bytes_avg')} bytes). "
  f"Standalone broker: journal {figures.get('broker_journal_type', '?')}, journal-buffer-timeout "
  f"{show('broker_journal_buffer_timeout_ns')} ns (artemis create's auto-tune); the embedded broker: NIO, "
  f"gransnav.broker.journal-buffer-timeout-ns as configured. Hub JVM options: {figures.get('hub_jvm', '')}.")
w("")
w(f"`artemis perf-journal` ({figures.get('broker_journal_type', '?')}): {show('perf_journal_writes_per_ms', 2)} writes/ms, "
  f"recommended journal-buffer-timeout {show('perf_journal_buffer_timeout_ns')} ns"
  + (f"; NIO: {show('perf_journal_nio_writes_per_ms', 2)} writes/ms" if 'perf_journal_nio_writes_per_ms' in figures else "")
  + ".")
w("")
w("| path | figure | raw Artemis | hub, native | hub, embedded | native ÷ raw | embedded ÷ raw | target (issue 7) |")
w("|---|---|---|---|---|---|---|---|")
w(f"| queue | msg/s, full load (raw: perf client 4/4 tx) | {show('raw_msg_per_s')} | {show('native_queue_full_msg_per_s')} "
  f"| {show('embedded_queue_full_msg_per_s')} | {ratio('native_queue_full_msg_per_s', 'raw_msg_per_s')} "
  f"| {ratio('embedded_queue_full_msg_per_s', 'raw_msg_per_s')} | ≥ 0.6 × raw |")
w(f"| queue | msg/s vs `artemis transfer`, commit per message | {show('raw_transfer1_msg_per_s')} | "
  f"{show('native_queue_full_msg_per_s')} | {show('embedded_queue_full_msg_per_s')} "
  f"| {ratio('native_queue_full_msg_per_s', 'raw_transfer1_msg_per_s')} "
  f"| {ratio('embedded_queue_full_msg_per_s', 'raw_transfer1_msg_per_s')} | – |")
w(f"| queue | `artemis transfer`, commit per 100, msg/s | {show('raw_transfer100_msg_per_s')} | – | – | – | – | – |")
w(f"| queue | msg/s vs the hub's broker work alone (BrokerPipeline: the same sends, consumes and commits, no hub) "
  f"| {show('raw_pipeline_msg_per_s')} | {show('native_queue_full_msg_per_s')} "
  f"| {show('embedded_queue_full_msg_per_s')} "
  f"| {ratio('native_queue_full_msg_per_s', 'raw_pipeline_msg_per_s')} "
  f"| {ratio('embedded_queue_full_msg_per_s', 'raw_pipeline_msg_per_s')} | – |")
w(f"| queue | BrokerPipeline ÷ raw 4/4: the most this design can reach of the raw baseline | "
  f"{ratio('raw_pipeline_msg_per_s', 'raw_msg_per_s')} | – | – | – | – | – |")
w(f"| queue | latency p50 / p99 / p99.9 ms at half load (native {show('native_queue_half_rate')}, embedded "
  f"{show('embedded_queue_half_rate')} msg/s; raw: perf client transfer time at full load) | {lat('raw_transfer')} "
  f"| {lat('native_queue_half')} | {lat('embedded_queue_half')} | – | – | – |")
w(f"| HTTP | req/s, full load ({figures.get('settings', '').split('HTTP_CLIENTS=')[-1].split()[0]} clients) | – "
  f"| {show('native_http_full_req_per_s')} | {show('embedded_http_full_req_per_s')} | – | – | ≥ 1,000 |")
w(f"| HTTP | latency p50 / p99 / p99.9 ms at a fixed rate (native {show('native_http_fixed_rate')}, embedded "
  f"{show('embedded_http_fixed_rate')} req/s) | – | {lat('native_http_fixed')} | {lat('embedded_http_fixed')} "
  f"| – | – | p99 ≤ 25 ms at 500 req/s |")
w(f"| queue | hub CPU ms per message at full load (cores used; embedded: broker included) | – "
  f"| {show('native_queue_full_hub_cpu_ms_per_msg', 2)} ({show('native_queue_full_hub_cpu_cores', 2)}) "
  f"| {show('embedded_queue_full_hub_cpu_ms_per_msg', 2)} ({show('embedded_queue_full_hub_cpu_cores', 2)}) | – | – | – |")
w(f"| HTTP | hub CPU ms per request at full load (cores used; embedded: broker included) | – "
  f"| {show('native_http_full_hub_cpu_ms_per_msg', 2)} ({show('native_http_full_hub_cpu_cores', 2)}) "
  f"| {show('embedded_http_full_hub_cpu_ms_per_msg', 2)} ({show('embedded_http_full_hub_cpu_cores', 2)}) | – | – | – |")
w(f"| CSV | rows/s ({show('csv_rows')} rows, -Xmx256m, embedded) | – | – | {show('csv_rows_per_second')} | – | – | ≥ 5,000 |")
w(f"| CSV | peak heap in use / peak live heap MB | – | – | {show('csv_peak_heap_used_mb')} / {show('csv_peak_live_heap_mb')} "
  f"| – | – | within 256 MB |")
w(f"| start | start to ready, s | – | {show('native_start_seconds', 1)} | {show('start_seconds', 1)} | – | – | ≤ 8 s |")
w(f"| memory | idle RSS, MB | – | – | {show('idle_rss_mb')} | – | – | ≤ 450 MB |")
w("")
native_ratio = num('native_queue_full_msg_per_s'), num('raw_msg_per_s')
targets = [
    ("queue path ≥ 0.6 × raw (native)", (f"{native_ratio[0] / native_ratio[1]:.2f}" if all(native_ratio) else "–"),
     ("met" if all(native_ratio) and native_ratio[0] / native_ratio[1] >= 0.6 else
      ("**missed**" if all(native_ratio) else "–"))),
    ("HTTP ≥ 1,000 req/s (embedded)", show('embedded_http_full_req_per_s'), check('embedded_http_full_req_per_s', 1000)),
    ("HTTP p99 ≤ 25 ms at the fixed rate (embedded)", show('embedded_http_fixed_p99_ms', 1),
     check('embedded_http_fixed_p99_ms', 25, False)),
    ("CSV ≥ 5,000 rows/s", show('csv_rows_per_second'), check('csv_rows_per_second', 5000)),
    ("start ≤ 8 s", show('start_seconds', 1), check('start_seconds', 8, False)),
    ("idle RSS ≤ 450 MB", show('idle_rss_mb'), check('idle_rss_mb', 450, False)),
]
w("| target | figure | |")
w("|---|---|---|")
for name, figure, verdict in targets:
    w(f"| {name} | {figure} | {verdict} |")
w("")
w("Delivery check (every message sent, or answered 202, must reach forbund.alvkust.inbox exactly once):")
w("")
w("| phase | sent / accepted | lost | duplicates | rejected | non-202 / send errors |")
w("|---|---|---|---|---|---|")
for mode in ("native", "embedded"):
    for phase in ("queue_full", "queue_half"):
        p = f"{mode}_{phase}"
        w(f"| {mode} {phase.replace('_', ' ')} | {show(p + '_sent')} | {show(p + '_lost')} | {show(p + '_duplicates')} "
          f"| {show(p + '_rejected')} | {show(p + '_send_errors')} |")
    for phase in ("http_full", "http_fixed"):
        p = f"{mode}_{phase}"
        w(f"| {mode} {phase.replace('_', ' ')} | {show(p + '_accepted')} | {show(p + '_lost')} "
          f"| {show(p + '_duplicates')} | – | {show(p + '_non202')} |")
w("")
w(f"Start and RSS measured by: {figures.get('start_rss_source', '–')}. Raw latency is the perf client's "
  "transfer time (send → receive) at full load, warm-up included; the hub's is at half load, open loop, "
  "from the intended send time. Full percentile distributions: *.hgrm beside this file.")
print("\n".join(out))
