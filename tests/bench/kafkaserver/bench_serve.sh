#!/usr/bin/env bash
# Benchmark (not a test): the same kcat workload against `tidemark-cli serve` and against a
# single-node Apache Kafka (KRaft, from the jars tests/kafka/cluster.sh fetches), in one run,
# printing ratios (serve / JVM):
#   - produce: RECORDS records of ~200 B (keyed), acks=all, kcat defaults otherwise
#   - fetch: all of them from the beginning
#   - resident memory of the broker after the fetch (RSS of the process)
#   - time from starting the broker to the first acknowledged produce
#
#   tests/bench/kafkaserver/bench_serve.sh [BUILD_DIR] [RECORDS]     (default build, 1000000)
#
# Takes the Kafka cluster lock (/tmp/tidemark-kafka.lock) for the JVM broker, on ports
# 29180/29181; serve uses 29182.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
build="${1:-$here/build}"
records="${2:-1000000}"
cli="$build/app/cli/tidemark-cli"
version="${TIDEMARK_KAFKA_VERSION:-3.7.2}"
libs="${TIDEMARK_KAFKA_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/tidemark/kafka-$version}/libs"
work="$(mktemp -d)"
broker_pid=""
cleanup() { [ -n "$broker_pid" ] && kill "$broker_pid" 2>/dev/null && wait "$broker_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$here/tests/kafka/cluster.sh" fetch
python3 - "$records" > "$work/input.txt" <<'PY'
import random, sys
r = random.Random(1)
for i in range(int(sys.argv[1])):
    sys.stdout.write('user-%05d:%s\n' % (r.randrange(100000), 'x' * 185))
PY

now_ms() { date +%s%3N; }
first_ack() { # BOOTSTRAP -> ms until a produce is acknowledged
  until echo "k:v" | kcat -b "$1" -P -t first -K: -X acks=all -X message.timeout.ms=2000 2>/dev/null; do sleep 0.02; done
}
run_workload() { # NAME BOOTSTRAP PID START_MS
  local name=$1 bootstrap=$2 pid=$3 start=$4 t0 t1 t2 first rss
  first_ack "$bootstrap"; first=$(( $(now_ms) - start ))
  t0=$(now_ms)
  kcat -b "$bootstrap" -P -t bench -K: -X acks=all < "$work/input.txt"
  t1=$(now_ms)
  local n; n=$(kcat -b "$bootstrap" -C -t bench -o beginning -e -q | wc -l)
  t2=$(now_ms)
  [ "$n" -eq "$records" ] || { echo "$name: fetched $n of $records" >&2; exit 1; }
  rss=$(ps -o rss= -p "$pid" | tr -d ' ')
  echo "$name $((t1 - t0)) $((t2 - t1)) $rss $first"
}

# --- tidemark-cli serve
mkdir -p "$work/serve"
start=$(now_ms)
"$cli" serve --data "$work/serve" --listen 127.0.0.1:29182 --quiet > "$work/serve.log" 2>&1 &
broker_pid=$!
serve_line=$(run_workload serve 127.0.0.1:29182 "$broker_pid" "$start")
kill "$broker_pid"; wait "$broker_pid" 2>/dev/null || true; broker_pid=""

# --- single-node Apache Kafka (KRaft), under the cluster lock
cat > "$work/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:29181
listeners=PLAINTEXT://127.0.0.1:29180,CONTROLLER://127.0.0.1:29181
advertised.listeners=PLAINTEXT://127.0.0.1:29180
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$work/jvm
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
java_cp="$libs/*"
exec 9>/tmp/tidemark-kafka.lock
flock 9
java -cp "$java_cp" kafka.tools.StorageTool format -t "$(java -cp "$java_cp" kafka.tools.StorageTool random-uuid)" \
  -c "$work/server.properties" > /dev/null
start=$(now_ms)
java -Xmx512m -Xms512m -XX:+UseG1GC -Dlog4j.configuration=file:/dev/null -cp "$java_cp" kafka.Kafka "$work/server.properties" \
  > "$work/jvm.log" 2>&1 &
broker_pid=$!
jvm_line=$(run_workload jvm 127.0.0.1:29180 "$broker_pid" "$start")
kill "$broker_pid"; wait "$broker_pid" 2>/dev/null || true; broker_pid=""
flock -u 9

read -r _ sp sf sr s1 <<< "$serve_line"
read -r _ jp jf jr j1 <<< "$jvm_line"
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
echo "workload: $records records of ~200 B, kcat, acks=all, then fetch all (Kafka $version, one node)"
printf '%-28s %12s %12s %10s\n' "" "serve" "JVM Kafka" "ratio"
printf '%-28s %12s %12s %10s\n' "produce (records/s)" "$((records * 1000 / sp))" "$((records * 1000 / jp))" "$(ratio "$jp" "$sp")x"
printf '%-28s %12s %12s %10s\n' "fetch (records/s)" "$((records * 1000 / sf))" "$((records * 1000 / jf))" "$(ratio "$jf" "$sf")x"
printf '%-28s %12s %12s %10s\n' "resident memory (MiB)" "$((sr / 1024))" "$((jr / 1024))" "1/$(ratio "$jr" "$sr")"
printf '%-28s %12s %12s %10s\n' "start to first ack (ms)" "$s1" "$j1" "1/$(ratio "$j1" "$s1")"
