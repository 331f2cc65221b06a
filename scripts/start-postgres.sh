#!/usr/bin/env bash
# Starts a throw-away PostgreSQL for the test suite and prints its URL on stdout (progress on stderr).
# Uses the machine's PostgreSQL binaries, installing Debian's `postgresql` package when there are none.
# Usage: eval "$(scripts/start-postgres.sh)"  → sets DATABASE_URL and JIEDAO_PG_DIR; stop with stop-postgres.sh
set -euo pipefail

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
PGBIN=$(find_bin)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "PostgreSQL not found: installing Debian's postgresql package…" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
  PGBIN=$(find_bin)
fi

DIR=$(mktemp -d /tmp/jiedao-pg.XXXXXX)
# initdb refuses to run as root: run the server as an unprivileged system user.
RUN=()
if [ "$(id -u)" = 0 ]; then
  PGUSER_OS=postgres
  id -u "$PGUSER_OS" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PGUSER_OS"
  chown "$PGUSER_OS" "$DIR"
  RUN=(runuser -u "$PGUSER_OS" --)
fi
PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

"${RUN[@]}" "$PGBIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
  || "${RUN[@]}" "$PGBIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1
# fsync off: the suite tests semantics, not durability, and must stay fast.
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >&2

echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($DIR)" >&2
echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/postgres"
echo "export JIEDAO_PG_DIR=$DIR"
echo "export JIEDAO_PG_BIN=$PGBIN"
