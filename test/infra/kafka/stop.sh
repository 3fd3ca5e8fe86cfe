#!/usr/bin/env bash
# Stops the broker that start.sh started on $KAFKA_TEST_PORT (default 19092), by the pid it recorded, and removes
# its temp data dir; does nothing if none is running.
set -uo pipefail
cd "$(dirname "$0")"

PORT="${KAFKA_TEST_PORT:-19092}"
PID_FILE="kafka-test-broker-$PORT.pid"
DIR_FILE="kafka-test-broker-$PORT.dir"
if [[ -f "$PID_FILE" ]]; then
  PID="$(cat "$PID_FILE")"
  if kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID"
    # A controlled shutdown of a single KRaft node takes a few seconds.
    for _ in $(seq 1 120); do
      kill -0 "$PID" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 "$PID" 2>/dev/null; then
      echo "kafka test broker (pid $PID) ignored SIGTERM for 30 s; killing it" >&2
      kill -KILL "$PID" 2>/dev/null || true
    fi
  fi
  rm -f "$PID_FILE"
fi
if [[ -f "$DIR_FILE" ]]; then
  STATE_DIR="$(cat "$DIR_FILE")"
  # Only ever remove a dir that mktemp made for us.
  if [[ "$STATE_DIR" == */kafka-test-broker.* && -d "$STATE_DIR" ]]; then
    rm -rf "$STATE_DIR"
  fi
  rm -f "$DIR_FILE"
fi
echo "kafka test broker stopped"
