import os from 'node:os';

/** The q-quantile (0..1) of a sample, nearest-rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export const round = (x: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** The 1-minute load average and the core count: printed beside every number (shared machines). */
export function machineLoad(): { load1: number; load5: number; cores: number } {
  const [load1 = 0, load5 = 0] = os.loadavg();
  return { load1: round(load1), load5: round(load5), cores: os.cpus().length };
}

/** Prints one benchmark: a JSON line (machine-readable) and a small human table. */
export function report(name: string, values: Record<string, unknown>, json: boolean): void {
  const line = { bench: name, ...values, load: machineLoad() };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  if (json) return;
  const rows = Object.entries(values).map(([k, v]) => [
    k,
    typeof v === 'object' ? JSON.stringify(v) : String(v),
  ]);
  const width = Math.max(...rows.map(([k]) => (k as string).length));
  process.stdout.write(`  ┌─ ${name} (load ${line.load.load1} on ${line.load.cores} cores)\n`);
  for (const [k, v] of rows) process.stdout.write(`  │ ${(k as string).padEnd(width)}  ${v}\n`);
  process.stdout.write('  └─\n');
}

/** Runs `fn` `n` times and returns the durations in ms. */
export async function timeIt(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}
