#!/usr/bin/env bash
# Helpers for a private PostgreSQL cluster, shared by run.sh and test.sh.
# PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user.

pg_find_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    PG_BIN="$(dirname "$(command -v pg_ctl)")"
    return 0
  fi
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then
      PG_BIN="$dir"
      return 0
    fi
  done
  return 1
}

pg_ensure_installed() {
  if pg_find_bin; then
    return 0
  fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "PostgreSQL server binaries not found: installing the Debian package postgresql..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    pg_find_bin && return 0
  fi
  echo "PostgreSQL server binaries (initdb, pg_ctl) are missing. Install them, e.g. 'sudo apt-get install -y postgresql'," >&2
  echo "or point the portal at an existing server with ConnectionStrings__Portal." >&2
  return 1
}

# Runs a PostgreSQL binary as the cluster's owner.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# pg_start DIR PORT: creates the cluster in DIR if needed and starts it on 127.0.0.1:PORT.
pg_start() {
  local dir="$1" port="$2"
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown -R postgres "$dir"
    # The postgres user must be able to reach the folder.
    local parent="$dir"
    while [ "$parent" != "/" ]; do parent="$(dirname "$parent")"; chmod o+x "$parent" 2>/dev/null || true; done
  fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    pg_as_owner "$PG_BIN/initdb" -D "$dir" -A trust -U portal -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1" -l "$dir/server.log" start >/dev/null
  fi
}

pg_stop() {
  local dir="$1"
  pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

# pg_create_db PORT NAME: creates the database if it does not exist.
pg_create_db() {
  local port="$1" name="$2" psql="$PG_BIN/psql"
  [ -x "$psql" ] || psql="$(command -v psql)"
  if ! pg_as_owner "$psql" -h 127.0.0.1 -p "$port" -U portal -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$name'" | grep -q 1; then
    pg_as_owner "$psql" -h 127.0.0.1 -p "$port" -U portal -d postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
  fi
}
