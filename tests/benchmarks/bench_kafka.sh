#!/bin/sh
# Measures how fast one node consumes events from Kafka. The script starts
# the kafkamockcluster helper (librdkafka's mock cluster, 3 brokers on
# loopback ports) and publishes generated events with `unmogrowp-node
# produce`. It then times `unmogrowp-node serve` consuming all of them as
# the only member of a consumer group, from its partition assignment to the
# last committed batch, and compares the rate with an in-process replay of
# the same file in the same run.
#
# Usage: tests/benchmarks/bench_kafka.sh [--node PATH] [--mock PATH] [--events N]
#            [--partitions N] [--batch-events N] [--threads N]
#
# --node defaults to $UMG_NODE_BINARY, then build/bin/unmogrowp-node; --mock
# to $UMG_KAFKA_MOCK_CLUSTER, then build/tests/kafkamockcluster. Needs curl.
# The mock broker of librdkafka 2.0.2 keeps about 5 MB of compressed messages
# per partition and drops older ones, so the default of 48 partitions holds
# the default 2,000,000 events (about 80 bytes each after LZ4); give more
# partitions for more events. The mock broker, the producer and the node
# share the machine's cores.
set -eu

node=${UMG_NODE_BINARY:-build/bin/unmogrowp-node}
mock=${UMG_KAFKA_MOCK_CLUSTER:-build/tests/kafkamockcluster}
events=2000000
partitions=48
batch_events=500
engine_threads=0
while [ $# -gt 0 ]; do
    case $1 in
        --node) node=$2; shift 2 ;;
        --mock) mock=$2; shift 2 ;;
        --events) events=$2; shift 2 ;;
        --partitions) partitions=$2; shift 2 ;;
        --batch-events) batch_events=$2; shift 2 ;;
        --threads) engine_threads=$2; shift 2 ;;
        *) echo "bench_kafka.sh: unknown option $1; see the header of this script" >&2; exit 2 ;;
    esac
done
if [ ! -x "$node" ]; then
    echo "bench_kafka.sh: node binary $node not found; build unmogrowp-node or pass --node PATH" >&2
    exit 2
fi
if [ ! -x "$mock" ]; then
    echo "bench_kafka.sh: $mock not found; build the kafkamockcluster target or pass --mock PATH" >&2
    exit 2
fi
if ! command -v curl >/dev/null; then
    echo "bench_kafka.sh: curl not found; install the Debian package curl" >&2
    exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/bench_kafka.XXXXXX")
mock_pid=
node_pid=
cleanup() {
    if [ -n "$node_pid" ]; then kill "$node_pid" 2>/dev/null || true; wait "$node_pid" 2>/dev/null || true; fi
    if [ -n "$mock_pid" ]; then kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

thread_option=
if [ "$engine_threads" -gt 0 ]; then thread_option="--threads $engine_threads"; fi
now() { date +%s.%N; }

"$mock" --topic "events:$partitions" >"$work/bootstrap" 2>"$work/mock.log" &
mock_pid=$!
tries=0
while [ ! -s "$work/bootstrap" ]; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ]; then echo "bench_kafka.sh: the mock cluster did not start:" >&2; cat "$work/mock.log" >&2; exit 1; fi
    sleep 0.1
done
brokers=$(head -n 1 "$work/bootstrap")

echo "generating $events events"
"$node" generate --events "$events" --id-prefix bench --out "$work/events.ndjson" >/dev/null
echo "publishing them to $partitions partitions, $batch_events events per message"
"$node" produce "$work/events.ndjson" --kafka-brokers "$brokers" --kafka-topic events --batch-events "$batch_events"

# shellcheck disable=SC2086
"$node" serve --listen 127.0.0.1:0 --db "$work/node.db" --kafka-brokers "$brokers" --kafka-topic events \
    --kafka-group bench $thread_option 2>"$work/node.log" &
node_pid=$!
port=
while [ -z "$port" ]; do
    if ! kill -0 "$node_pid" 2>/dev/null; then echo "bench_kafka.sh: the node exited; see its log:" >&2; cat "$work/node.log" >&2; exit 1; fi
    port=$(sed -n 's/.*serving the HTTP API" address=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/node.log" | head -n 1)
    sleep 0.05
done

# The clock starts when the group assigns the partitions and stops when the
# node has committed and released every event.
started=
consumed=0
deadline=$(( $(date +%s) + 600 ))
while [ "$consumed" -lt "$events" ]; do
    status=$(curl -s "http://127.0.0.1:$port/v1/status")
    if [ -z "$started" ] && echo "$status" | grep -q '"partitions":\[{'; then started=$(now); fi
    consumed=$(echo "$status" | sed -n 's/.*"events_consumed":\([0-9]*\).*/\1/p')
    consumed=${consumed:-0}
    if [ "$(date +%s)" -gt "$deadline" ]; then
        echo "bench_kafka.sh: only $consumed of $events events consumed after 10 minutes; with too few partitions the mock broker drops messages, so try more --partitions" >&2
        exit 1
    fi
    sleep 0.1
done
finished=$(now)
commits=$(echo "$status" | sed -n 's/.*"commits":\([0-9]*\).*/\1/p')
kill "$node_pid"
wait "$node_pid" || true
node_pid=

# shellcheck disable=SC2086
"$node" replay "$work/events.ndjson" --db "$work/replay.db" --summary-json "$work/replay.json" --quiet $thread_option
replay_rate=$(sed -n 's/.*"events_per_second": *\([0-9.]*\).*/\1/p' "$work/replay.json")

awk -v events="$events" -v started="$started" -v finished="$finished" -v replay="$replay_rate" -v commits="$commits" 'BEGIN {
    seconds = finished - started
    kafka = events / seconds
    printf "Kafka consumption: %d events in %.2f s = %.0f events/s (%d offset commits)\n", events, seconds, kafka, commits
    printf "replay of the same file: %.0f events/s\n", replay
    printf "ratio Kafka / replay: %.2f\n", kafka / replay
}'
