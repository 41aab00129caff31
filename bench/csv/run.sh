#!/usr/bin/env bash
# The clients CSV export, one writer against another (issue 9: CsvHelper in place of the hand-written writer,
# kept only if the hand-written one is measurably faster). Publishes the portal twice (Release): the working tree
# or NEW_REF ("new") and OLD_REF ("old"), each taken with git archive, starts both on one private PostgreSQL cluster under
# bench/csv/.data with the demo data plus the 100,000 clients of bench/clients/seed.sql (its client part only: the
# export reads no DIDs), then downloads /clients/export.csv (all of Alpha's 100,000 clients) RUNS times from each,
# alternating old-new, new-old, …, so that the machine's drift touches both alike. Reports the median time and the
# median CPU time the host process spent per download (from /proc/<pid>/stat), and checks that both files are
# byte for byte the same.
# Usage: OLD_REF=<commit> [NEW_REF=<commit>] bench/csv/run.sh     (RUNS=9 by default; loopback only)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
B="$ROOT/bench/csv"
DATA="$B/.data"
OLD_REF="${OLD_REF:?set OLD_REF to the commit to compare the working tree with}"
PG_PORT="${PG_PORT:-55543}"
OLD_PORT="${OLD_PORT:-5221}"
NEW_PORT="${NEW_PORT:-5222}"
RUNS="${RUNS:-9}"
. "$ROOT/scripts/pg.sh"
pg_ensure_installed

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pg_stop "$DATA/pg"
}
trap cleanup EXIT
rm -rf "$DATA"
mkdir -p "$DATA/old-src" "$DATA/new-src"
pg_start "$DATA/pg" "$PG_PORT"
pg_create_db "$PG_PORT" bench
CS="Host=127.0.0.1;Port=$PG_PORT;Database=bench;Username=portal;Maximum Pool Size=20"
psql_bench() { pg_as_owner "$(command -v psql)" -h 127.0.0.1 -p "$PG_PORT" -U portal -d bench -v ON_ERROR_STOP=1 "$@"; }

echo "Publishing the portal at $OLD_REF (old) and ${NEW_REF:-the working tree} (new), Release..."
git archive "$OLD_REF" | tar -x -C "$DATA/old-src"
NEW_SRC="$ROOT"
if [ -n "${NEW_REF:-}" ]; then git archive "$NEW_REF" | tar -x -C "$DATA/new-src"; NEW_SRC="$DATA/new-src"; fi
dotnet publish "$DATA/old-src/src/ResellerPortal.Web" -c Release -nologo -v quiet -o "$DATA/old" >/dev/null
dotnet publish "$NEW_SRC/src/ResellerPortal.Web" -c Release -nologo -v quiet -o "$DATA/new" >/dev/null

start() { # start NAME PORT: the host's pid in STARTED
  (cd "$DATA/$1" && ConnectionStrings__Portal="$CS" Portal__SeedDemo=true Logging__File__Path="" ASPNETCORE_ENVIRONMENT=Production \
    exec dotnet ResellerPortal.Web.dll --urls "http://127.0.0.1:$2") >"$DATA/$1.log" 2>&1 &
  STARTED=$!
  PIDS+=("$STARTED")
  for _ in $(seq 1 180); do curl -sf -o /dev/null "http://127.0.0.1:$2/health/ready" && return 0; sleep 1; done
  echo "The $1 portal did not start; see $DATA/$1.log" >&2; exit 1
}
# One host migrates and seeds the demo first; the second finds both done.
start old "$OLD_PORT"; OLD_PID=$STARTED
echo "Seeding 100,000 clients..."
{ sed '/^-- DIDs up to 1,000,000/,$d' "$ROOT/bench/clients/seed.sql"; echo "COMMIT;"; } | psql_bench -q
psql_bench -qc "VACUUM ANALYZE"
start new "$NEW_PORT"; NEW_PID=$STARTED
ALPHA="$(psql_bench -Atc "SELECT \"Id\" FROM \"Resellers\" WHERE \"Slug\" = 'alpha'")"
psql_bench -Atc "SELECT count(*) || ' live clients of Alpha' FROM \"Clients\" WHERE \"ResellerId\" = '$ALPHA' AND \"DeletedAt\" IS NULL"

login() { # login PORT: prints the Cookie header value for reseller1
  local jar="$DATA/cookies-$1" token
  token="$(curl -s -c "$jar" "http://127.0.0.1:$1/account/login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)"
  curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "Email=reseller1@demo.local" --data-urlencode "Password=Demo!2345" \
    --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$1/account/login"
  echo "rp.auth=$(awk '$6 == "rp.auth" { print $7 }' "$jar")"
}
declare -A PORT=([old]="$OLD_PORT" [new]="$NEW_PORT") PID=([old]="$OLD_PID" [new]="$NEW_PID") COOKIE TIMES CPU
COOKIE[old]="$(login "$OLD_PORT")"; COOKIE[new]="$(login "$NEW_PORT")"
HZ="$(getconf CLK_TCK)"
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
download() { # download NAME FILE: prints seconds and host CPU ms
  local before after secs
  before="$(cpu_ticks "${PID[$1]}")"
  secs="$(curl -sf -H "Cookie: ${COOKIE[$1]}" -o "$2" -w '%{time_total}' "http://127.0.0.1:${PORT[$1]}/clients/export.csv")"
  after="$(cpu_ticks "${PID[$1]}")"
  echo "$secs $(( (after - before) * 1000 / HZ ))"
}
median() { printf "%s\n" "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Warm-up: three downloads each, for tiered compilation; then the two files must be the same bytes.
for _ in 1 2 3; do download old "$DATA/old.csv" >/dev/null; download new "$DATA/new.csv" >/dev/null; done
ROWS="$(tail -n +2 "$DATA/new.csv" | wc -l)"
if cmp -s "$DATA/old.csv" "$DATA/new.csv"; then
  echo "old and new exports are identical: $ROWS rows, $(wc -c < "$DATA/new.csv") bytes"
else
  echo "The old and new exports differ:" >&2; diff <(head -c 2000000 "$DATA/old.csv") <(head -c 2000000 "$DATA/new.csv") | head -10 >&2; exit 1
fi
for run in $(seq 1 "$RUNS"); do
  if (( run % 2 )); then order=(old new); else order=(new old); fi
  for name in "${order[@]}"; do
    read -r secs cpu < <(download "$name" "$DATA/$name.csv")
    TIMES[$name]+="$secs "; CPU[$name]+="$cpu "
    printf "  run %d %s: %.3f s, host CPU %d ms (load %s)\n" "$run" "$name" "$secs" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
echo
echo "| writer | median time | rows/s | median host CPU per export |"
echo "|---|---|---|---|"
for name in old new; do
  # shellcheck disable=SC2086
  t="$(median ${TIMES[$name]})"; c="$(median ${CPU[$name]})"
  printf "| %s | %.3f s | %.0f | %.0f ms |\n" "$name" "$t" "$(echo "$ROWS / $t" | bc -l)" "$c"
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, $(uname -sr); load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
