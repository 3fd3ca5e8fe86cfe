#!/usr/bin/env bash
# Starts a real Apache Kafka broker for the tests: one KRaft node that is both broker and controller, on
# 127.0.0.1:$KAFKA_TEST_PORT (default 19092; controller on $KAFKA_TEST_CONTROLLER_PORT, default 19093), with its
# data in a temp dir. Waits until a KafkaJS admin client can list topics and the group coordinator answers
# (one __consumer_offsets partition, so once it is loaded every consumer group can join). Stop it with stop.sh.
# Idempotent: does nothing if the broker is already running; after a crash (broker-control.ts killBroker) it
# restarts on the same data dir, so topics and committed offsets survive a restart. Its pid, log and data-dir files
# are named by port, so a second broker on other ports (a fault test's own) runs beside the shared one.
set -euo pipefail
cd "$(dirname "$0")"

PORT="${KAFKA_TEST_PORT:-19092}"
CONTROLLER_PORT="${KAFKA_TEST_CONTROLLER_PORT:-19093}"
PID_FILE="kafka-test-broker-$PORT.pid"
LOG_FILE="kafka-test-broker-$PORT.log"
DIR_FILE="kafka-test-broker-$PORT.dir" # path of the temp dir holding server.properties and the log dirs

port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_ready() { node wait-ready.mjs "127.0.0.1:$PORT" "${1:-60}"; }

if [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  echo "kafka test broker already running (pid $(cat "$PID_FILE")); checking it answers"
  wait_ready 60
  exit 0
fi
rm -f "$PID_FILE"
for p in "$PORT" "$CONTROLLER_PORT"; do
  if port_answers "$p"; then
    echo "port $p is already in use by another process; set KAFKA_TEST_PORT / KAFKA_TEST_CONTROLLER_PORT" >&2
    exit 1
  fi
done

# First run on a fresh clone: fetch the jars from Maven Central (cached in ~/.m2 afterwards).
if [[ ! -d lib ]] || ! compgen -G 'lib/kafka_2.13-*.jar' >/dev/null; then
  echo "fetching Kafka jars with Maven"
  mvn -q -B -Dstyle.color=never dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime
fi

# Reuse the data dir of a broker that was killed (restart); otherwise make a new one.
if [[ -f "$DIR_FILE" ]] && [[ -d "$(cat "$DIR_FILE")" ]]; then
  STATE_DIR="$(cat "$DIR_FILE")"
else
  STATE_DIR="$(mktemp -d -t kafka-test-broker.XXXXXX)"
  echo "$STATE_DIR" >"$DIR_FILE"
  : >"$LOG_FILE" # a new broker, a new log (a restart appends to the crashed broker's log)
fi
CONFIG="$STATE_DIR/server.properties"
cat >"$CONFIG" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$STATE_DIR/data
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS

JAVA_OPTS=(-Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true
  "-Dlog4j2.configurationFile=$PWD/log4j2.properties")

if [[ ! -f "$STATE_DIR/data/meta.properties" ]]; then
  CLUSTER_ID="$(java "${JAVA_OPTS[@]}" -cp 'lib/*' kafka.tools.StorageTool random-uuid)"
  java "${JAVA_OPTS[@]}" -cp 'lib/*' kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$CONFIG" >>"$LOG_FILE" 2>&1 || {
    echo "formatting the Kafka storage failed:" >&2
    cat "$LOG_FILE" >&2
    exit 1
  }
fi

java "${JAVA_OPTS[@]}" -cp 'lib/*' kafka.Kafka "$CONFIG" >>"$LOG_FILE" 2>&1 &
echo $! >"$PID_FILE"

for _ in $(seq 1 180); do
  if port_answers "$PORT"; then
    break
  fi
  if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    echo "kafka test broker exited during start-up:" >&2
    tail -n 100 "$LOG_FILE" >&2
    rm -f "$PID_FILE"
    exit 1
  fi
  sleep 0.5
done
if ! wait_ready 60; then
  echo "kafka test broker (pid $(cat "$PID_FILE")) did not become ready; log:" >&2
  tail -n 100 "$LOG_FILE" >&2
  exit 1
fi
echo "kafka test broker up on 127.0.0.1:$PORT (pid $(cat "$PID_FILE"), data in $STATE_DIR)"
