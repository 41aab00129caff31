#!/usr/bin/env bash
# Restores, builds and runs every test project: unit, integration (real PostgreSQL) and browser
# (headless Chromium). Installs what is missing (PostgreSQL server, Chromium) when run as root.
# The tests start their own throwaway PostgreSQL cluster, or use PORTAL_TEST_PG if set.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/pg.sh

command -v dotnet >/dev/null 2>&1 || { echo "The .NET SDK 10 is required (dotnet not found)." >&2; exit 1; }

if [ -z "${PORTAL_TEST_PG:-}" ]; then
  pg_ensure_installed
  export PATH="$PG_BIN:$PATH"
fi

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Chromium at /usr/bin/chromium: install it, e.g. 'sudo apt-get install -y chromium'." >&2
    exit 1
  fi
fi

# The tests start and stop hundreds of hosts: poll for file changes rather than use inotify
# watchers, of which a user gets 128.
export DOTNET_USE_POLLING_FILE_WATCHER=true

dotnet tool restore
dotnet restore ResellerPortal.sln --nologo -v quiet
dotnet build ResellerPortal.sln --no-restore --nologo -v quiet -c Debug

status=0
passed=0
failed=0
for project in tests/ResellerPortal.UnitTests tests/ResellerPortal.IntegrationTests tests/ResellerPortal.BrowserTests; do
  echo "== $project"
  log="$(mktemp)"
  if ! dotnet test "$project" --no-build --nologo 2>&1 | tee "$log"; then
    status=1
  fi
  # dotnet test ends with "Passed!  - Failed: F, Passed: P, ..." (or "Failed!  - ...").
  summary="$(grep -E '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+' "$log" | tail -1 || true)"
  if [ -z "$summary" ]; then
    echo "No test summary from $project" >&2
    status=1
  else
    failed=$((failed + $(echo "$summary" | sed -E 's/.*Failed: +([0-9]+),.*/\1/')))
    passed=$((passed + $(echo "$summary" | sed -E 's/.*Passed: +([0-9]+),.*/\1/')))
  fi
  rm -f "$log"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] || status=1
exit $status
