#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it: lint, typecheck, every test on the embedded PGlite, the
# browser tests in Chromium (installed if missing), then every test again on a real PostgreSQL that
# this script starts (and installs if missing).
# Ends with one summary line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
status=0
step() { echo; echo "▶ $*"; }

step "biome (lint + format)"
npx biome check . || status=1
step "tsc --noEmit"
npx tsc --noEmit -p . || status=1
npx tsc --noEmit -p web || status=1

step "tests on PGlite"
rm -f .tmp/vitest-pglite.json .tmp/vitest-postgres.json .tmp/vitest-e2e.json .tmp/vitest-tz-*.json .tmp/reliability-report.jsonl
# the reliability tests (test/reliability) write their numbers here; summed up at the end
export JIEDAO_RELIABILITY_REPORT="$PWD/.tmp/reliability-report.jsonl"
env -u DATABASE_URL npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-pglite.json || status=1

step "time zones: pure rules and the deadline tests under Asia/Shanghai and America/New_York"
# (the runs above and below use the machine's zone; calendar dates must never come from a raw Date)
for tz in Asia/Shanghai America/New_York; do
  TZ=$tz env -u DATABASE_URL npx vitest run src test/demands/deadlines-sweeper.test.ts test/demands/lifecycle.test.ts \
    test/reliability/provisional-deadlines.test.ts test/grid-work/patrol.test.ts test/tasks/reminders.test.ts \
    --reporter=dot --reporter=json --outputFile.json=".tmp/vitest-tz-${tz//\//-}.json" || status=1
done

step "end-to-end tests (Chromium)"
# the built web app on a temp PGlite server, driven by playwright-core in Debian's Chromium
if scripts/ensure-chromium.sh && npm run build; then
  env -u DATABASE_URL npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json \
    --outputFile.json=.tmp/vitest-e2e.json || status=1
else
  echo "could not install Chromium or build the web app" >&2
  status=1
fi

step "load (quick: 20 clients × 10 s) on PGlite"
env -u DATABASE_URL node --import tsx scripts/reliability/load-test.ts --quick || status=1

step "tests on PostgreSQL"
if pg_env=$(scripts/start-postgres.sh); then
  eval "$pg_env"
  trap 'scripts/stop-postgres.sh' EXIT
  npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-postgres.json || status=1
  step "backup under load (quick), PGlite → PostgreSQL and PostgreSQL → PGlite"
  node --import tsx scripts/reliability/backup-under-load.ts --quick || status=1
else
  echo "could not start PostgreSQL" >&2
  status=1
fi

node scripts/reliability-summary.mjs .tmp/reliability-report.jsonl || status=1
node scripts/test-summary.mjs .tmp/vitest-pglite.json:PGlite .tmp/vitest-e2e.json:Chromium .tmp/vitest-postgres.json:PostgreSQL \
  .tmp/vitest-tz-Asia-Shanghai.json:TZ=Asia/Shanghai .tmp/vitest-tz-America-New_York.json:TZ=America/New_York || status=1
exit $status
