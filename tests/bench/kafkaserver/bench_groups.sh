#!/usr/bin/env bash
# Benchmark (not a test): consumer groups against `tidemark-cli serve` and against a
# single-node Apache Kafka (KRaft, from the jars tests/kafka/cluster.sh fetches), in one run:
#   - death to takeover: two kcat -G members on a 6-partition topic (session.timeout.ms=6000,
#     heartbeat 500 ms, the same on both brokers), one killed with kill -9; the time until the
#     survivor's next assignment holds all 6 partitions
#   - commit rate: 3 Java consumers in one group (GroupMember.java, commit-seconds) each
#     committing its partitions synchronously in a loop for SECONDS; commits/s of the group
#
#   tests/bench/kafkaserver/bench_groups.sh [BUILD_DIR] [SECONDS]   (default build, 5)
#
# Measured on the 2-core development machine under other builds' load: takeover 6046 ms
# (serve) vs 6400 ms (JVM), both bounded by the 6 s session; commit rate of 3 clients 91/s on
# serve (every commit fsync'd per partition). The JVM column of the commit rate used to read 0:
# GroupMember's own session.timeout.ms=2000 is below Kafka's group.min.session.timeout.ms (6000),
# so each JoinGroup failed with INVALID_SESSION_TIMEOUT, the committers printed an error line
# instead of a count and the script summed nothing into 0. The committers now get the same
# session as the takeover (6000 ms, heartbeat 500 ms) on both brokers, and a committer that
# prints no count makes its column "error" (with its line on stderr), never 0. After that fix
# (TIDEMARK_KAFKA_VERSION=4.4.0, SECONDS=3, same machine and load): takeover 6479 ms (serve) vs
# 5990 ms (JVM); commit rate of 3 clients 118/s (serve) vs 1327/s (JVM), ratio 0.09.
#
# Takes the Kafka cluster lock (/tmp/tidemark-kafka.lock) for the JVM broker, on ports
# 29180/29181; serve uses 29182.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
build="${1:-$here/build}"
seconds="${2:-5}"
cli="$build/app/cli/tidemark-cli"
version="${TIDEMARK_KAFKA_VERSION:-3.7.2}"
libs="${TIDEMARK_KAFKA_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/tidemark/kafka-$version}/libs"
work="$(mktemp -d)"
broker_pid=""
cleanup() {
  jobs -p | xargs -r kill -9 2>/dev/null || true
  [ -n "$broker_pid" ] && kill "$broker_pid" 2>/dev/null && wait "$broker_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$here/tests/kafka/cluster.sh" fetch > /dev/null
javac -cp "$libs/*" -d "$work/classes" "$here/tests/kafkaserver/GroupMember.java"
now_ms() { date +%s%3N; }
partitions_of_last_assignment() { # FILE -> number of partitions in kcat's last "assigned:" line
  grep -o 'assigned: .*' "$1" 2>/dev/null | tail -1 | grep -o '\[[0-9]*\]' | wc -l
}
takeover() { # BOOTSTRAP -> ms from kill -9 of one of two members to the survivor owning all 6
  local b=$1 a_pid b_pid t0
  seq 1 600 | sed 's/.*/k&:v/' | kcat -b "$b" -P -t groups6 -K: 2> /dev/null
  local opts=(-X session.timeout.ms=6000 -X heartbeat.interval.ms=500 -X auto.offset.reset=earliest -u)
  kcat -b "$b" -G takeover "${opts[@]}" groups6 > /dev/null 2> "$work/a.err" & a_pid=$!
  kcat -b "$b" -G takeover "${opts[@]}" groups6 > /dev/null 2> "$work/b.err" & b_pid=$!
  until [ "$(partitions_of_last_assignment "$work/a.err")" = 3 ] && [ "$(partitions_of_last_assignment "$work/b.err")" = 3 ]; do sleep 0.02; done
  sleep 1 # a few heartbeats in the stable group
  kill -9 "$a_pid"; t0=$(now_ms)
  until [ "$(partitions_of_last_assignment "$work/b.err")" = 6 ]; do sleep 0.01; done
  echo $(( $(now_ms) - t0 ))
  kill "$b_pid"; wait "$b_pid" 2>/dev/null || true; wait "$a_pid" 2>/dev/null || true
}
commit_rate() { # BOOTSTRAP -> commits/s of a group of 3
  local b=$1 i total=0 out
  for i in 1 2 3; do
    java -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j.configuration=file:/dev/null \
      -cp "$work/classes:$libs/*" GroupMember "$b" groups6 committers range "commit-seconds=$seconds" \
      session.timeout.ms=6000 heartbeat.interval.ms=500 \
      > "$work/commit$i.out" 2> /dev/null < /dev/null &
  done
  wait
  for i in 1 2 3; do
    out=$(grep '^commits' "$work/commit$i.out" | cut -f2)
    if [ -z "$out" ]; then
      echo "committer $i against $b printed no count: $(head -c 300 "$work/commit$i.out")" >&2
      echo error
      return
    fi
    total=$((total + out))
  done
  echo $((total / seconds))
}

# --- tidemark-cli serve
"$cli" serve --data "$work/serve" --listen 127.0.0.1:29182 --partitions 6 --quiet > "$work/serve.log" 2>&1 &
broker_pid=$!
until kcat -b 127.0.0.1:29182 -L > /dev/null 2>&1; do sleep 0.05; done
serve_takeover=$(takeover 127.0.0.1:29182)
serve_commits=$(commit_rate 127.0.0.1:29182)
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
num.partitions=6
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
java_cp="$libs/*"
exec 9>/tmp/tidemark-kafka.lock
flock 9
java -cp "$java_cp" kafka.tools.StorageTool format -t "$(java -cp "$java_cp" kafka.tools.StorageTool random-uuid)" \
  -c "$work/server.properties" > /dev/null
java -Xmx512m -Xms512m -XX:+UseG1GC -Dlog4j.configuration=file:/dev/null -cp "$java_cp" kafka.Kafka "$work/server.properties" \
  > "$work/jvm.log" 2>&1 &
broker_pid=$!
until kcat -b 127.0.0.1:29180 -L > /dev/null 2>&1; do sleep 0.2; done
jvm_takeover=$(takeover 127.0.0.1:29180)
jvm_commits=$(commit_rate 127.0.0.1:29180)
kill "$broker_pid"; wait "$broker_pid" 2>/dev/null || true; broker_pid=""
flock -u 9

ratio() { # A B -> A / B, or n/a when either is not a number
  case "$1$2" in *[!0-9]*|'') echo n/a ;; *) python3 -c "print('%.2f' % ($1 / $2) if $2 else 'n/a')" ;; esac
}
echo "groups: kcat -G pair (session 6000 ms) killed with kill -9; 3 Java consumers committing for ${seconds} s (Kafka $version, one node)"
printf '%-32s %12s %12s %10s\n' "" "serve" "JVM Kafka" "ratio"
printf '%-32s %12s %12s %10s\n' "death to takeover (ms)" "$serve_takeover" "$jvm_takeover" "$(ratio "$serve_takeover" "$jvm_takeover")"
printf '%-32s %12s %12s %10s\n' "group commit rate (commits/s)" "$serve_commits" "$jvm_commits" "$(ratio "$serve_commits" "$jvm_commits")x"
