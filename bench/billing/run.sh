#!/usr/bin/env bash
# Benchmark of recurring billing (issue 11). Starts its own PostgreSQL cluster under bench/billing/.data, publishes
# the portal (Release), lets it migrate and seed its demo data, then seeds 100,000 clients due today (seed.sql) into a
# template database. Measures, each on a fresh copy (CREATE DATABASE ... TEMPLATE):
#   1. a full run (goal < 60 s), started as the platform admin does ("Run now" on /admin/billing);
#   2. the same run again on the billed database (goal < 10 s, 0 new ledger rows);
#   3. the crash proof, CRASHES times (default 20): start the run, kill -9 the portal at a random moment, start it
#      again, run again, and compare the ledger client by client with the uninterrupted run of step 1
#      (keys, amounts, balances, billing dates): 0 duplicates, 0 missing, totals identical to the cent.
# Usage: bench/billing/run.sh        CRASHES=5 bench/billing/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
B="$ROOT/bench/billing"
DATA="$B/.data"
PG_PORT="${PG_PORT:-55552}"
APP_PORT="${APP_PORT:-5221}"
CRASHES="${CRASHES:-20}"
RUN_DATE="$(date -u +%F)"
. "$ROOT/scripts/pg.sh"
pg_ensure_installed

APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill -TERM "$APP_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  pg_stop "$DATA/pg"
}
trap cleanup EXIT

# SKIP_PUBLISH=1 keeps the portal published by the previous run; RESUME=1 also keeps its databases and figures
# and goes straight to the crash proof.
if [ -n "${RESUME:-}" ] && [ -f "$DATA/figures.env" ]; then
  :
elif [ -n "${SKIP_PUBLISH:-}" ] && [ -d "$DATA/app" ]; then rm -rf "$DATA/pg" "$DATA"/*.txt "$DATA"/*.log; else rm -rf "$DATA"; fi
mkdir -p "$DATA"
pg_start "$DATA/pg" "$PG_PORT"
psql_as() { pg_as_owner "$(command -v psql)" -h 127.0.0.1 -p "$PG_PORT" -U portal -v ON_ERROR_STOP=1 "$@"; }
[ -n "${RESUME:-}" ] && [ -f "$DATA/figures.env" ] || pg_create_db "$PG_PORT" seed

if [ -z "${SKIP_PUBLISH:-}" ] || [ ! -d "$DATA/app" ]; then
  echo "Publishing the portal (Release)..."
  dotnet publish "$ROOT/src/ResellerPortal.Web" -c Release -nologo -v quiet -o "$DATA/app" >/dev/null
fi

# start_app DB [extra env...]: the portal on database DB with a job server; waits until it is ready.
# A start that fails (the process exits) is retried, as a process supervisor would: after a kill -9 the dead
# process's Hangfire locks stay until they expire, and a start that needs one of them fails until then.
FAILED_STARTS=0
launch_app() {
  local db="$1"; shift
  local cs="Host=127.0.0.1;Port=$PG_PORT;Database=$db;Username=portal;Maximum Pool Size=60"
  (cd "$DATA/app" && exec env ConnectionStrings__Portal="$cs" Portal__SeedDemo=true Serilog__WriteTo__File__Args__path="" \
    ASPNETCORE_ENVIRONMENT=Production Portal__RequireTwoFactorForStaff=false Jobs__Server=true Jobs__QueuePollSeconds=1 Jobs__InvisibilityTimeoutSeconds=15 \
    Jobs__RecurringBillingCron="" "$@" dotnet ResellerPortal.Web.dll --urls "http://127.0.0.1:$APP_PORT") >>"$DATA/app.log" 2>&1 &
  APP_PID=$!
}
start_app() {
  launch_app "$@"
  for _ in $(seq 1 1800); do
    curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/health/ready" && return 0
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      FAILED_STARTS=$((FAILED_STARTS + 1)); echo "   (the portal failed to start; starting it again: $FAILED_STARTS failed starts so far)"; sleep 5; launch_app "$@"
    fi
    sleep 0.5
  done
  echo "The portal did not become ready; see $DATA/app.log" >&2; exit 1
}
stop_app() { kill -TERM "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }

# Sign in as the platform admin and press "Run now" for the run date.
run_now() {
  local jar="$DATA/cookies" token
  rm -f "$jar"
  token="$(curl -s -c "$jar" "http://127.0.0.1:$APP_PORT/account/login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)"
  curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "Email=admin@demo.local" --data-urlencode "Password=Demo!2345" \
    --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$APP_PORT/account/login"
  token="$(curl -s -b "$jar" -c "$jar" "http://127.0.0.1:$APP_PORT/admin/billing" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)"
  [ -n "$token" ] || { echo "Could not open /admin/billing as the admin." >&2; exit 1; }
  curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "RunDate=$RUN_DATE" \
    --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$APP_PORT/admin/billing" | grep -q '^30[23]$' \
    || { echo "Run now was refused." >&2; exit 1; }
}
# wait_run DB: waits until the latest run is finished; prints its row.
wait_run() {
  local db="$1" status
  for _ in $(seq 1 1200); do
    status="$(psql_as -d "$db" -Atc "SELECT \"Status\" FROM \"BillingRuns\" ORDER BY \"CreatedAt\" DESC LIMIT 1")"
    [ "$status" = "Finished" ] && break
    [ "$status" = "Stopped" ] && { echo "The run stopped:" >&2; psql_as -d "$db" -Atc "SELECT \"Error\" FROM \"BillingRuns\" ORDER BY \"CreatedAt\" DESC LIMIT 1" >&2; exit 1; }
    sleep 0.25
  done
  psql_as -d "$db" -AtF ' ' -c "SELECT round(extract(epoch FROM \"FinishedAt\" - \"StartedAt\")::numeric, 2), \"ClientsBilled\", \"Charges\", \"SkippedAsCharged\", \"Failures\"
    FROM \"BillingRuns\" ORDER BY \"CreatedAt\" DESC LIMIT 1"
}
ledger_rows() { psql_as -d "$1" -Atc "SELECT count(*) FROM \"LedgerEntries\""; }
# What a billed database holds, client by client: every charge (key, amount), then each client's balance and billing date.
ledger_dump() {
  psql_as -d "$1" -AtF ' ' -c "SELECT \"ClientId\", \"Key\", \"Amount\" FROM \"LedgerEntries\" ORDER BY 1, 2" >"$2"
  psql_as -d "$1" -AtF ' ' -c "SELECT \"Id\", \"Balance\", \"NextBillingDate\", \"Status\", \"LowBalanceWarned\" FROM \"Clients\" ORDER BY 1" >>"$2"
}

fresh() { psql_as -d postgres -qc "DROP DATABASE IF EXISTS $1" && psql_as -d postgres -qc "CREATE DATABASE $1 TEMPLATE seed STRATEGY FILE_COPY"; }
if [ -n "${RESUME:-}" ] && [ -f "$DATA/figures.env" ]; then
  . "$DATA/figures.env"
  echo "Resuming: full run ${FULL_S} s, second run ${AGAIN_S} s, $NEW_ROWS new rows (from $DATA/figures.env)"
else
echo "Migrating and seeding the demo data, then 100,000 clients due on $RUN_DATE..."
start_app seed
stop_app
psql_as -d seed -q -v run_date="$RUN_DATE" -f "$B/seed.sql"
psql_as -d seed -qc "VACUUM ANALYZE"
psql_as -d seed -Atc "SELECT count(*) || ' clients due, ' || (SELECT count(*) FROM \"SubAccounts\" WHERE \"PackageId\" IS NOT NULL) || ' sub-accounts with a package, '
  || (SELECT count(*) FROM \"Dids\" WHERE \"SubAccountId\" IS NOT NULL) || ' connected DIDs, ' || (SELECT count(*) FROM \"BasketItems\" WHERE \"ChargedAt\" IS NULL) || ' basket items due'
  FROM \"Clients\" WHERE \"NextBillingDate\" <= '$RUN_DATE' AND \"Status\" IN ('Active', 'Suspended') AND \"DeletedAt\" IS NULL"


echo "1. Full run"
fresh bill_full
start_app bill_full
before="$(ledger_rows bill_full)"
t0="$(date +%s.%N)"; run_now; read -r FULL_S FULL_CLIENTS FULL_CHARGES FULL_SKIPPED FULL_FAILED < <(wait_run bill_full); t1="$(date +%s.%N)"
FULL_WALL="$(echo "$t1 - $t0" | bc -l | xargs printf '%.1f')"
echo "   full run: ${FULL_S} s in the run (${FULL_WALL} s from the click), $FULL_CLIENTS clients billed, $FULL_CHARGES charges, $FULL_SKIPPED skipped, $FULL_FAILED failed"
echo "2. The same run again"
after_full="$(ledger_rows bill_full)"
psql_as -d bill_full -qc "SELECT 1" >/dev/null
t0="$(date +%s.%N)"; run_now; read -r AGAIN_S AGAIN_CLIENTS AGAIN_CHARGES AGAIN_SKIPPED AGAIN_FAILED < <(wait_run bill_full); t1="$(date +%s.%N)"
AGAIN_WALL="$(echo "$t1 - $t0" | bc -l | xargs printf '%.1f')"
NEW_ROWS=$(( $(ledger_rows bill_full) - after_full ))
echo "   second run: ${AGAIN_S} s (${AGAIN_WALL} s from the click), $AGAIN_CHARGES charges, $NEW_ROWS new ledger rows"
stop_app
ledger_dump bill_full "$DATA/reference.txt"
echo "   reference: $(( after_full - before )) rows written by the full run"

declare -p FULL_S FULL_WALL FULL_CHARGES AGAIN_S AGAIN_WALL NEW_ROWS before >"$DATA/figures.env"
fi
echo "3. Crash proof, $CRASHES times: kill -9 at a random moment of the run, start again, run again, compare with the full run"
CRASH_OK=0
for i in $(seq 1 "$CRASHES"); do
  fresh "bill_crash$i"
  start_app "bill_crash$i"
  delay="$(awk -v s="$RANDOM" -v max="$FULL_S" 'BEGIN { srand(s); printf "%.2f", rand() * max }')"
  run_now
  sleep "$delay"
  written="$(ledger_rows "bill_crash$i")"
  kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
  start_app "bill_crash$i"
  run_now
  wait_run "bill_crash$i" >/dev/null
  stop_app
  ledger_dump "bill_crash$i" "$DATA/crash.txt"
  dup="$(psql_as -d "bill_crash$i" -Atc "SELECT count(*) FROM (SELECT \"ResellerId\", \"Key\" FROM \"LedgerEntries\" GROUP BY 1, 2 HAVING count(*) > 1) d")"
  missing="$(comm -23 <(sort "$DATA/reference.txt") <(sort "$DATA/crash.txt") | wc -l)"
  extra="$(comm -13 <(sort "$DATA/reference.txt") <(sort "$DATA/crash.txt") | wc -l)"
  total_ref="$(psql_as -d bill_full -Atc "SELECT \"Currency\" || ' ' || sum(\"Amount\") FROM \"LedgerEntries\" GROUP BY \"Currency\" ORDER BY \"Currency\"" | tr '\n' ' ')"
  total_crash="$(psql_as -d "bill_crash$i" -Atc "SELECT \"Currency\" || ' ' || sum(\"Amount\") FROM \"LedgerEntries\" GROUP BY \"Currency\" ORDER BY \"Currency\"" | tr '\n' ' ')"
  verdict="identical"
  if [ "$dup" != 0 ] || [ "$missing" != 0 ] || [ "$extra" != 0 ] || [ "$total_ref" != "$total_crash" ]; then verdict="DIFFERENT"; else CRASH_OK=$((CRASH_OK + 1)); fi
  echo "   crash $i: killed after ${delay} s with $((written - before)) rows written; after the re-run: $dup duplicates, $missing missing, $extra extra lines; totals $total_crash: $verdict"
  psql_as -d postgres -qc "DROP DATABASE bill_crash$i"
done

echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo "Full run (100,000 clients, $FULL_CHARGES charges): ${FULL_S} s   (goal < 60 s)"
echo "Second run: ${AGAIN_S} s, $NEW_ROWS new rows   (goal < 10 s, 0 rows)"
echo "Crash proof: $CRASH_OK of $CRASHES crashed runs identical to the uninterrupted one ($FAILED_STARTS failed starts retried)"
[ "$CRASH_OK" = "$CRASHES" ] && [ "$NEW_ROWS" = 0 ]
