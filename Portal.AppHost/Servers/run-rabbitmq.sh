#!/usr/bin/env bash
# Runs a RabbitMQ node and the epmd it registers with in the foreground under the AppHost's orchestrator (DCP).
# epmd must be up before the node and outlive it: a node that finds no epmd on its port (at boot, or later through its
# epmd monitor) starts `epmd -daemon`, which detaches and would outlive the run. So epmd starts first and answers before
# the node starts; on SIGTERM/SIGINT the node is stopped and epmd only once the node has exited.
# Usage: run-rabbitmq.sh EPMD_PROGRAM EPMD_PORT RABBITMQ_SERVER_PROGRAM
set -u
epmd_program=$1
epmd_port=$2
server_program=$3

# If this script is killed (the orchestrator escalates to SIGKILL when the node is slow to stop on a loaded machine),
# the kernel sends epmd SIGTERM (parent-death signal), so it never outlives the run.
setpriv --pdeathsig TERM "$epmd_program" -port "$epmd_port" -address 127.0.0.1 &
epmd=$!
trap 'kill -TERM "$epmd" 2>/dev/null; exit 143' TERM INT
for _ in $(seq 1 100); do
  "$epmd_program" -port "$epmd_port" -names >/dev/null 2>&1 && break
  kill -0 "$epmd" 2>/dev/null || { echo "epmd did not start on 127.0.0.1:$epmd_port" >&2; exit 1; }
  sleep 0.1
done

"$server_program" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null' TERM INT
wait "$server"
status=$?
# A trapped signal ends the first wait early: wait for the node to finish stopping.
while kill -0 "$server" 2>/dev/null; do
  wait "$server"
  status=$?
done
kill -TERM "$epmd" 2>/dev/null
wait "$epmd" 2>/dev/null
exit "$status"
