// Adds up Vitest's JSON reports of both backends into the one closing line CI reads.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
let missing = false;
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
  passed += r.numPassedTests;
  failed += r.numFailedTests + brokenFiles;
  skipped += r.numPendingTests + r.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || missing || passed === 0 ? 1 : 0);
