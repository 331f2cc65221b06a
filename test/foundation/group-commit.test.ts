import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/core/db/group-commit.ts';

/** A writer that records each batch and takes a few event-loop turns, like a transaction. */
function recordingWriter(fail: (item: string) => boolean = () => false) {
  const batches: string[][] = [];
  const write = async (items: string[]) => {
    batches.push([...items]);
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    const bad = items.find(fail);
    if (bad) throw new Error(`bad item ${bad}`);
    return items.map((i) => i.toUpperCase());
  };
  return { batches, write };
}

describe('group commit', () => {
  it('writes a lone item at once, and what arrives meanwhile in ONE next batch', async () => {
    const w = recordingWriter();
    const queue = new GroupCommit(w.write);
    const first = queue.submit('a');
    expect(w.batches).toEqual([['a']]);
    const rest = ['b', 'c', 'd'].map((x) => queue.submit(x));
    expect(queue.queued).toBe(3);
    expect(await Promise.all([first, ...rest])).toEqual(['A', 'B', 'C', 'D']);
    expect(w.batches).toEqual([['a'], ['b', 'c', 'd']]);
    expect(queue.stats).toMatchObject({ batches: 2, items: 4, largest: 3, split: 0 });
    // idle again: the next item does not wait for anything
    const later = queue.submit('e');
    expect(w.batches.at(-1)).toEqual(['e']);
    expect(await later).toBe('E');
  });

  it('splits a failed batch: the bad item gets its own error, the others commit', async () => {
    const w = recordingWriter((i) => i === 'x');
    const queue = new GroupCommit(w.write);
    const results = await Promise.allSettled(['a', 'b', 'x', 'c'].map((i) => queue.submit(i)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'A',
      'B',
      'bad item x',
      'C',
    ]);
    // the batch that failed was written again item by item
    expect(w.batches).toEqual([['a'], ['b', 'x', 'c'], ['b'], ['x'], ['c']]);
    expect(queue.stats).toMatchObject({ split: 1 });
  });

  it('keeps batches within the limit', async () => {
    const w = recordingWriter();
    const queue = new GroupCommit(w.write, { maxBatch: 2 });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((i) => queue.submit(i)));
    expect(w.batches).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });

  it('waits for items announced before it writes, not for later ones, and not past its limit', async () => {
    const w = recordingWriter();
    const queue = new GroupCommit(w.write, { maxWaitMs: 1_000 });
    const ta = queue.expect();
    const tb = queue.expect();
    const tc = queue.expect();
    const a = queue.submit('a', ta);
    expect(w.batches).toEqual([]); // b and c were announced before: they are awaited
    await new Promise((r) => setTimeout(r, 5));
    const b = queue.submit('b', tb);
    tc.withdraw(); // c failed before it could submit: nothing to wait for any more
    expect(await Promise.all([a, b])).toEqual(['A', 'B']);
    expect(w.batches).toEqual([['a', 'b']]);

    const slow = new GroupCommit(recordingWriter().write, { maxWaitMs: 20 });
    slow.expect(); // announced, never comes
    const started = Date.now();
    expect(await slow.submit('x', slow.expect())).toBe('X');
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('never puts two items with the same conflict key in one batch', async () => {
    const w = recordingWriter();
    const queue = new GroupCommit(w.write, { conflictKey: (i) => (i.startsWith('k') ? 'k' : null) });
    await Promise.all(['a', 'k1', 'b', 'k2', 'k3', 'c'].map((i) => queue.submit(i)));
    expect(w.batches).toEqual([['a'], ['k1', 'b', 'c'], ['k2'], ['k3']]);
  });

  it('fails a lone item that the writer returns no result for', async () => {
    const queue = new GroupCommit(async () => [] as string[]);
    await expect(queue.submit('a')).rejects.toThrow('one result per item');
  });
});
