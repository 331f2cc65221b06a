#!/usr/bin/env bash
# Stops the PostgreSQL started by start-postgres.sh and removes its folder.
set -uo pipefail
[ -n "${JIEDAO_PG_DIR:-}" ] || exit 0
RUN=()
[ "$(id -u)" = 0 ] && RUN=(runuser -u postgres --)
"${RUN[@]}" "$JIEDAO_PG_BIN/pg_ctl" -D "$JIEDAO_PG_DIR/data" -m immediate stop >/dev/null 2>&1
rm -rf "$JIEDAO_PG_DIR"
