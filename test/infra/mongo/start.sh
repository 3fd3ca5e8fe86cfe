#!/usr/bin/env bash
# Starts the in-memory MongoDB test server (mongo-java-server) in the background on 127.0.0.1:$MONGO_TEST_PORT
# (default 27018) and waits until it accepts connections. Stop it with stop.sh.
set -euo pipefail
cd "$(dirname "$0")"

PORT="${MONGO_TEST_PORT:-27018}"
PID_FILE="mongo-test-server.pid"
LOG_FILE="mongo-test-server.log"

port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

if [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  echo "mongo test server already running (pid $(cat "$PID_FILE"))"
  exit 0
fi
if port_answers; then
  echo "port $PORT is already in use by another process; set MONGO_TEST_PORT" >&2
  exit 1
fi

# First run on a fresh clone: fetch the jars from Maven Central (cached in ~/.m2 afterwards).
if [[ ! -d lib ]] || ! compgen -G 'lib/mongo-java-server-*.jar' >/dev/null; then
  echo "fetching mongo-java-server jars with Maven"
  mvn -q -B dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime
fi

# Connection open/close lines at INFO would swamp the log; warnings and errors stay.
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp 'lib/*' MongoTestServer.java "$PORT" >"$LOG_FILE" 2>&1 &
echo $! >"$PID_FILE"

# The single-file launch compiles first, so allow a generous start-up time.
for _ in $(seq 1 120); do
  if port_answers; then
    echo "mongo test server up on 127.0.0.1:$PORT (pid $(cat "$PID_FILE"))"
    exit 0
  fi
  if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    echo "mongo test server exited during start-up:" >&2
    cat "$LOG_FILE" >&2
    rm -f "$PID_FILE"
    exit 1
  fi
  sleep 0.5
done
echo "mongo test server did not open port $PORT within 60 s:" >&2
cat "$LOG_FILE" >&2
exit 1
