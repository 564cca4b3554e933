#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for the store tests and
# print the URL to use as FENWEI_TEST_PG. Installs Debian's postgresql when
# the machine lacks it. Usage: eval "$(bash .ci/pg.sh)"
set -euo pipefail
PORT="${FENWEI_PG_PORT:-54329}"
DIR="${FENWEI_PG_DIR:-/tmp/fenwei-pg}"
pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(pgbin)" ]; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2
fi
BIN="$(pgbin)"
id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
if ! as_pg "$BIN/pg_ctl -D $DIR status" >/dev/null 2>&1; then
  rm -rf "$DIR"; mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  as_pg "$BIN/initdb -D $DIR -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
  as_pg "$BIN/pg_ctl -D $DIR -l $DIR/server.log -w -o \"-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off\" start" >/dev/null
fi
as_pg "$BIN/psql -h 127.0.0.1 -p $PORT -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='fenwei_test'\"" | grep -q 1 \
  || as_pg "$BIN/createdb -h 127.0.0.1 -p $PORT -U postgres fenwei_test"
echo "export FENWEI_TEST_PG=postgresql+psycopg://postgres@127.0.0.1:$PORT/fenwei_test"
