#!/usr/bin/env bash
# Runs a RabbitMQ node in the foreground under the AppHost's orchestrator (DCP), with its settings in the environment
# (RABBITMQ_*, HOME, ERL_EPMD_PORT: see Portal.LocalServers' RabbitMqNode). The node starts an epmd daemon of its
# own on ERL_EPMD_PORT, which would outlive it: when the node has stopped, that epmd is stopped too.
# Usage: run-rabbitmq.sh RABBITMQ_SERVER_PROGRAM
set -u
server_program=$1

"$server_program" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null' TERM INT
wait "$server"
status=$?
while kill -0 "$server" 2>/dev/null; do
  wait "$server"
  status=$?
done

epmd=$(ls /usr/lib/erlang/erts-*/bin/epmd 2>/dev/null | head -n 1)
if [[ -n ${ERL_EPMD_PORT:-} && -n $epmd ]]; then
  "$epmd" -port "$ERL_EPMD_PORT" -kill >/dev/null 2>&1
fi
exit "$status"
