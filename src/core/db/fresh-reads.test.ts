import { describe, expect, it } from 'vitest';
import { FreshReads } from './fresh-reads.ts';

/** A load whose answer is the "database state" at the moment it started, released by hand. */
function controlledLoads() {
  let state = 0;
  const started: { snapshot: number; release: () => void; fail: (e: Error) => void }[] = [];
  const load = () =>
    new Promise<number>((resolve, reject) => {
      const snapshot = state;
      started.push({ snapshot, release: () => resolve(snapshot), fail: reject });
    });
  return { load, started, commit: () => state++ };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('FreshReads', () => {
  it('a lone caller starts a read at once, and nothing is left behind', async () => {
    const reads = new FreshReads<number>();
    const c = controlledLoads();
    const one = reads.read('d', c.load);
    expect(c.started).toHaveLength(1);
    c.started[0]?.release();
    expect(await one).toBe(0);
    c.commit();
    const two = reads.read('d', c.load); // no read running: starts at once, sees the commit
    expect(c.started).toHaveLength(2);
    c.started[1]?.release();
    expect(await two).toBe(1);
  });

  it('a caller arriving during a running read gets a later read that sees the newer commit', async () => {
    const reads = new FreshReads<number>();
    const c = controlledLoads();
    const first = reads.read('d', c.load);
    c.commit(); // committed after the first read took its snapshot, before the next callers ask
    const second = reads.read('d', c.load);
    const third = reads.read('d', c.load);
    expect(c.started).toHaveLength(1); // the next read waits for the running one
    c.started[0]?.release();
    expect(await first).toBe(0);
    await tick();
    expect(c.started).toHaveLength(2); // ONE next read for both late callers
    c.started[1]?.release();
    expect(await Promise.all([second, third])).toEqual([1, 1]);
  });

  it('keys are independent, and a failure reaches only the callers of that read', async () => {
    const reads = new FreshReads<number>();
    const c = controlledLoads();
    const a = reads.read('a', c.load);
    const b = reads.read('b', c.load);
    expect(c.started).toHaveLength(2);
    const late = reads.read('a', c.load);
    c.started[0]?.fail(new Error('boom'));
    await expect(a).rejects.toThrow('boom');
    await tick();
    c.started[2]?.release();
    c.started[1]?.release();
    expect(await late).toBe(0);
    expect(await b).toBe(0);
    // nothing left behind: a new caller starts a new read at once
    const again = reads.read('a', c.load);
    expect(c.started).toHaveLength(4);
    c.started[3]?.release();
    expect(await again).toBe(0);
  });
});
