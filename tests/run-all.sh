#!/usr/bin/env bash
# Runs every Portal test against real servers: installs what the tests need (as root, with apt), starts a
# PostgreSQL cluster and a RabbitMQ node on loopback test ports, runs `dotnet test`, prints
# "N passed, N failed, N skipped", and stops the servers it started.
set -uo pipefail
cd "$(dirname "$0")/.."

need_packages=()
[[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || need_packages+=(rabbitmq-server)
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || need_packages+=(postgresql-15)
[[ -x /usr/bin/chromium ]] || need_packages+=(chromium)
[[ -x /usr/bin/kubectl ]] || need_packages+=(kubernetes-client)   # renders deploy/ (kubectl kustomize)
if ((${#need_packages[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "error: the tests need ${need_packages[*]}: run 'sudo apt-get install -y ${need_packages[*]}' first" >&2
    exit 2
  fi
  echo "Installing ${need_packages[*]} ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null || exit 2
fi

export PORTAL_TEST_SERVERS_DIR=${PORTAL_TEST_SERVERS_DIR:-/tmp/portal-test-servers}

# The test servers listen on fixed ports inside Linux's ephemeral range (32768-60999): reserved, so no outgoing
# connection of a test takes one first (seen: a service's connection on 55694 kept the outage test's RabbitMQ out).
test_ports="55432,55672-55674,55692-55694"
reserved=/proc/sys/net/ipv4/ip_local_reserved_ports
if [[ -w $reserved ]]; then
  current=$(cat "$reserved")
  [[ ,$current, == *",$test_ports,"* ]] || echo "${current:+$current,}$test_ports" > "$reserved" 2>/dev/null || true
fi
dotnet build Portal.sln -c Release -nologo -v quiet -clp:ErrorsOnly || { echo "0 passed, 1 failed (build failed)"; exit 1; }

# The AppHost's Aspire manifest (the input of deployments), kept as an artifact of the run.
mkdir -p artifacts
dotnet run -c Release --no-build --project Portal.AppHost -- --publisher manifest --output-path "$PWD/artifacts/aspire-manifest.json" >/dev/null \
  || { echo "0 passed, 1 failed (the Aspire manifest could not be generated)"; exit 1; }
echo "Aspire manifest: artifacts/aspire-manifest.json"

# Start the shared servers once, before the test processes race to start them.
dotnet run -c Release --no-build --project tests/Portal.TestServers -- start || { echo "0 passed, 1 failed (test servers did not start)"; exit 1; }

# One test project at a time: two of them start the whole system (AppHost, browser), which on two cores must not
# compete with each other or with the rest.
log=$(mktemp)
status=0
for project in tests/*/*.Tests.csproj; do
  dotnet test "$project" -c Release --no-build -nologo "$@" 2>&1 | tee -a "$log"
  [[ ${PIPESTATUS[0]} -eq 0 ]] || status=1
done

dotnet run -c Release --no-build --project tests/Portal.TestServers -- stop >/dev/null 2>&1

# VSTest prints one summary per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12".
read -r passed failed skipped < <(grep -E '(Passed|Failed)! +- Failed: +[0-9]+' "$log" | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
rm -f "$log"
echo
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
