# Shared by the benchmarks: sourced from bench/<name>/run.sh after it has set ROOT, DATA, PG_PORT,
# APP_PORT and REF_PORT. Installs what is missing (PostgreSQL, wrk), starts a fresh private cluster under
# $DATA/pg, publishes and starts the portal (Release, with its demo data) and the reference host, waits
# until the portal is ready, and stops everything on exit. Defines CS, psql_bench, APP_PID and REF_PID.
# shellcheck shell=bash
. "$ROOT/scripts/pg.sh"

pg_ensure_installed
if ! command -v wrk >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pg_stop "$DATA/pg"
}
trap cleanup EXIT

rm -rf "$DATA"
mkdir -p "$DATA"
pg_start "$DATA/pg" "$PG_PORT"
pg_create_db "$PG_PORT" bench
CS="Host=127.0.0.1;Port=$PG_PORT;Database=bench;Username=portal;Maximum Pool Size=100${CS_EXTRA:-}"
psql_bench() { pg_as_owner "$(command -v psql)" -h 127.0.0.1 -p "$PG_PORT" -U portal -d bench -v ON_ERROR_STOP=1 "$@"; }

# APP_BIN / REF_BIN: an already published portal / reference host to copy instead of publishing (for runs of
# several benchmarks in one sitting; publish it first with the same command as below).
if [ -n "${APP_BIN:-}" ] && [ -n "${REF_BIN:-}" ]; then
  echo "Copying the published portal ($APP_BIN) and reference host ($REF_BIN)..."
  cp -r "$APP_BIN" "$DATA/app"; cp -r "$REF_BIN" "$DATA/ref"
else
  echo "Publishing the portal and the reference host (Release)..."
  dotnet publish "$ROOT/src/ResellerPortal.Web" -c Release -nologo -v quiet -o "$DATA/app" >/dev/null
  dotnet publish "$ROOT/bench/instances/ReferenceHost" -c Release -nologo -v quiet -o "$DATA/ref" >/dev/null
fi

(cd "$DATA/app" && ConnectionStrings__Portal="$CS" Portal__SeedDemo=true Serilog__WriteTo__File__Args__path="" ASPNETCORE_ENVIRONMENT=Production \
  exec dotnet ResellerPortal.Web.dll --urls "http://127.0.0.1:$APP_PORT") >"$DATA/app.log" 2>&1 &
APP_PID=$!
PIDS+=("$APP_PID")
(cd "$DATA/ref" && ConnectionStrings__Portal="$CS" exec dotnet ReferenceHost.dll --urls "http://127.0.0.1:$REF_PORT") >"$DATA/ref.log" 2>&1 &
REF_PID=$!
PIDS+=("$REF_PID")
for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/health/ready" && break; sleep 1; done
