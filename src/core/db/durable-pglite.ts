import { closeSync, fsyncSync, openSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * Making the embedded PGlite as durable as it can be under Node (docs/decisions/0007-pglite-durability.md).
 *
 * What PGlite 0.5 does out of the box: PostgreSQL runs with `-F` (fsync off) and its Node file system
 * is Emscripten's NODEFS, which writes every page with `fs.writeSync` (so a committed transaction is
 * in the OS page cache and survives a killed process) but has no `fsync` stream operation, and
 * Emscripten's `fdatasync` syscall is a no-op. So nothing ever reaches the disk platter on commit.
 *
 * What this module does: it starts PostgreSQL with fsync on and `wal_sync_method=fsync` (the one
 * method that goes through Emscripten's `fd_sync`, which calls the stream's `fsync` operation), and
 * gives NODEFS that operation: `fs.fsyncSync` on the real file descriptor. strace shows one real
 * fsync(2) per commit (plus the checkpoint's data-file syncs). Files PGlite writes itself outside
 * PostgreSQL (the initdb tarball of a new folder) are synced once with {@link fsyncTree}.
 */

let fsyncCalls = 0;

/** How many fsyncs the embedded database has issued in this process (tests prove commits sync). */
export const pgliteFsyncCount = (): number => fsyncCalls;

interface StreamWithFd {
  nfd?: number;
}

/** NODEFS with a real fsync: PostgreSQL's WAL flush at commit becomes fsync(2) on the WAL segment. */
class SyncingNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]) {
    const result = await super.init(pg, opts);
    const preRun = result.emscriptenOpts.preRun ?? [];
    result.emscriptenOpts.preRun = [
      ...preRun,
      (mod) => {
        const nodefs = mod.NODEFS as unknown as { stream_ops: Record<string, unknown> };
        nodefs.stream_ops.fsync = (stream: StreamWithFd) => {
          if (typeof stream.nfd === 'number') {
            fsyncSync(stream.nfd);
            fsyncCalls++;
          }
          return 0;
        };
      },
    ];
    return result;
  }
}

/** PGlite's own start parameters with fsync switched back on and routed through fd_sync. */
export function durableStartParams(): string[] {
  return [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync'];
}

/** The PGlite options for a data folder: durable (fsync per commit) unless `fsync` is false. */
export function pgliteFolderOptions(dir: string, fsync: boolean): PGliteOptions {
  return fsync ? { fs: new SyncingNodeFS(dir), startParams: durableStartParams() } : { dataDir: dir };
}

/** fsync every file and folder under `dir` (once, after PGlite laid down a new cluster by itself). */
export function fsyncTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) fsyncTree(full);
    else if (entry.isFile()) syncPath(full);
  }
  syncPath(dir);
}

function syncPath(p: string): void {
  const fd = openSync(p, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Lets the event loop breathe between database operations. PGlite runs every statement synchronously
 * on the main thread and hands its lock to the next waiter in a microtask, so under a steady stream of
 * requests the queue of statements never returns to the event loop: sockets that connected meanwhile
 * are not read until the load stops (the load test saw 200-client bursts starve for the whole run,
 * on PGlite only). Each top-level query or transaction now starts after one `setImmediate`, inside
 * PGlite's own lock (so the order stays first come, first served).
 */
export function yieldBetweenOperations(client: PGlite): void {
  const run = client._runExclusiveTransaction.bind(client);
  client._runExclusiveTransaction = <T>(fn: () => Promise<T>): Promise<T> =>
    run(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      return fn();
    });
}
