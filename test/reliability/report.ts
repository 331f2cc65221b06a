import { appendFileSync } from 'node:fs';

/** One measured outcome of a reliability test, summed up by scripts/reliability-summary.mjs. */
export interface ReliabilityEntry {
  kind: 'crash' | 'outbox' | 'access' | 'fuzz' | 'data-folder' | 'load' | 'backup';
  backend: 'pglite' | 'postgres';
  [measure: string]: unknown;
}

export const backendName = (): ReliabilityEntry['backend'] =>
  process.env.DATABASE_URL ? 'postgres' : 'pglite';

/**
 * Prints the entry and, when JIEDAO_RELIABILITY_REPORT names a file (npm run test:reliability and
 * scripts/test.sh set it), appends it there as one JSON line.
 */
export function recordReliability(entry: ReliabilityEntry): void {
  console.log(`reliability ${JSON.stringify(entry)}`);
  const file = process.env.JIEDAO_RELIABILITY_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify({ ...entry, at: new Date().toISOString() })}\n`);
}
