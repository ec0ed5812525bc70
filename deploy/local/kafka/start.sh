#!/usr/bin/env bash
# Starts a single-node Apache Kafka broker (KRaft, broker+controller in one JVM) on 127.0.0.1,
# without Docker: Maven fetches the pinned broker jars, the JVM runs in the background.
# Idempotent: a no-op when the broker is already running and answering.
# Env: KAFKA_PORT (default 9092; the controller listens on KAFKA_PORT+1).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$HERE/.work"
LIBS="$WORK/libs"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="$((PORT + 1))"
# One data dir per port: the controller's own address is written into the storage when formatted.
DATA_DIR="$WORK/data-$PORT"
PROPERTIES="$WORK/server-$PORT.properties"
LOG4J_CONFIG="$WORK/log4j2.properties"
LOG_FILE="$WORK/kafka.log"
PID_FILE="$WORK/kafka-$PORT.pid"
START_TIMEOUT_SECONDS=90
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$HERE/pom.xml")"

broker_answers() { node "$HERE/probe.cjs" "$PORT"; }

# The pid file may outlive the broker (or the pid be reused): only trust a live kafka.Kafka JVM.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'kafka\.Kafka' && echo "$pid"
}

fetch_jars() {
  [[ -f "$LIBS/.version" && "$(cat "$LIBS/.version")" == "$KAFKA_VERSION" ]] && return
  echo "Fetching Kafka $KAFKA_VERSION and its dependencies with Maven..."
  rm -rf "$LIBS"
  mvn -q -B -f "$HERE/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIBS"
  echo "$KAFKA_VERSION" >"$LIBS/.version"
}

write_config() {
  cat >"$PROPERTIES" <<PROPS
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
controller.quorum.bootstrap.servers=127.0.0.1:$CONTROLLER_PORT
log.dirs=$DATA_DIR
# Code must create its topics (ensureTopics), so a typo cannot silently create a new one.
auto.create.topics.enable=false
num.partitions=1
# A single node can only hold one replica of the internal topics.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Fewer internal partitions than the production default (50): faster first group join on a laptop.
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10
# Tests start and stop many consumer groups: do not wait 3 s for more members to join.
group.initial.rebalance.delay.ms=0
PROPS

  # Console output is redirected to $LOG_FILE by this script, so the JVM's own errors land there too.
  cat >"$LOG4J_CONFIG" <<'LOG4J'
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
# Per-request and per-partition chatter: only problems are worth a line.
logger.kafka.name = kafka
logger.kafka.level = WARN
logger.apache.name = org.apache.kafka
logger.apache.level = WARN
logger.server.name = kafka.server.KafkaRaftServer
logger.server.level = INFO
logger.broker.name = kafka.server.BrokerServer
logger.broker.level = INFO
LOG4J
}

format_storage_once() {
  [[ -f "$DATA_DIR/meta.properties" ]] && return
  local cluster_id
  cluster_id="$(java -cp "$LIBS/*" kafka.tools.StorageTool random-uuid)"
  java -cp "$LIBS/*" -Dlog4j2.configurationFile="$LOG4J_CONFIG" kafka.tools.StorageTool format \
    --config "$PROPERTIES" --cluster-id "$cluster_id" --standalone >>"$LOG_FILE" 2>&1
}

fail_with_log_tail() {
  echo "$1" >&2
  echo "--- last lines of $LOG_FILE ---" >&2
  tail -n 40 "$LOG_FILE" >&2 || true
  exit 1
}

for tool in java mvn node; do
  command -v "$tool" >/dev/null || { echo "start.sh needs $tool on the PATH (Java 17+, Maven 3.8+, Node 20)." >&2; exit 1; }
done
node -e 'require.resolve("kafkajs", { paths: [process.argv[1]] })' "$HERE" 2>/dev/null ||
  { echo "start.sh probes the broker with kafkajs: run npm ci in the repository first." >&2; exit 1; }
mkdir -p "$WORK"
if pid="$(running_pid)"; then
  if broker_answers; then
    echo "Kafka $KAFKA_VERSION already running on 127.0.0.1:$PORT (pid $pid)."
    exit 0
  fi
  echo "Kafka process $pid exists but does not answer yet; waiting for it."
else
  fetch_jars
  write_config
  format_storage_once
  # setsid: the broker must not die with the shell (or the Ctrl-C) that started it.
  setsid java -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$LOG4J_CONFIG" \
    -cp "$LIBS/*" kafka.Kafka "$PROPERTIES" </dev/null >>"$LOG_FILE" 2>&1 &
  pid=$!
  echo "$pid" >"$PID_FILE"
  echo "Starting Kafka $KAFKA_VERSION on 127.0.0.1:$PORT (pid $pid, log $LOG_FILE)..."
fi

deadline=$((SECONDS + START_TIMEOUT_SECONDS))
until broker_answers; do
  kill -0 "$pid" 2>/dev/null || fail_with_log_tail "Kafka exited during start-up."
  ((SECONDS < deadline)) || fail_with_log_tail "Kafka did not answer on 127.0.0.1:$PORT within ${START_TIMEOUT_SECONDS}s."
  sleep 1
done
echo "Kafka $KAFKA_VERSION is up on 127.0.0.1:$PORT."
