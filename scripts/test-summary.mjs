// Adds up Vitest's JSON reports of both backends into the one closing line CI reads.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
let missing = false;
const failures = [];
const flaky = [];
for (const arg of process.argv.slice(2)) {
  const [file, label] = arg.split(':');
  if (!existsSync(file)) {
    console.log(`${label}: no report (the run did not finish)`);
    missing = true;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  // A file that failed to load counts as a failure even though none of its tests ran.
  const brokenFiles = r.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
  console.log(
    `${label}: ${r.numPassedTests} passed, ${r.numFailedTests + brokenFiles} failed, ${r.numPendingTests + r.numTodoTests} skipped (${r.numTotalTestSuites} suites)`,
  );
  for (const f of r.testResults) {
    const file = f.name.replace(`${process.cwd()}/`, '');
    if (f.status === 'failed' && f.assertionResults.length === 0)
      failures.push(`${label} ${file}: ${firstLine(f.message)}`);
    for (const t of f.assertionResults.filter((a) => a.status === 'failed'))
      failures.push(`${label} ${file} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    // passed, but only on a retry (the browser tests retry once): named so a flaky test gets fixed
    for (const t of f.assertionResults.filter((a) => a.status === 'passed' && a.failureMessages?.length))
      flaky.push(`${label} ${file} › ${t.fullName}: ${firstLine(t.failureMessages[0])}`);
  }
  passed += r.numPassedTests;
  failed += r.numFailedTests + brokenFiles;
  skipped += r.numPendingTests + r.numTodoTests;
}
// CI keeps only the end of the output: name the failures right above the closing line.
for (const f of flaky) console.log(`PASSED ON RETRY ${f}`);
for (const f of failures) console.log(`FAILED ${f}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || missing || passed === 0 ? 1 : 0);

function firstLine(message) {
  return (message ?? '').split('\n').find((l) => l.trim() !== '') ?? '(no message)';
}
