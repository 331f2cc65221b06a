// Sums up what the reliability tests measured (one JSON line each, written when
// JIEDAO_RELIABILITY_REPORT names the file) into the lines `npm run test:reliability` and CI print:
//   kills, acknowledged, lost, duplicates, denied-as-expected, fuzz cases tried.
// Exit status 1 when a demand was lost, half-written or duplicated, an outbox message was lost or
// applied twice, an access was wrongly allowed, or a fuzz case broke something.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.tmp/reliability-report.jsonl';
if (!existsSync(file)) {
  console.log(`reliability: no report at ${file} (the reliability tests did not run)`);
  process.exit(1);
}
const entries = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));

const sum = (kind, field, backend) =>
  entries
    .filter((e) => e.kind === kind && (!backend || e.backend === backend))
    .reduce((n, e) => n + (Number(e[field]) || 0), 0);
const backends = [...new Set(entries.map((e) => e.backend))].sort();

const line = (label, backend) => {
  const parts = {
    kills: sum('crash', 'kills', backend),
    acknowledged: sum('crash', 'acknowledged', backend),
    lost: sum('crash', 'lost', backend),
    halfWritten: sum('crash', 'halfWritten', backend),
    duplicates: sum('crash', 'duplicates', backend),
    'outbox-delivered': sum('outbox', 'delivered', backend),
    'outbox-lost': sum('outbox', 'lost', backend),
    'outbox-applied-twice': sum('outbox', 'appliedTwice', backend),
    'denied-as-expected': sum('access', 'deniedAsExpected', backend),
    'wrongly-allowed': sum('access', 'wronglyAllowed', backend),
    'fuzz cases tried': sum('fuzz', 'cases', backend),
    'fuzz failures': sum('fuzz', 'failures', backend),
    'load requests': sum('load', 'requests', backend),
    'load errors': sum('load', 'errors', backend),
    'backups restored identically': entries.filter(
      (e) => e.kind === 'backup' && e.identical && (!backend || e.backend === backend),
    ).length,
    'damaged folders refused': entries.filter(
      (e) => e.kind === 'data-folder' && e.refused && (!backend || e.backend === backend),
    ).length,
  };
  console.log(
    `${label}: ${Object.entries(parts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  return parts;
};

console.log('');
for (const b of backends) line(`reliability (${b})`, b);
const total = line('reliability (total)');
const auditBroken = entries.filter((e) => e.kind === 'crash' && e.auditChainOk === false).length;
const bad =
  total.lost +
  total.halfWritten +
  total.duplicates +
  total['outbox-lost'] +
  total['outbox-applied-twice'] +
  total['wrongly-allowed'] +
  total['fuzz failures'] +
  total['load errors'] +
  entries.filter((e) => e.kind === 'backup' && !e.identical).length +
  auditBroken;
process.exit(bad > 0 ? 1 : 0);
