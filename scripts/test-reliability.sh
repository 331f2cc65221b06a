#!/usr/bin/env bash
# npm run test:reliability [-- --full] [-- --pglite-only]
#   The reliability suite (test/reliability: crash kills, data folder, outbox, access matrix, fuzz,
#   second factor, audit retention) plus the load test and the backup under load, on PGlite and then
#   on a PostgreSQL this script starts, ending with the summary lines:
#   kills, acknowledged, lost, duplicates, denied-as-expected, fuzz cases tried.
#   Quick by default (3 kills per backend, 300 fuzz cases per family, load 20 clients × 10 s);
#   --full = 50 kills per backend (100 in all), 3000 fuzz cases per family, every target of the
#   access matrix, load 200 clients × 60 s. JIEDAO_CRASH_KILLS / JIEDAO_FUZZ_CASES override.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
full=0
backends=(pglite postgres)
for arg in "$@"; do
  case "$arg" in
    --full) full=1 ;;
    --pglite-only) backends=(pglite) ;;
    --postgres-only) backends=(postgres) ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
load=(--quick)
if [ "$full" = 1 ]; then
  export JIEDAO_CRASH_KILLS=${JIEDAO_CRASH_KILLS:-50}
  export JIEDAO_FUZZ_CASES=${JIEDAO_FUZZ_CASES:-3000}
  export JIEDAO_RELIABILITY_FULL=1
  load=()
else
  export JIEDAO_CRASH_KILLS=${JIEDAO_CRASH_KILLS:-3}
  export JIEDAO_FUZZ_CASES=${JIEDAO_FUZZ_CASES:-300}
fi
report=.tmp/reliability-report.$$.jsonl
rm -f "$report"
export JIEDAO_RELIABILITY_REPORT="$PWD/$report"
status=0

for backend in "${backends[@]}"; do
  echo; echo "▶ reliability on $backend (kills $JIEDAO_CRASH_KILLS, fuzz $JIEDAO_FUZZ_CASES per family)"
  if [ "$backend" = pglite ]; then
    env -u DATABASE_URL npx vitest run test/reliability || status=1
    env -u DATABASE_URL node --import tsx scripts/reliability/load-test.ts "${load[@]}" || status=1
  else
    if pg_env=$(scripts/start-postgres.sh); then
      (
        eval "$pg_env"
        trap 'scripts/stop-postgres.sh' EXIT
        s=0
        npx vitest run test/reliability || s=1
        node --import tsx scripts/reliability/load-test.ts "${load[@]}" || s=1
        # PGlite → PostgreSQL and PostgreSQL → PGlite
        node --import tsx scripts/reliability/backup-under-load.ts "${load[@]}" || s=1
        exit $s
      ) || status=1
    else
      echo "could not start PostgreSQL" >&2
      status=1
    fi
  fi
done

node scripts/reliability-summary.mjs "$report" || status=1
rm -f "$report"
exit $status
