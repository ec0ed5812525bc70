#!/usr/bin/env bash
# Stops the broker started by start.sh: SIGTERM for a clean shutdown, SIGKILL if it hangs.
# A no-op when it is not running. Env: KAFKA_PORT (default 9092).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT="${KAFKA_PORT:-9092}"
PID_FILE="$HERE/.work/kafka-$PORT.pid"
GRACE_SECONDS=30

[[ -f "$PID_FILE" ]] || { echo "Kafka on port $PORT is not running."; exit 0; }
pid="$(cat "$PID_FILE")"
# Only signal the pid if it still is our broker (pids get reused).
if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka'; then
  echo "Kafka on port $PORT is not running (stale pid file)."
  rm -f "$PID_FILE"
  exit 0
fi

kill -TERM "$pid"
deadline=$((SECONDS + GRACE_SECONDS))
while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 1; done
if kill -0 "$pid" 2>/dev/null; then
  echo "Kafka (pid $pid) ignored SIGTERM for ${GRACE_SECONDS}s; killing it."
  kill -KILL "$pid"
fi
rm -f "$PID_FILE"
echo "Kafka on port $PORT stopped."
