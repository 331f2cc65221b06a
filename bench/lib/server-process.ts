/**
 * The API server on a PGlite folder in a process of its own (bench/memory.ts measures ITS memory, not
 * the benchmark's). Reports its port, then answers "rss" with process.memoryUsage().
 */
import { openDatabase } from '../../src/core/db/connection.ts';
import { startServer } from './env.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: server-process.ts DATA_DIR');
const database = await openDatabase({ dataDir: dir, fsync: false, checkOnOpen: false, migrate: false });
const server = await startServer(database);
process.on('message', async (m: string) => {
  if (m === 'rss') {
    // After a full collection: what stays is what the server holds, not garbage awaiting the next GC.
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ memory: process.memoryUsage() });
  }
  if (m === 'stop') {
    await server.close();
    await database.close();
    process.exit(0);
  }
});
process.send?.({ port: server.port });
