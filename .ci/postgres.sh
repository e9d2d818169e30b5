#!/usr/bin/env bash
# Starts a throwaway local PostgreSQL from Debian's packages and prints its URL on the last line.
#   url=$(bash .ci/postgres.sh | tail -n 1)
# Installs the server when it is missing (as root). Data lives in $PG_DIR (default /tmp/mission-ready-pg).
set -euo pipefail
PG_DIR=${PG_DIR:-/tmp/mission-ready-pg}
PG_PORT=${PG_PORT:-54329}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/postgres" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL is not installed. Run: sudo apt-get update && sudo apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "Installing PostgreSQL from Debian's packages..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
  mkdir -p "$PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  run "$bindir/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 >&2
fi
if ! run "$bindir/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
  run "$bindir/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
fi
echo "postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
