#!/bin/sh
# Measures how fast a node takes events over HTTP. The script starts
# `unmogrowp-node serve` on a free loopback port and posts batches of
# generated events with wrk (bench_http.lua) for a fixed time. It compares
# the rate with an in-process replay of the same events in the same run.
#
# Usage: tests/benchmarks/bench_http.sh [--node PATH] [--events N] [--batch N]
#            [--duration SECONDS] [--connections N] [--wrk-threads N] [--threads N]
#
# --node defaults to $UMG_NODE_BINARY, then build/bin/unmogrowp-node. Needs
# wrk (Debian package wrk). wrk cycles through the generated batches with new
# event ids for every request, so event times repeat once it wraps around.
# Every request is acknowledged only after its batch is committed to SQLite,
# so the figures include the journal commit. wrk runs on the same machine
# and takes CPU time from the node.
set -eu

node=${UMG_NODE_BINARY:-build/bin/unmogrowp-node}
events=200000
batch=1000
duration=20
connections=4
wrk_threads=1
engine_threads=0
while [ $# -gt 0 ]; do
    case $1 in
        --node) node=$2; shift 2 ;;
        --events) events=$2; shift 2 ;;
        --batch) batch=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        --wrk-threads) wrk_threads=$2; shift 2 ;;
        --threads) engine_threads=$2; shift 2 ;;
        *) echo "bench_http.sh: unknown option $1; see the header of this script" >&2; exit 2 ;;
    esac
done
if [ ! -x "$node" ]; then
    echo "bench_http.sh: node binary $node not found; build unmogrowp-node or pass --node PATH" >&2
    exit 2
fi
if ! command -v wrk >/dev/null; then
    echo "bench_http.sh: wrk not found; install the Debian package wrk" >&2
    exit 2
fi
script_dir=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bench_http.XXXXXX")
node_pid=
cleanup() {
    if [ -n "$node_pid" ]; then kill "$node_pid" 2>/dev/null || true; wait "$node_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

thread_option=
if [ "$engine_threads" -gt 0 ]; then thread_option="--threads $engine_threads"; fi

echo "generating $events events"
"$node" generate --events "$events" --id-prefix bench --out "$work/events.ndjson" >/dev/null
split -l "$batch" -d -a 5 "$work/events.ndjson" "$work/batch-"
batches=$(ls "$work" | grep -c '^batch-')

echo "replaying them in process"
# shellcheck disable=SC2086
"$node" replay "$work/events.ndjson" --db "$work/replay.db" --summary-json "$work/replay.json" --quiet $thread_option
replay_rate=$(sed -n 's/.*"events_per_second": *\([0-9.eE+-]*\).*/\1/p' "$work/replay.json")

echo "posting batches of $batch events over HTTP for $duration s with $connections connections"
: >"$work/serve.log"
# shellcheck disable=SC2086
"$node" serve --listen 127.0.0.1:0 --db "$work/serve.db" --http-threads "$connections" $thread_option \
    2>"$work/serve.log" &
node_pid=$!
port=
for _ in $(seq 1 100); do
    port=$(sed -n 's/.*serving the HTTP API" address=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/serve.log")
    [ -n "$port" ] && break
    sleep 0.1
done
if [ -z "$port" ]; then
    echo "bench_http.sh: the node did not start:" >&2
    cat "$work/serve.log" >&2
    exit 1
fi

wrk -t "$wrk_threads" -c "$connections" -d "${duration}s" --latency --timeout 30s -s "$script_dir/bench_http.lua" \
    "http://127.0.0.1:$port/v1/events" -- "$work" "$batches" bench >"$work/wrk.txt"
kill -TERM "$node_pid"
wait "$node_pid"
node_pid=

result=$(grep '^RESULT' "$work/wrk.txt")
value() { echo "$result" | sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }
seconds=$(value seconds)
ok=$(value ok)
http_rate=$(echo "$ok $batch $seconds" | awk '{ printf "%.0f", $1 * $2 / $3 }')
ratio=$(echo "$http_rate $replay_rate" | awk '{ printf "%.2f", $1 / $2 }')

echo
echo "HTTP ingest:      $http_rate events/s ($ok requests of $batch events acknowledged in $seconds s;" \
     "$(value busy) got 503, $(value failed) failed)"
echo "request latency:  P50 $(value p50_ms) ms, P95 $(value p95_ms) ms, P99 $(value p99_ms) ms, max $(value max_ms) ms"
echo "in-process replay: $(printf '%.0f' "$replay_rate") events/s"
echo "HTTP / replay:    $ratio"
