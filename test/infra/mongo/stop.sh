#!/usr/bin/env bash
# Stops the test server that start.sh started (by the pid it recorded); does nothing if none is running.
set -uo pipefail
cd "$(dirname "$0")"

PID_FILE="mongo-test-server.pid"
[[ -f "$PID_FILE" ]] || exit 0
PID="$(cat "$PID_FILE")"
if kill -0 "$PID" 2>/dev/null; then
  kill -TERM "$PID"
  for _ in $(seq 1 40); do
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$PID" 2>/dev/null; then
    echo "mongo test server (pid $PID) ignored SIGTERM; killing it" >&2
    kill -KILL "$PID" 2>/dev/null || true
  fi
fi
rm -f "$PID_FILE"
echo "mongo test server stopped"
