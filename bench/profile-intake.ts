/**
 * `node --import tsx bench/profile-intake.ts [--pg URL] [--seconds 8] [--out intake.cpuprofile]`:
 * a V8 CPU profile of the server while it takes HTTP intakes at concurrency 8 (the intake benchmark's
 * load), on a fresh 2 000-demand benchmark city in PGlite, or in the PostgreSQL database at --pg.
 * Prints the heaviest functions by self time and the CPU per intake; the profile opens in Chrome
 * DevTools. How the intake decisions were measured: docs/decisions/perf-intake*.md.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { NoopLogger } from 'drizzle-orm/logger';
import { BENCH_USERS } from '../src/bench/city.ts';
import { generateBenchData } from '../src/bench/generate.ts';
import { openDatabase } from '../src/core/db/connection.ts';
import { intakeRate } from './intake.ts';
import { startServer } from './lib/env.ts';
import { LoadGenerator } from './lib/load.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    pg: { type: 'string' },
    seconds: { type: 'string', default: '8' },
    out: { type: 'string', default: 'intake.cpuprofile' },
    top: { type: 'string', default: '25' },
  },
});

const database = values.pg
  ? await openDatabase({ databaseUrl: values.pg })
  : await openDatabase({
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'jiedao-profile-')),
      fsync: false,
      checkOnOpen: false,
    });
await generateBenchData({
  database,
  demands: 2_000,
  months: 3,
  seed: 1,
  actor: { id: null, label: 'bench' },
});
const server = await startServer(database);
const load = new LoadGenerator(server.port, await server.cookie(BENCH_USERS.hotline));
await intakeRate(load, 3, 8, 99); // warm-up: JIT, caches, pool

// Every drizzle statement passes its logger (BEGIN/COMMIT do not): counted by its first words.
const statements = new Map<string, number>();
let counting = false;
(NoopLogger.prototype as { logQuery: (query: string) => void }).logQuery = (query: string) => {
  if (!counting) return;
  const key = query.replace(/\s+/g, ' ').slice(0, 90);
  statements.set(key, (statements.get(key) ?? 0) + 1);
};

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
const cpuBefore = process.cpuUsage();
await session.post('Profiler.start');
counting = true;
const result = await intakeRate(load, Number(values.seconds), 8, 1);
counting = false;
const { profile } = await session.post('Profiler.stop');
const cpu = process.cpuUsage(cpuBefore);
writeFileSync(values.out, JSON.stringify(profile));

const ok = result.statuses['201'] ?? 0;
const cpuMs = (cpu.user + cpu.system) / 1000;
console.log(
  `${database.kind}: ${ok} intakes in ${result.seconds.toFixed(1)} s = ${(ok / result.seconds).toFixed(1)}/s; ` +
    `server CPU ${(cpuMs / ok).toFixed(2)} ms per intake; profile in ${values.out}`,
);

// Self time by function (file:line), heaviest first.
const self = new Map<string, number>();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas ?? [];
(profile.samples ?? []).forEach((id, i) => {
  const n = byId.get(id);
  if (!n) return;
  const f = n.callFrame;
  const where = f.url
    ? `${f.url.replace(/^.*node_modules\//, '~/').replace(/^file:\/\/.*\/(src|bench)\//, '$1/')}:${f.lineNumber + 1}`
    : '';
  const key = `${f.functionName || '(anonymous)'} ${where}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
for (const [key, us] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top)))
  console.log(`${((us / total) * 100).toFixed(1).padStart(5)} %  ${key}`);

const counted = [...statements.values()].reduce((a, b) => a + b, 0);
console.log(`\n${(counted / ok).toFixed(2)} drizzle statements per intake (BEGIN/COMMIT not counted):`);
for (const [key, n] of [...statements.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20))
  console.log(`${(n / ok).toFixed(2).padStart(6)}  ${key}`);

await load.close();
await server.close();
await database.close();
