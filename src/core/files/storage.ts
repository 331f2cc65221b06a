import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';

/** The folder uploads live in: `filesDir` when configured, else `<dataDir>/files` (both backends). */
export function filesRoot(config: Pick<Config, 'dataDir' | 'filesDir'>): string {
  return path.resolve(config.filesDir ?? path.join(config.dataDir, 'files'));
}

/** SHA-256 of the bytes, hex: the blob's name. */
export const sha256Hex = (buf: Uint8Array): string => createHash('sha256').update(buf).digest('hex');

/** Where a blob lives: two levels of fan-out keep any one directory small. */
export function blobPath(root: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError('invalid sha256');
  return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/**
 * Stores the bytes under their hash unless already there. Written to a temporary name and renamed,
 * so a reader (or a crash) never sees half a file; two uploads of the same bytes race harmlessly.
 */
export async function putBlob(root: string, buf: Uint8Array): Promise<string> {
  const sha = sha256Hex(buf);
  const target = blobPath(root, sha);
  if (existsSync(target)) return sha;
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, buf, { flag: 'wx' });
    await rename(tmp, target);
  } finally {
    await rm(tmp, { force: true });
  }
  return sha;
}

/** A read stream of a stored blob, or null when the blob is missing from the folder. */
export function openBlob(root: string, sha256: string): ReadStream | null {
  const file = blobPath(root, sha256);
  return existsSync(file) ? createReadStream(file) : null;
}
