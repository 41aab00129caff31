#!/usr/bin/env bash
# Starts the portal with demo data. Without ConnectionStrings__Portal it runs a private PostgreSQL
# cluster under .data/postgres (kept between runs). Ctrl-C stops the portal and the cluster.
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(pwd)"
PORT="${PORT:-5000}"
PG_PORT="${PG_PORT:-55432}"
. scripts/pg.sh

command -v dotnet >/dev/null 2>&1 || { echo "The .NET SDK 10 is required (dotnet not found)." >&2; exit 1; }

# One run.sh per folder: a second one would share, and on exit stop, the first one's cluster.
mkdir -p "$ROOT/.data"
exec 9>"$ROOT/.data/run.lock"
flock -n 9 || { echo "The portal is already running from this folder (.data/run.lock is held)." >&2; exit 1; }

EMBEDDED=0
if [ -z "${ConnectionStrings__Portal:-}" ]; then
  EMBEDDED=1
  pg_ensure_installed
  PG_DIR="$ROOT/.data/postgres"
  echo "Starting the private PostgreSQL cluster in .data/postgres (port $PG_PORT)..."
  pg_start "$PG_DIR" "$PG_PORT"
  pg_create_db "$PG_PORT" portal
  export ConnectionStrings__Portal="Host=127.0.0.1;Port=$PG_PORT;Database=portal;Username=portal"
  # In the embedded default, mail goes to a pickup folder (see the admin Outbox page).
  export Mail__PickupDirectory="${Mail__PickupDirectory:-$ROOT/.data/mail}"
fi

APP_PID=""
SIM_PID=""
cleanup() {
  trap - INT TERM EXIT
  if [ -n "$SIM_PID" ]; then
    kill -TERM "$SIM_PID" 2>/dev/null || true
    wait "$SIM_PID" 2>/dev/null || true
  fi
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    # SIGTERM: a background job of a script ignores SIGINT, but the .NET host stops cleanly on TERM.
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [ "$EMBEDDED" = 1 ]; then
    echo "Stopping the private PostgreSQL cluster..."
    pg_stop "$PG_DIR"
  fi
}
trap cleanup INT TERM EXIT

echo "Building the portal and the protocol simulators..."
# The local tools (.config/dotnet-tools.json: dotnet-ef, for 'dotnet ef migrations add').
dotnet tool restore >/dev/null
dotnet publish src/ResellerPortal.Web -c Release -nologo -v quiet -o "$ROOT/.data/app" >/dev/null
dotnet publish src/ResellerPortal.Simulators -c Release -nologo -v quiet -o "$ROOT/.data/simulators" >/dev/null

# The simulators stand in for the provider's systems: the key server, the instances' XML-RPC
# endpoint and the network status feed (see src/ResellerPortal.Simulators/README.md).
SIM_PORT="${SIM_PORT:-5100}"
(cd "$ROOT/.data/simulators" && exec dotnet ResellerPortal.Simulators.dll --urls "http://127.0.0.1:$SIM_PORT" --KeyServer:AcceptUnknownKeys=true) >"$ROOT/.data/simulators.log" 2>&1 &
SIM_PID=$!
export NetworkStatus__FeedUrl="${NetworkStatus__FeedUrl:-http://127.0.0.1:$SIM_PORT/api/v2/status.json}"
export NetworkStatus__PageUrl="${NetworkStatus__PageUrl:-http://127.0.0.1:$SIM_PORT/status}"
export NetworkStatus__PollSeconds="${NetworkStatus__PollSeconds:-20}"
export Licensing__KeyServerUrl="${Licensing__KeyServerUrl:-http://127.0.0.1:$SIM_PORT/licence_wsvc_gen.do}"
export Licensing__InstanceRpcUrl="${Licensing__InstanceRpcUrl:-http://127.0.0.1:$SIM_PORT/RPC2}"
# Production takes 5–10 minutes to provision and 3–5 to restart; the demo a few seconds.
export Instances__ProvisioningDelaySeconds="${Instances__ProvisioningDelaySeconds:-30}"
export Instances__RestartDelaySeconds="${Instances__RestartDelaySeconds:-20}"
# The demo logins sign in with the password alone; production requires two-factor sign-in for the provider's staff.
export Portal__RequireTwoFactorForStaff="${Portal__RequireTwoFactorForStaff:-false}"
export Jobs__InstanceProvisioningSeconds="${Jobs__InstanceProvisioningSeconds:-10}"

cat <<INFO

ResellerPortal on http://127.0.0.1:$PORT
Demo logins (password ${PORTAL_DEMO_PASSWORD:-Demo!2345}):
  admin@demo.local      PlatformAdmin
  support@demo.local    Support
  reseller1@demo.local  ResellerAdmin of Alpha Telecom (operators EU and US)
  reseller2@demo.local  ResellerAdmin of Beta Voice
  staff1@demo.local     ResellerUser of Alpha Telecom, operator EU only
Simulated provider systems (key server, instance XML-RPC, status feed) on http://127.0.0.1:$SIM_PORT
Press Ctrl-C to stop.

INFO

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
export Serilog__WriteTo__File__Args__path="${Serilog__WriteTo__File__Args__path:-$ROOT/.data/logs/portal-.log}"
(cd "$ROOT/.data/app" && exec dotnet ResellerPortal.Web.dll --seed-demo --urls "http://127.0.0.1:$PORT") &
APP_PID=$!
wait "$APP_PID" || true
