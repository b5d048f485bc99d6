#!/usr/bin/env bash
# Runs bench_search_kafka on the Kafka test cluster (tests/kafka/cluster.sh), holding the
# team's Kafka lock (/tmp/tidemark-kafka.lock): uses a running cluster, or starts one (in its
# own state dir) and stops it at the end. The lock is not held by the cluster it starts.
#
#   tests/bench/search/bench_search_kafka.sh [BUILD_DIR] [RECORDS] [more bench options]
#                                            (default build, 1000000)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
build="${1:-$here/build}"
records="${2:-1000000}"
shift $(( $# < 2 ? $# : 2 ))
bench="$build/tests/bench/search/bench_search_kafka"
[ -x "$bench" ] || { echo "build bench_search_kafka first ($bench)" >&2; exit 1; }
command -v kcat > /dev/null || { echo "kcat is needed (the peer)" >&2; exit 1; }
exec 9> /tmp/tidemark-kafka.lock
flock 9
cluster="$here/tests/kafka/cluster.sh"
started=""
# A cluster on the test ports, whoever started it (its state dir may be a build tree's).
if ! (echo > /dev/tcp/127.0.0.1/9094) 2> /dev/null; then
  export TIDEMARK_KAFKA_STATE="${TMPDIR:-/tmp}/tidemark-kafka-bench-search"
  (exec 9>&-; "$cluster" start --fresh)
  started=1
fi
stop() { [ -n "$started" ] && (exec 9>&-; "$cluster" stop) || true; }
trap stop EXIT
"$bench" --records "$records" "$@"
