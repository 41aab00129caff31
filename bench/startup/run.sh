#!/usr/bin/env bash
# Start-up benchmark (issue 9): how long the published portal (Release) takes from process start to
# answering its login page, and its memory once idle.
#  - first start: an empty database, so migrations and the demo seed run first (what ./run.sh does once);
#  - restarts: the same database again, RUNS times (the figure is the median), as after a deployment.
# Usage: bench/startup/run.sh   (RUNS=5 by default; OUT=dir to publish elsewhere)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
DATA="$ROOT/bench/startup/.data"
PG_PORT="${PG_PORT:-55542}"
APP_PORT="${APP_PORT:-5211}"
RUNS="${RUNS:-5}"
. "$ROOT/scripts/pg.sh"
pg_ensure_installed

APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill -TERM "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  pg_stop "$DATA/pg"
}
trap cleanup EXIT
rm -rf "$DATA"
mkdir -p "$DATA"
pg_start "$DATA/pg" "$PG_PORT"
pg_create_db "$PG_PORT" bench
CS="Host=127.0.0.1;Port=$PG_PORT;Database=bench;Username=portal"

echo "Publishing the portal (Release)..."
dotnet publish "$ROOT/src/ResellerPortal.Web" -c Release -nologo -v quiet -o "$DATA/app" >/dev/null

# start_once: starts the portal, prints the milliseconds until /account/login answered 200, and the RSS.
start_once() {
  local t0 t1 code=""
  t0="$(date +%s%N)"
  (cd "$DATA/app" && ConnectionStrings__Portal="$CS" Portal__SeedDemo=true Serilog__WriteTo__File__Args__path="" ASPNETCORE_ENVIRONMENT=Production \
    exec dotnet ResellerPortal.Web.dll --urls "http://127.0.0.1:$APP_PORT") >"$DATA/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 1800); do
    code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT/account/login" || true)"
    [ "$code" = 200 ] && break
    kill -0 "$APP_PID" 2>/dev/null || { echo "The portal stopped:" >&2; tail -30 "$DATA/app.log" >&2; exit 1; }
    sleep 0.05
  done
  [ "$code" = 200 ] || { echo "No login page after 90 s" >&2; exit 1; }
  t1="$(date +%s%N)"
  sleep 5 # idle: the jobs' first runs and the start-up's garbage settle
  local rss; rss="$(awk '/VmRSS/ { print $2 }' "/proc/$APP_PID/status")"
  kill -TERM "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
  echo "$(( (t1 - t0) / 1000000 )) $(( rss / 1024 ))"
}

median() { printf "%s\n" "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
read -r first first_rss < <(start_once)
echo "first start (empty database: migrations and demo seed): ${first} ms to the login page, RSS ${first_rss} MB after 5 s idle"
MS=(); RSS=()
for run in $(seq 1 "$RUNS"); do
  read -r ms rss < <(start_once)
  echo "  restart $run: ${ms} ms, RSS ${rss} MB"
  MS+=("$ms"); RSS+=("$rss")
done
echo "restart: median $(median "${MS[@]}") ms to the login page, RSS median $(median "${RSS[@]}") MB after 5 s idle"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, $(uname -sr)"
