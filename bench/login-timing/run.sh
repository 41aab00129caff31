#!/usr/bin/env bash
# Login timing (issue 16, finding 5): does the time of a refused login tell whether the email has a login?
# Starts its own PostgreSQL cluster under bench/login-timing/.data and the portal (Release, demo data) on
# loopback, then posts TRIES refused logins (default 40) for each path, interleaved: a known email with a
# wrong password (the demo's five logins in turn, so most are locked out after their fifth failure, which an
# attacker also sees), and an unknown email. Each try fetches a fresh login form first; only the POST is
# timed (curl's time_total). Prints the median and the 10th/90th percentiles of both paths in milliseconds.
# Usage: bench/login-timing/run.sh     (TRIES=100 bench/login-timing/run.sh for a longer run)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
DATA="$ROOT/bench/login-timing/.data"
PG_PORT="${PG_PORT:-55562}"
APP_PORT="${APP_PORT:-5231}"
TRIES="${TRIES:-40}"
. scripts/pg.sh

pg_ensure_installed
APP_PID=""
cleanup() {
  [ -z "$APP_PID" ] || kill -TERM "$APP_PID" 2>/dev/null || true
  wait 2>/dev/null || true
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
(cd "$DATA/app" && ConnectionStrings__Portal="$CS" Portal__SeedDemo=true Logging__File__Path="" ASPNETCORE_ENVIRONMENT=Production \
  exec dotnet ResellerPortal.Web.dll --urls "http://127.0.0.1:$APP_PORT") >"$DATA/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/health/ready" && break; sleep 1; done
curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/health/ready" || { echo "The portal did not start; see $DATA/app.log" >&2; exit 1; }

# One refused login: a fresh form and its antiforgery cookie, then the timed POST. Prints seconds.
attempt() {
  local jar="$DATA/jar" token
  rm -f "$jar"
  token="$(curl -s -c "$jar" "http://127.0.0.1:$APP_PORT/account/login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)"
  curl -s -o /dev/null -b "$jar" -w '%{time_total}\n' --data-urlencode "Email=$1" --data-urlencode "Password=wrong-password-$RANDOM" \
    --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$APP_PORT/account/login"
}

KNOWN=(reseller1@demo.local reseller2@demo.local staff1@demo.local support@demo.local admin@demo.local)
# Warm-up: the first hash, the first queries and the JIT are not what is measured.
for _ in 1 2 3; do attempt nobody@demo.local >/dev/null; done
: >"$DATA/known"
: >"$DATA/unknown"
for i in $(seq 1 "$TRIES"); do
  attempt "${KNOWN[$(( i % ${#KNOWN[@]} ))]}" >>"$DATA/known"
  attempt "nobody$i@demo.local" >>"$DATA/unknown"
done

stats() {
  sort -n "$1" | awk '{ v[NR] = $1 * 1000 } END {
    printf "median %6.1f ms   p10 %6.1f ms   p90 %6.1f ms   (%d tries)\n", v[int((NR + 1) / 2)], v[int(NR * 0.1) + 1], v[int(NR * 0.9)], NR }'
}
echo "known email, wrong password:  $(stats "$DATA/known")"
echo "unknown email:                $(stats "$DATA/unknown")"
