#!/usr/bin/env bash
# Benchmark of the instances list (issue 3). Starts its own PostgreSQL cluster under bench/instances/.data,
# the portal (Release) and the reference host, seeds 100,000 instances, and measures with wrk on loopback:
# 32 connections, 10 s per run after a 10 s warm-up, RUNS runs per scenario (default 3; the figure is the median).
# Usage: bench/instances/run.sh            (installs wrk with apt-get when run as root)
#        NA_CONNECTIONS="8 16" bench/instances/run.sh   (name availability also at 8 and 16 connections)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
B="$ROOT/bench/instances"
DATA="$B/.data"
PG_PORT="${PG_PORT:-55532}"
APP_PORT="${APP_PORT:-5201}"
REF_PORT="${REF_PORT:-5202}"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-10s}"
. bench/common.sh

echo "Seeding 100,000 instances..."
psql_bench -q -f "$B/seed.sql"
psql_bench -qc "VACUUM ANALYZE"
ALPHA="$(psql_bench -Atc "SELECT \"Id\" FROM \"Resellers\" WHERE \"Slug\" = 'alpha'")"
psql_bench -Atc "SELECT count(*) || ' instances, ' || count(DISTINCT \"ResellerId\") || ' resellers' FROM \"Instances\""

# Sign in as reseller1 as a browser would, and keep the session cookie for wrk.
JAR="$DATA/cookies"
TOKEN="$(curl -s -c "$JAR" "http://127.0.0.1:$APP_PORT/account/login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)"
curl -s -o /dev/null -b "$JAR" -c "$JAR" --data-urlencode "Email=reseller1@demo.local" --data-urlencode "Password=Demo!2345" \
  --data-urlencode "__RequestVerificationToken=$TOKEN" "http://127.0.0.1:$APP_PORT/account/login"
COOKIE="rp.auth=$(awk '$6 == "rp.auth" { print $7 }' "$JAR")"

Q=ab
declare -A URLS=(
  [portal-filtered]="http://127.0.0.1:$APP_PORT/instances?state=SOLD&q=$Q"
  [portal-unfiltered]="http://127.0.0.1:$APP_PORT/instances"
  [name-availability]="http://127.0.0.1:$APP_PORT/instances/name-availability?name=not-taken-yet"
  [reference-filtered]="http://127.0.0.1:$REF_PORT/cards?reseller=$ALPHA&state=Sold&q=$Q"
  [reference-unfiltered]="http://127.0.0.1:$REF_PORT/cards?reseller=$ALPHA"
)
ORDER=(portal-filtered reference-filtered portal-unfiltered reference-unfiltered name-availability)
# Name availability also at fewer connections (issue 14: its p99 at 32 connections on two shared cores is mostly
# queueing): NA_CONNECTIONS="8 16" adds the scenarios name-availability-c8 and name-availability-c16.
for c in ${NA_CONNECTIONS:-}; do
  URLS[name-availability-c$c]="${URLS[name-availability]}"
  ORDER+=("name-availability-c$c")
done
conns_for() { if [[ "$1" == name-availability-c* ]]; then echo "${1#name-availability-c}"; else echo 32; fi; }

# The portal pages must really be the signed-in list, with the same cards as the reference.
for pair in "filtered" "unfiltered"; do
  portal_cards="$(curl -s -H "Cookie: $COOKIE" "${URLS[portal-$pair]}" | grep -o 'data-instance="[^"]*"' | tr '\n' ' ')"
  reference_cards="$(curl -s "${URLS[reference-$pair]}" | grep -o 'data-instance="[^"]*"' | tr '\n' ' ')"
  [ -n "$portal_cards" ] || { echo "The portal's $pair page shows no cards: not signed in?" >&2; exit 1; }
  [ "$portal_cards" = "$reference_cards" ] || { echo "The $pair cards differ between the portal and the reference." >&2; exit 1; }
done

to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }'; }
median() { printf "%s\n" "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
RESULTS="$DATA/results.tsv"
: > "$RESULTS"
declare -A RPS P50 P99 BYTES
args_for() {
  if [[ "$1" == portal-* || "$1" == name-availability* ]]; then echo "-s $B/cookie.lua"; fi
}
export BENCH_COOKIE="$COOKIE"
# Warm-up: every scenario once, long enough for tiered compilation to reach its optimised code.
for name in "${ORDER[@]}"; do
  BYTES[$name]="$(curl -s -H "Cookie: $COOKIE" "${URLS[$name]}" | wc -c)"
  # shellcheck disable=SC2046
  wrk -t2 -c"$(conns_for "$name")" -d"${WARMUP:-10s}" $(args_for "$name") "${URLS[$name]}" >/dev/null
done
# Rounds over all scenarios, so that the machine's drift touches each of them alike.
for run in $(seq 1 "$RUNS"); do
  echo "  round $run: load average $(cut -d' ' -f1-3 /proc/loadavg)"
  for name in "${ORDER[@]}"; do
    # shellcheck disable=SC2046
    out="$(wrk -t2 -c"$(conns_for "$name")" -d"$DURATION" --latency $(args_for "$name") "${URLS[$name]}")"
    if echo "$out" | grep -q "Non-2xx"; then echo "$name: non-2xx answers" >&2; echo "$out" >&2; exit 1; fi
    rps="$(echo "$out" | awk '/Requests\/sec/ { print $2 }')"
    p50="$(echo "$out" | awk '$1 == "50%" { print $2 }' | to_ms)"
    p99="$(echo "$out" | awk '$1 == "99%" { print $2 }' | to_ms)"
    echo "  round $run $name: $rps req/s, p50 $p50 ms, p99 $p99 ms"
    RPS[$name]+="$rps "; P50[$name]+="$p50 "; P99[$name]+="$p99 "
  done
done
for name in "${ORDER[@]}"; do
  # shellcheck disable=SC2086
  printf "%s\t%.0f\t%.2f\t%.2f\t%s\n" "$name" "$(median ${RPS[$name]})" "$(median ${P50[$name]})" "$(median ${P99[$name]})" "${BYTES[$name]}" >> "$RESULTS"
done
RSS_KB="$(awk '/VmRSS/ { print $2 }' "/proc/$APP_PID/status")"

echo
echo "| scenario | requests/s | p50 ms | p99 ms | HTML bytes |"
echo "|---|---|---|---|---|"
while IFS=$'\t' read -r name rps p50 p99 bytes; do echo "| $name | $rps | $p50 | $p99 | $bytes |"; done < "$RESULTS"
real_f="$(awk '$1 == "portal-filtered" { print $2 }' "$RESULTS")"; ref_f="$(awk '$1 == "reference-filtered" { print $2 }' "$RESULTS")"
real_u="$(awk '$1 == "portal-unfiltered" { print $2 }' "$RESULTS")"; ref_u="$(awk '$1 == "reference-unfiltered" { print $2 }' "$RESULTS")"
echo
printf "portal/reference throughput: filtered %.0f %%, unfiltered %.0f %%\n" "$(echo "100 * $real_f / $ref_f" | bc -l)" "$(echo "100 * $real_u / $ref_u" | bc -l)"
echo "portal memory (RSS) after the run: $((RSS_KB / 1024)) MB"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, $(uname -sr)"
if [ "${KEEP:-0}" = 1 ]; then
  trap - EXIT
  echo "KEEP=1: portal on $APP_PORT, reference on $REF_PORT and PostgreSQL on $PG_PORT left running; cookie: $COOKIE"
fi
