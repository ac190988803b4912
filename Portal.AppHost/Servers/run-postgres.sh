#!/usr/bin/env bash
# Runs PostgreSQL in the foreground under the AppHost's orchestrator (DCP), which stops executables with SIGTERM.
# PostgreSQL takes SIGTERM as a *smart* shutdown that waits for every pooled connection to close, so DCP would kill it
# and the next start would run crash recovery; this turns SIGTERM (and SIGINT) into SIGINT, a fast clean shutdown.
# Usage: run-postgres.sh RUN_AS_USER|- POSTGRES_PROGRAM [ARGUMENT...]
set -u
run_as=$1
shift
if [[ $run_as != - ]]; then
  # PostgreSQL refuses to run as root; setpriv replaces itself with the server, so $! is the postmaster.
  set -- setpriv --reuid="$run_as" --regid="$run_as" --init-groups -- "$@"
fi

"$@" &
server=$!
trap 'kill -INT "$server" 2>/dev/null' TERM INT
wait "$server"
status=$?
# A trapped signal ends the first wait early: wait for the server to finish shutting down.
while kill -0 "$server" 2>/dev/null; do
  wait "$server"
  status=$?
done
exit "$status"
