#!/usr/bin/env bash
# Benchmark of the client list, the DID list and the CSV export (issue 5). Starts its own PostgreSQL cluster
# under bench/clients/.data, the portal (Release) and the reference host (bench/instances/ReferenceHost), seeds
# 100,000 clients for reseller Alpha and 1,000,000 DIDs on the platform, and measures with wrk on loopback:
# 32 connections, 10 s per run after a 10 s warm-up, RUNS rounds over all scenarios (default 3; the figure is the
# median), with the CPU time the host and PostgreSQL spend per request. Then times RUNS exports of all 100,000
# clients as CSV, sampling the portal's RSS every 50 ms.
# Usage: bench/clients/run.sh            (installs wrk with apt-get when run as root)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
B="$ROOT/bench/clients"
DATA="$B/.data"
PG_PORT="${PG_PORT:-55542}"
APP_PORT="${APP_PORT:-5211}"
REF_PORT="${REF_PORT:-5212}"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-10s}"
Q=son                 # the 3-letter search: about 37 % of the seeded clients, so page 500 exists
PAGE=500
PREFIX=+4420001       # the DID prefix: 10,000 numbers on the platform, 200 of them Alpha's
. bench/common.sh

echo "Seeding 100,000 clients and 1,000,000 DIDs..."
psql_bench -q -f "$B/seed.sql"
psql_bench -qc "VACUUM ANALYZE"
ALPHA="$(psql_bench -Atc "SELECT \"Id\" FROM \"Resellers\" WHERE \"Slug\" = 'alpha'")"
psql_bench -Atc "SELECT count(*) FILTER (WHERE \"ResellerId\" = '$ALPHA') || ' clients of Alpha, ' || count(*) || ' in all' FROM \"Clients\""
psql_bench -Atc "SELECT count(*) || ' DIDs, ' || count(DISTINCT \"ResellerId\") || ' resellers, ' || count(*) FILTER (WHERE \"ResellerId\" = '$ALPHA') || ' of Alpha' FROM \"Dids\""
MATCHES="$(psql_bench -Atc "SELECT count(*) FROM \"Clients\" WHERE \"ResellerId\" = '$ALPHA' AND \"DeletedAt\" IS NULL AND \"SearchText\" LIKE '%$Q%'")"
echo "$MATCHES of Alpha's clients match \"$Q\" ($(( (MATCHES + 49) / 50 )) pages of 50)"

# Sign in as reseller1 as a browser would, and keep the session cookie for wrk.
JAR="$DATA/cookies"
TOKEN="$(curl -s -c "$JAR" "http://127.0.0.1:$APP_PORT/account/login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)"
curl -s -o /dev/null -b "$JAR" -c "$JAR" --data-urlencode "Email=reseller1@demo.local" --data-urlencode "Password=Demo!2345" \
  --data-urlencode "__RequestVerificationToken=$TOKEN" "http://127.0.0.1:$APP_PORT/account/login"
COOKIE="rp.auth=$(awk '$6 == "rp.auth" { print $7 }' "$JAR")"
portal_get() { curl -sf -H "Cookie: $COOKIE" "http://127.0.0.1:$APP_PORT$1"; }

# Page 500: follow the portal's own "Next" link 499 times, as a user would, and check that the cursor it ends
# with is the one built from the data (id and sort key of the 24,950th matching row), which the reference uses.
url="/clients?q=$Q"
for _ in $(seq 2 "$PAGE"); do
  url="$(portal_get "$url" | sed -n 's/.*rel="next" href="\([^"]*\)".*/\1/p' | sed 's/&amp;/\&/g')"
  [ -n "$url" ] || { echo "The search for \"$Q\" has fewer than $PAGE pages." >&2; exit 1; }
done
read -r KEY_ID KEY_NAME < <(psql_bench -AtF ' ' -c "SELECT \"Id\", \"SortName\" FROM \"Clients\" WHERE \"ResellerId\" = '$ALPHA' AND \"DeletedAt\" IS NULL
  AND \"SearchText\" LIKE '%$Q%' ORDER BY \"SortName\", \"Id\" OFFSET $(( (PAGE - 1) * 50 - 1 )) LIMIT 1")
# The portal's cursor is "{position}.{total}.{id}{key}": the position of the row after it (24,951) numbers the page,
# and the total the first page counted (up to 1,001, "more than 1000") is carried to every page after it.
TOTAL=$(( MATCHES > 1001 ? 1001 : MATCHES ))
BUILT="$(printf '%s.%s.%s%s' "$(( (PAGE - 1) * 50 + 1 ))" "$TOTAL" "${KEY_ID//-/}" "$KEY_NAME" | base64 -w0 | tr '+/' '-_' | tr -d '=')"
[ "$url" = "/clients?q=$Q&after=$BUILT" ] || { echo "Page $PAGE's cursor differs: followed $url, built $BUILT." >&2; exit 1; }
echo "page $PAGE: $url (after \"$KEY_NAME\", $KEY_ID)"

declare -A URLS=(
  [portal-search-p1]="http://127.0.0.1:$APP_PORT/clients?q=$Q"
  [reference-search-p1]="http://127.0.0.1:$REF_PORT/clients?reseller=$ALPHA&q=$Q"
  [portal-search-p500]="http://127.0.0.1:$APP_PORT$url"
  [reference-search-p500]="http://127.0.0.1:$REF_PORT/clients?reseller=$ALPHA&q=$Q&key=${KEY_NAME// /%20}&id=$KEY_ID"
  [portal-dids-prefix]="http://127.0.0.1:$APP_PORT/dids?prefix=%2B${PREFIX#+}"
  [reference-dids-prefix]="http://127.0.0.1:$REF_PORT/dids?reseller=$ALPHA&prefix=%2B${PREFIX#+}"
)
ORDER=(portal-search-p1 reference-search-p1 portal-search-p500 reference-search-p500 portal-dids-prefix reference-dids-prefix)
# FLOOR=1 adds the EF floor (bench/instances/ReferenceHost/EfFloor.cs): the reference's search pages through EF Core,
# with a DbContext per request (ef) and from EF's pool (efpool), in the reference host's process.
FLOORS=()
if [ "${FLOOR:-0}" = 1 ]; then
  for page in p1 p500; do
    for kind in ef efpool; do
      path="/ef/clients"; [ "$kind" = efpool ] && path="/ef-pooled/clients"
      URLS[$kind-search-$page]="${URLS[reference-search-$page]/\/clients/$path}"
      FLOORS+=("$kind-search-$page")
    done
  done
  ORDER+=("${FLOORS[@]}")
fi

# The portal's pages must be the signed-in lists, with exactly the reference's rows (every cell).
rows_of() { awk '/<tr data-(client|did)=/ { on = 1 } on { sub(/^[ \t]+/, ""); print } /<\/tr>/ { on = 0 }'; }
for pair in search-p1 search-p500 dids-prefix; do
  portal_rows="$(curl -s -H "Cookie: $COOKIE" "${URLS[portal-$pair]}" | rows_of)"
  reference_rows="$(curl -s "${URLS[reference-$pair]}" | rows_of)"
  [ -n "$portal_rows" ] || { echo "The portal's $pair page shows no rows: not signed in?" >&2; exit 1; }
  if [ "$portal_rows" != "$reference_rows" ]; then
    echo "The $pair rows differ between the portal and the reference:" >&2
    diff <(echo "$portal_rows") <(echo "$reference_rows") | head -20 >&2
    exit 1
  fi
  echo "$pair: portal and reference show the same $(echo "$portal_rows" | grep -c '<tr data-') rows"
done

for name in "${FLOORS[@]}"; do
  floor_rows="$(curl -s "${URLS[$name]}" | rows_of)"
  [ "$floor_rows" = "$(curl -s "${URLS[reference-${name#*-}]}" | rows_of)" ] || { echo "The $name rows differ from the reference's." >&2; exit 1; }
  echo "$name: the same $(echo "$floor_rows" | grep -c '<tr data-') rows as the reference"
done

to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }'; }
median() { printf "%s\n" "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
RESULTS="$DATA/results.tsv"
: > "$RESULTS"
declare -A RPS P50 P99 BYTES HOST_MS PG_MS
# CPU time (user + system, in clock ticks) of a process, and of all PostgreSQL processes of this cluster: per
# request, these do not depend on how busy the machine is, unlike requests/s and latencies.
HZ="$(getconf CLK_TCK)"
PG_MASTER="$(head -1 "$DATA/pg/postmaster.pid")"
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() { local t=0 p; for p in $(pgrep -P "$PG_MASTER"); do t=$((t + $(cpu_ticks "$p"))); done; echo "$t"; }
args_for() {
  if [[ "$1" == portal-* ]]; then echo "-s $ROOT/bench/instances/cookie.lua"; fi
}
export BENCH_COOKIE="$COOKIE"
# Warm-up: every scenario once, long enough for tiered compilation to reach its optimised code.
for name in "${ORDER[@]}"; do
  BYTES[$name]="$(curl -s -H "Cookie: $COOKIE" "${URLS[$name]}" | wc -c)"
  # shellcheck disable=SC2046
  wrk -t2 -c32 -d"${WARMUP:-10s}" $(args_for "$name") "${URLS[$name]}" >/dev/null
done
# Rounds over all scenarios, so that the machine's drift touches each of them alike.
for run in $(seq 1 "$RUNS"); do
  echo "  round $run: load average $(cut -d' ' -f1-3 /proc/loadavg)"
  for name in "${ORDER[@]}"; do
    host_pid="$APP_PID"; [[ "$name" != portal-* ]] && host_pid="$REF_PID"
    host_before="$(cpu_ticks "$host_pid")"; pg_before="$(pg_ticks)"
    # shellcheck disable=SC2046
    out="$(wrk -t2 -c32 -d"$DURATION" --latency $(args_for "$name") "${URLS[$name]}")"
    host_cpu="$(( $(cpu_ticks "$host_pid") - host_before ))"; pg_cpu="$(( $(pg_ticks) - pg_before ))"
    if echo "$out" | grep -q "Non-2xx"; then echo "$name: non-2xx answers" >&2; echo "$out" >&2; exit 1; fi
    rps="$(echo "$out" | awk '/Requests\/sec/ { print $2 }')"
    p50="$(echo "$out" | awk '$1 == "50%" { print $2 }' | to_ms)"
    p99="$(echo "$out" | awk '$1 == "99%" { print $2 }' | to_ms)"
    requests="$(echo "$out" | awk '/requests in/ { print $1 }')"
    host_ms="$(echo "$host_cpu * 1000 / $HZ / $requests" | bc -l)"; pg_ms="$(echo "$pg_cpu * 1000 / $HZ / $requests" | bc -l)"
    printf "  round %s %s: %s req/s, p50 %s ms, p99 %s ms; CPU per request: host %.3f ms, PostgreSQL %.3f ms\n" \
      "$run" "$name" "$rps" "$p50" "$p99" "$host_ms" "$pg_ms"
    RPS[$name]+="$rps "; P50[$name]+="$p50 "; P99[$name]+="$p99 "; HOST_MS[$name]+="$host_ms "; PG_MS[$name]+="$pg_ms "
  done
done
for name in "${ORDER[@]}"; do
  # shellcheck disable=SC2086
  printf "%s\t%.0f\t%.2f\t%.2f\t%s\t%.3f\t%.3f\n" "$name" "$(median ${RPS[$name]})" "$(median ${P50[$name]})" "$(median ${P99[$name]})" "${BYTES[$name]}" \
    "$(median ${HOST_MS[$name]})" "$(median ${PG_MS[$name]})" >> "$RESULTS"
done

# Export: all of Alpha's clients as CSV, one download at a time, with the portal's RSS sampled every 50 ms.
rss_kb() { awk '/VmRSS/ { print $2 }' "/proc/$APP_PID/status"; }
EXPECTED="$DATA/expected-ids"
psql_bench -Atc "SELECT \"Id\" FROM \"Clients\" WHERE \"ResellerId\" = '$ALPHA' AND \"DeletedAt\" IS NULL ORDER BY \"SortName\", \"Id\"" > "$EXPECTED"
portal_get /clients/export.csv > /dev/null   # warm-up
EXPORT_RATES=""
for run in $(seq 1 "$RUNS"); do
  before="$(rss_kb)"
  (while sleep 0.05; do rss_kb; done) > "$DATA/rss-$run" 2>/dev/null &
  SAMPLER=$!
  start="$(date +%s.%N)"
  portal_get /clients/export.csv > "$DATA/export.csv"
  end="$(date +%s.%N)"
  kill "$SAMPLER"; wait "$SAMPLER" 2>/dev/null || true
  sleep 1
  after="$(rss_kb)"
  peak="$(sort -n "$DATA/rss-$run" | tail -1)"; [ "${peak:-0}" -ge "$before" ] || peak="$before"
  rows="$(tail -n +2 "$DATA/export.csv" | wc -l)"
  # Exactly Alpha's live clients, in list order (ids are never quoted, so the first field is the id).
  cmp -s <(tail -n +2 "$DATA/export.csv" | cut -d, -f1) "$EXPECTED" || { echo "The export's rows are not Alpha's clients in list order." >&2; exit 1; }
  secs="$(echo "$end - $start" | bc -l)"
  rate="$(echo "$rows / $secs" | bc -l)"
  EXPORT_RATES+="$rate "
  printf "  export %d: %d rows, %s bytes in %.2f s = %.0f rows/s; RSS before %d MB, peak %d MB, after %d MB (%d samples)\n" \
    "$run" "$rows" "$(wc -c < "$DATA/export.csv")" "$secs" "$rate" $((before / 1024)) $((peak / 1024)) $((after / 1024)) "$(wc -l < "$DATA/rss-$run")"
  echo -e "$run\t$rows\t$secs\t$rate\t$before\t$peak\t$after" >> "$DATA/export.tsv"
done
rm -f "$DATA/export.csv"
RSS_KB="$(rss_kb)"

echo
echo "| scenario | requests/s | p50 ms | p99 ms | HTML bytes | host CPU ms/request | PostgreSQL CPU ms/request |"
echo "|---|---|---|---|---|---|---|"
while IFS=$'\t' read -r name rps p50 p99 bytes host_ms pg_ms; do echo "| $name | $rps | $p50 | $p99 | $bytes | $host_ms | $pg_ms |"; done < "$RESULTS"
col() { awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$RESULTS"; }
echo
for pair in search-p1 search-p500 dids-prefix; do
  printf "portal/reference throughput, %s: %.0f %% (portal p99 %s ms)\n" "$pair" "$(echo "100 * $(col "portal-$pair" 2) / $(col "reference-$pair" 2)" | bc -l)" "$(col "portal-$pair" 4)"
done
for name in "${FLOORS[@]}"; do
  printf "EF floor/reference throughput, %s: %.0f %% (p99 %s ms)\n" "$name" "$(echo "100 * $(col "$name" 2) / $(col "reference-${name#*-}" 2)" | bc -l)" "$(col "$name" 4)"
done
# shellcheck disable=SC2086
printf "export: median %.0f rows/s; RSS peak over all exports %d MB (before the first %d MB, after the last %d MB)\n" "$(median $EXPORT_RATES)" \
  $(( $(cut -f6 "$DATA/export.tsv" | sort -n | tail -1) / 1024 )) $(( $(head -1 "$DATA/export.tsv" | cut -f5) / 1024 )) $(( $(tail -1 "$DATA/export.tsv" | cut -f7) / 1024 ))
echo "portal memory (RSS) after the run: $((RSS_KB / 1024)) MB"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, $(uname -sr)"
if [ "${KEEP:-0}" = 1 ]; then
  trap - EXIT
  echo "KEEP=1: portal on $APP_PORT, reference on $REF_PORT and PostgreSQL on $PG_PORT left running; cookie: $COOKIE"
fi
