#!/usr/bin/env bash
# A real 3-node Apache Kafka cluster (KRaft, combined broker+controller) on loopback, from
# the Apache Kafka jars on Maven Central: no Docker needed. Same external listeners as
# packaging/compose/docker-compose.yml: 127.0.0.1:9094, :9095, :9096.
#
#   cluster.sh fetch              download the broker jars (Maven) into the cache; fast when present
#   cluster.sh start [--fresh]    format storage if needed and start the 3 nodes; waits for metadata
#                                 (--fresh wipes the state dir first: a new, empty cluster)
#   cluster.sh stop               stop all nodes (SIGTERM, SIGKILL as a last resort)
#   cluster.sh status             which nodes run, and what the cluster answers
#   cluster.sh stop-node N        stop node N (0, 1 or 2) cleanly, for outage tests
#   cluster.sh kill-node N        kill -9 node N (a crash)
#   cluster.sh start-node N       start node N again and wait until it is back in the cluster
#   cluster.sh run CLASS ARGS...  run a Kafka tool class with the broker jars; the names
#                                 consumer-groups, console-producer and configs pick the version's class:
#                                 cluster.sh run consumer-groups --bootstrap-server 127.0.0.1:9094 --list
#   cluster.sh logs N             print where node N logs
#
#   cluster.sh --secure start|stop|status|run|logs 0
#                                 the secured cluster instead: one node from the same jars on
#                                 other ports (never together with the plain cluster: one
#                                 cluster at a time on a small machine), with certificates made
#                                 by openssl in <state>/certs (CA, broker, client for mutual TLS,
#                                 the client key encrypted with the password tidemark-key-password,
#                                 an expired client, another CA) and these listeners:
#                                   127.0.0.1:9194  SSL, client certificate required (mTLS)
#                                   127.0.0.1:9195  SASL_SSL, SCRAM-SHA-512 (user alice, password
#                                                   alice-secret, made with kafka-configs at start)
#                                                   and PLAIN (the same user and password)
#                                   127.0.0.1:9196  SASL_PLAINTEXT, PLAIN (user alice, password alice-secret)
#                                   127.0.0.1:9197  PLAINTEXT (inter-broker, readiness checks,
#                                                   and the "TLS to a plaintext port" test)
#                                 The broker certificate names IP 127.0.0.1 only: "localhost"
#                                 does not match it (the hostname-mismatch test).
#   cluster.sh --secure certs     print the certificate directory (made if missing)
#   cluster.sh version            print the broker version it runs (TIDEMARK_KAFKA_VERSION)
#
# Environment:
#   TIDEMARK_KAFKA_VERSION  broker version (default 4.4.0, the newest tested; 3.7.2 is the seed's,
#                           both run in CI: see docs/kafka.md)
#   TIDEMARK_KAFKA_HOME     jar cache (default ${XDG_CACHE_HOME:-$HOME/.cache}/tidemark/kafka-<version>)
#   TIDEMARK_KAFKA_STATE    data, configs, logs and pids (default ${TMPDIR:-/tmp}/tidemark-kafka-<uid>,
#                           with --secure ${TMPDIR:-/tmp}/tidemark-kafka-secure-<uid>)
#   TIDEMARK_KAFKA_HEAP     max heap per node (default 512m)
set -euo pipefail

secure=0
if [ "${1:-}" = "--secure" ]; then
  secure=1
  shift
fi
version="${TIDEMARK_KAFKA_VERSION:-4.4.0}"
home="${TIDEMARK_KAFKA_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/tidemark/kafka-$version}"
heap="${TIDEMARK_KAFKA_HEAP:-512m}"
if [ "$secure" = 1 ]; then
  state="${TIDEMARK_KAFKA_STATE:-${TMPDIR:-/tmp}/tidemark-kafka-secure-$(id -u)}"
  nodes=(0)
  # Readiness is checked on the plaintext listener; the clients' listeners are 9194-9196.
  external_port() { echo 9197; }
  controller_port() { echo 19194; }
  bootstrap="SSL 127.0.0.1:9194, SASL_SSL 127.0.0.1:9195, SASL_PLAINTEXT 127.0.0.1:9196"
  secure_ports=(9194 9195 9196)
else
  state="${TIDEMARK_KAFKA_STATE:-${TMPDIR:-/tmp}/tidemark-kafka-$(id -u)}"
  nodes=(0 1 2)
  external_port() { echo $((9094 + $1)); }
  controller_port() { echo $((19094 + $1)); }
  bootstrap="127.0.0.1:9094,127.0.0.1:9095,127.0.0.1:9096"
  secure_ports=()
fi
major="${version%%.*}"

log() { printf 'cluster.sh: %s\n' "$*" >&2; }
die() { printf 'cluster.sh: error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------- fetch
fetch() {
  if [ -f "$home/.complete" ]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed to fetch the Kafka jars: apt-get install maven"
  command -v java >/dev/null 2>&1 || die "Java 17+ is needed to run Kafka: apt-get install openjdk-17-jre-headless"
  log "fetching org.apache.kafka:kafka_2.13:$version and its dependencies into $home"
  local work binding
  work="$(mktemp -d)"
  # 3.x logs through slf4j 1.7 + reload4j; 4.x through log4j2 (its binding comes along). 4.x
  # moved the command-line tools (console producer, consumer-group command) to kafka-tools.
  if [ "$major" -ge 4 ]; then
    binding="<dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$version</version>
      <exclusions><exclusion><groupId>org.apache.kafka</groupId><artifactId>connect-api</artifactId></exclusion>
      <exclusion><groupId>org.apache.kafka</groupId><artifactId>connect-json</artifactId></exclusion>
      <exclusion><groupId>org.apache.kafka</groupId><artifactId>connect-transforms</artifactId></exclusion>
      <exclusion><groupId>org.apache.kafka</groupId><artifactId>connect-runtime</artifactId></exclusion></exclusions></dependency>"
  else
    binding="<dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>"
  fi
  cat >"$work/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.tidemark</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$version</version></dependency>
    $binding
  </dependencies>
  <build><plugins><plugin>
    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.6.1</version>
  </plugin></plugins></build>
</project>
EOF
  mkdir -p "$home"
  rm -rf "$home/libs.partial"
  if ! (cd "$work" && mvn -B -q dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$home/libs.partial" >"$work/mvn.log" 2>&1); then
    tail -n 30 "$work/mvn.log" >&2
    rm -rf "$work"
    die "Maven could not fetch the Kafka $version jars (see above)"
  fi
  rm -rf "$home/libs" "$work"
  mv "$home/libs.partial" "$home/libs"
  touch "$home/.complete"
  log "fetched $(ls "$home/libs" | wc -l) jars ($(du -sh "$home/libs" | cut -f1))"
}

# ----------------------------------------------------------------------------- configs
node_dir() { echo "$state/node-$1"; }
pid_file() { echo "$state/node-$1.pid"; }

# The secured node's certificates, made once per state dir with openssl: a CA, the broker's
# certificate (IP 127.0.0.1 only), a client certificate for mutual TLS, an expired client
# certificate (openssl ca -startdate/-enddate) and a second CA that signed nothing we use.
# Keys are unencrypted PKCS#8 PEM, user-only; client-encrypted.key is the client key again,
# encrypted with AES-256 under the password "tidemark-key-password" (a profile's key password).
make_certs() {
  local dir="$state/certs"
  if [ -f "$dir/.complete" ]; then
    # A state dir from before the encrypted key existed: add it, keep the rest.
    [ -f "$dir/client-encrypted.key" ] || (umask 077 && openssl pkey -in "$dir/client.key" -aes256 \
      -passout pass:tidemark-key-password -out "$dir/client-encrypted.key") ||
      die "encrypting the test client key failed"
    return 0
  fi
  command -v openssl >/dev/null 2>&1 || die "openssl is needed for the secured cluster: apt-get install openssl"
  rm -rf "$dir"
  mkdir -p "$dir/newcerts"
  (
    umask 077
    cd "$dir"
    ca() {
      openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$2" -keyout "$1.key" -out "$1.pem" \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
    }
    csr() { openssl req -newkey rsa:2048 -nodes -subj "/CN=$2" -keyout "$1.key" -out "$1.csr"; }
    ca ca "Tidemark test CA"
    ca other-ca "Some other CA"
    csr broker 127.0.0.1
    printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n' >broker.ext
    openssl x509 -req -in broker.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 -extfile broker.ext \
      -out broker.pem
    csr client tidemark-client
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 -extfile client.ext \
      -out client.pem
    openssl pkey -in client.key -aes256 -passout pass:tidemark-key-password -out client-encrypted.key
    # A client certificate that expired long ago: `openssl ca` takes explicit start and end dates.
    csr client-expired tidemark-expired-client
    : >index.txt
    echo 1000 >serial
    printf '%s\n' '[ca]' 'default_ca = test_ca' '[test_ca]' "database = $dir/index.txt" \
      "new_certs_dir = $dir/newcerts" "serial = $dir/serial" 'default_md = sha256' 'policy = any_name' \
      'unique_subject = no' '[any_name]' 'commonName = supplied' >ca.cnf
    openssl ca -batch -notext -config ca.cnf -cert ca.pem -keyfile ca.key -in client-expired.csr \
      -startdate 20200101000000Z -enddate 20200201000000Z -out client-expired.pem
    # Kafka reads PEM key stores: the private key first, then the certificate chain.
    cat broker.key broker.pem ca.pem >broker-keystore.pem
  ) >"$state/certs.log" 2>&1 || { cat "$state/certs.log" >&2; die "making the test certificates failed"; }
  touch "$dir/.complete"
}

write_secure_config() {
  local n=0 certs="$state/certs"
  mkdir -p "$(node_dir "$n")/data" "$(node_dir "$n")/logs"
  cat >"$(node_dir "$n")/server.properties" <<EOF
# Generated by tests/kafka/cluster.sh --secure: one node, one listener per security protocol.
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$n@127.0.0.1:$(controller_port "$n")
listeners=SSL://127.0.0.1:9194,SASL_SSL://127.0.0.1:9195,SASL_PLAINTEXT://127.0.0.1:9196,INTERNAL://127.0.0.1:9197,CONTROLLER://127.0.0.1:$(controller_port "$n")
advertised.listeners=SSL://127.0.0.1:9194,SASL_SSL://127.0.0.1:9195,SASL_PLAINTEXT://127.0.0.1:9196,INTERNAL://127.0.0.1:9197
listener.security.protocol.map=CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,SSL:SSL,SASL_SSL:SASL_SSL,SASL_PLAINTEXT:SASL_PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=INTERNAL
log.dirs=$(node_dir "$n")/data
auto.create.topics.enable=false
ssl.keystore.type=PEM
ssl.keystore.location=$certs/broker-keystore.pem
ssl.truststore.type=PEM
ssl.truststore.location=$certs/ca.pem
# Mutual TLS on the SSL listener only.
listener.name.ssl.ssl.client.auth=required
# SCRAM-SHA-512 and PLAIN over TLS (PLAIN is what librdkafka < 2.6.1 can use with Kafka 4).
listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="alice-secret";
listener.name.sasl_plaintext.sasl.enabled.mechanisms=PLAIN
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="alice-secret";
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
background.threads=2
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=4194304
offsets.topic.num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
group.min.session.timeout.ms=1000
log.segment.bytes=16777216
controlled.shutdown.enable=true
delete.topic.enable=true
EOF
  write_log_configs "$n"
}

write_configs() {
  if [ "$secure" = 1 ]; then
    make_certs
    write_secure_config
    return
  fi
  local voters="" n
  for n in "${nodes[@]}"; do
    voters+="${voters:+,}$n@127.0.0.1:$(controller_port "$n")"
  done
  for n in "${nodes[@]}"; do
    mkdir -p "$(node_dir "$n")/data" "$(node_dir "$n")/logs"
    cat >"$(node_dir "$n")/server.properties" <<EOF
# Generated by tests/kafka/cluster.sh; mirrors packaging/compose/docker-compose.yml.
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$voters
listeners=EXTERNAL://127.0.0.1:$(external_port "$n"),CONTROLLER://127.0.0.1:$(controller_port "$n")
advertised.listeners=EXTERNAL://127.0.0.1:$(external_port "$n")
listener.security.protocol.map=CONTROLLER:PLAINTEXT,EXTERNAL:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=EXTERNAL
log.dirs=$(node_dir "$n")/data
auto.create.topics.enable=false
# Small and quick: 2 cores run three JVMs and the test clients.
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
background.threads=2
num.replica.fetchers=1
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=4194304
offsets.topic.num.partitions=3
offsets.topic.replication.factor=3
transaction.state.log.num.partitions=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
group.initial.rebalance.delay.ms=0
group.min.session.timeout.ms=1000
log.segment.bytes=16777216
log.retention.check.interval.ms=60000
replica.lag.time.max.ms=10000
controlled.shutdown.enable=true
delete.topic.enable=true
EOF
    write_log_configs "$n"
  done
}

write_log_configs() {
  local n="$1"
  cat >"$(node_dir "$n")/log4j.properties" <<EOF
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$(node_dir "$n")/logs/server.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.org.apache.kafka.raft=WARN
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.state.change.logger=WARN
EOF
  cat >"$(node_dir "$n")/log4j2.properties" <<EOF
status=warn
appender.file.type=File
appender.file.name=file
appender.file.fileName=$(node_dir "$n")/logs/server.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=[%d] %p %m (%c)%n
rootLogger.level=INFO
rootLogger.appenderRef.file.ref=file
logger.request.name=kafka.request.logger
logger.request.level=WARN
logger.raft.name=org.apache.kafka.raft
logger.raft.level=WARN
EOF
}

java_opts() {
  local n="$1"
  echo "-Xmx$heap -Xms64m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:ParallelGCThreads=1 -XX:ConcGCThreads=1" \
    "-Djava.awt.headless=true -Dkafka.logs.dir=$(node_dir "$n")/logs" \
    "-Dlog4j.configuration=file:$(node_dir "$n")/log4j.properties" \
    "-Dlog4j2.configurationFile=$(node_dir "$n")/log4j2.properties"
}

storage_tool_class() {
  # The same class in 3.x and 4.x (the core module); TIDEMARK_KAFKA_STORAGE_TOOL overrides it.
  echo "${TIDEMARK_KAFKA_STORAGE_TOOL:-kafka.tools.StorageTool}"
}

format_storage() {
  local cluster_id n cls
  cluster_id="$(cat "$state/cluster.id" 2>/dev/null || true)"
  if [ -z "$cluster_id" ]; then
    # 22 characters of URL-safe base64 of 16 random bytes: the form Kafka's random-uuid prints.
    # Never starting with "-" (1 in 64 did): the storage tool would take it for an option
    # ("argument --cluster-id/-t: expected one argument"); Kafka's Uuid avoids it the same way.
    cluster_id=-
    while [ "${cluster_id#-}" != "$cluster_id" ]; do
      cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | cut -c1-22)"
    done
    echo "$cluster_id" >"$state/cluster.id"
  fi
  cls="$(storage_tool_class)"
  for n in "${nodes[@]}"; do
    if [ -f "$(node_dir "$n")/data/meta.properties" ]; then
      continue
    fi
    # shellcheck disable=SC2046
    if ! java $(java_opts "$n") -cp "$home/libs/*" "$cls" format --ignore-formatted -t "$cluster_id" \
        -c "$(node_dir "$n")/server.properties" >"$(node_dir "$n")/logs/format.log" 2>&1; then
      cat "$(node_dir "$n")/logs/format.log" >&2
      die "formatting the storage of node $n failed"
    fi
  done
}

# --------------------------------------------------------------------------- processes
node_pid() {
  local f pid
  f="$(pid_file "$1")"
  [ -f "$f" ] || return 1
  pid="$(cat "$f")"
  # Our JVM, not a recycled pid: its command line names this node's config.
  if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$(node_dir "$1")/server.properties"; then
    echo "$pid"
    return 0
  fi
  rm -f "$f"
  return 1
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

launch_node() {
  local n="$1" p
  if node_pid "$n" >/dev/null; then
    return 0
  fi
  for p in "$(external_port "$n")" "$(controller_port "$n")" "${secure_ports[@]}"; do
    if port_busy "$p"; then
      die "port $p is already in use by another program (a compose cluster? 'docker compose down' it first)"
    fi
  done
  # setsid: the JVM must not die with the caller's process group (ctest, a terminal).
  # shellcheck disable=SC2046
  setsid java $(java_opts "$n") -cp "$home/libs/*" kafka.Kafka "$(node_dir "$n")/server.properties" \
    >"$(node_dir "$n")/logs/stdout.log" 2>&1 </dev/null &
  local pid=$! deadline=$((SECONDS + 20))
  # Record the pid once it is the JVM: until the exec it is still a copy of this script, and
  # a loaded machine can take a while to get there.
  while ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$(node_dir "$n")/server.properties"; do
    if ! kill -0 "$pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      cat "$(node_dir "$n")/logs/stdout.log" >&2 || true
      die "node $n did not start (logs: $(node_dir "$n")/logs)"
    fi
    sleep 0.05
  done
  echo "$pid" >"$(pid_file "$n")"
}

# Asks one listener for metadata with kcat and prints how many brokers it knows.
brokers_seen() {
  kcat -L -b "127.0.0.1:$(external_port "$1")" -m 2 2>/dev/null | sed -n 's/^ *\([0-9][0-9]*\) brokers:.*/\1/p' | head -1 || true
}

wait_ready() {
  local deadline=$((SECONDS + ${1:-120})) n ok seen
  command -v kcat >/dev/null 2>&1 || die "kcat is needed to check the cluster: apt-get install kcat"
  while :; do
    ok=1
    for n in "${nodes[@]}"; do
      if ! node_pid "$n" >/dev/null; then
        tail -n 40 "$(node_dir "$n")/logs/stdout.log" "$(node_dir "$n")/logs/server.log" 2>/dev/null >&2 || true
        die "node $n exited during startup (logs: $(node_dir "$n")/logs)"
      fi
      seen="$(brokers_seen "$n")"
      [ "${seen:-0}" = "${#nodes[@]}" ] || ok=0
    done
    [ "$ok" = 1 ] && return 0
    if [ $SECONDS -ge $deadline ]; then
      die "the cluster did not serve metadata for all ${#nodes[@]} brokers within ${1:-120} s (logs: $state/node-*/logs)"
    fi
    sleep 0.5
  done
}

stop_pids() {
  # $1: seconds to wait after SIGTERM; rest: node numbers.
  local grace="$1" n pid deadline pids=()
  shift
  for n in "$@"; do
    if pid="$(node_pid "$n")"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$n:$pid")
    fi
  done
  deadline=$((SECONDS + grace))
  for entry in "${pids[@]}"; do
    n="${entry%%:*}"
    pid="${entry#*:}"
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "node $n did not stop within $grace s: kill -9"
      kill -KILL "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
    rm -f "$(pid_file "$n")"
  done
}

require_fetched() {
  [ -f "$home/.complete" ] || fetch
}

check_node_arg() {
  case "${1:-}" in
    0) ;;
    1 | 2) [ "$secure" = 0 ] || die "the secured cluster has node 0 only" ;;
    *) die "expected a node number 0, 1 or 2, got '${1:-}'" ;;
  esac
}

start() {
  if [ "${1:-}" = "--fresh" ]; then
    stop_all
    rm -rf "$state"
  fi
  require_fetched
  mkdir -p "$state"
  write_configs
  format_storage
  local n
  for n in "${nodes[@]}"; do
    launch_node "$n"
  done
  wait_ready 150
  [ "$secure" = 1 ] && add_scram_user
  log "cluster up: $bootstrap (state: $state)"
}

config_command_class() {
  [ "$major" -ge 4 ] && echo org.apache.kafka.tools.ConfigCommand || echo kafka.admin.ConfigCommand
}

# The SCRAM user of the secured cluster, made with Kafka's own tool (kafka-configs) over the
# plaintext listener and described back by it. (Not checked with a login: kcat's librdkafka
# 2.0.2 cannot log in with SCRAM to Kafka 4, see docs/kafka.md.)
add_scram_user() {
  local tool=(java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j.configuration=file:/dev/null
    -cp "$home/libs/*" "$(config_command_class)" --bootstrap-server 127.0.0.1:9197)
  if ! "${tool[@]}" --alter --add-config 'SCRAM-SHA-512=[password=alice-secret]' --entity-type users \
      --entity-name alice >"$state/scram.log" 2>&1; then
    cat "$state/scram.log" >&2
    die "kafka-configs could not add the SCRAM user"
  fi
  local deadline=$((SECONDS + 30))
  until "${tool[@]}" --describe --entity-type users --entity-name alice 2>/dev/null | grep -q 'SCRAM-SHA-512'; do
    [ $SECONDS -lt $deadline ] || die "kafka-configs does not show the SCRAM user alice after 30 s"
    sleep 0.5
  done
}

stop_all() {
  # All at once: brokers finish their controlled shutdown while the controller quorum is
  # still there. One by one, the last node would wait for a quorum that is gone.
  stop_pids 15 "${nodes[@]}"
}

status() {
  local n pid any=0
  for n in "${nodes[@]}"; do
    if pid="$(node_pid "$n")"; then
      any=1
      echo "node $n: running (pid $pid), 127.0.0.1:$(external_port "$n"), sees $(brokers_seen "$n") brokers"
    else
      echo "node $n: stopped"
    fi
  done
  echo "version: $version  jars: $home  state: $state"
  [ "$any" = 1 ]
}

cmd="${1:-}"
shift || true
case "$cmd" in
  fetch) fetch ;;
  start) start "$@" ;;
  stop) stop_all ;;
  status) status ;;
  stop-node) check_node_arg "${1:-}"; stop_pids 30 "$1" ;;
  kill-node)
    check_node_arg "${1:-}"
    if pid="$(node_pid "$1")"; then kill -KILL "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; rm -f "$(pid_file "$1")"; fi
    ;;
  start-node)
    check_node_arg "${1:-}"
    require_fetched
    [ -f "$(node_dir "$1")/server.properties" ] || die "no cluster state in $state: run 'cluster.sh start' first"
    launch_node "$1"
    wait_ready 120
    ;;
  run)
    require_fetched
    [ $# -ge 1 ] || die "run needs a class name"
    cls="$1"
    shift
    # Version-independent names for the tools the tests use (4.x moved them to kafka-tools).
    case "$cls" in
      consumer-groups) [ "$major" -ge 4 ] && cls=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand || cls=kafka.admin.ConsumerGroupCommand ;;
      console-producer) [ "$major" -ge 4 ] && cls=org.apache.kafka.tools.ConsoleProducer || cls=kafka.tools.ConsoleProducer ;;
      configs) cls="$(config_command_class)" ;;
    esac
    exec java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j.configuration=file:/dev/null \
      -cp "$home/libs/*" "$cls" "$@"
    ;;
  certs)
    [ "$secure" = 1 ] || die "certs: only the secured cluster has certificates (cluster.sh --secure certs)"
    mkdir -p "$state"
    make_certs
    echo "$state/certs"
    ;;
  version) echo "$version" ;;
  logs) check_node_arg "${1:-}"; echo "$(node_dir "$1")/logs/server.log" ;;
  *)
    sed -n '2,47p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
