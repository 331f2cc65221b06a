import { authorize, type Principal } from '../auth/authorize.ts';
import type { Db } from '../db/connection.ts';
import { filePolicy } from './policy.ts';
import { linksOf } from './store.ts';
import type { FileLinkRow, FileRow } from './tables.ts';

/** A record's district and the org paths through which its files may be seen, as they are now. */
export interface RecordPaths {
  districtCode: string;
  paths: readonly string[];
}

/**
 * Resolves records of one type (`grid_event` …) by id to their current paths; a record that is gone
 * is left out. Supplied by the capability that owns the records (wired in the HTTP server), so this
 * module never reads another capability's tables.
 */
export type RecordPathsLookup = (db: Db, ids: readonly string[]) => Promise<Map<string, RecordPaths>>;
export type RecordPathsLookups = Readonly<Record<string, RecordPathsLookup>>;

type LinkRef = Pick<FileLinkRow, 'targetType' | 'targetId' | 'paths'>;

const keyOf = (targetType: string, targetId: string) => `${targetType}:${targetId}`;

/**
 * Pure: every org path through which a file may be read — its uploader's unit, the paths each record
 * carried when the file was attached, and each record's current paths (a grid event dispatched since
 * to a department: the handler must see the reporter's photos). A record resolved to another
 * district than the file's never widens access.
 */
export function fileReadPaths(
  file: Pick<FileRow, 'uploaderPath' | 'districtCode'>,
  links: readonly LinkRef[],
  current: ReadonlyMap<string, RecordPaths>,
): string[] {
  const paths = [file.uploaderPath];
  for (const link of links) {
    paths.push(...link.paths);
    const now = current.get(keyOf(link.targetType, link.targetId));
    if (now && now.districtCode === file.districtCode) paths.push(...now.paths);
  }
  return [...new Set(paths)];
}

/** Looks up the current paths of the records a file is on, for the types that have a lookup. */
async function currentPaths(
  db: Db,
  links: readonly LinkRef[],
  lookups: RecordPathsLookups,
): Promise<Map<string, RecordPaths>> {
  const idsByType = new Map<string, string[]>();
  for (const l of links) {
    if (!Object.hasOwn(lookups, l.targetType)) continue;
    idsByType.set(l.targetType, [...(idsByType.get(l.targetType) ?? []), l.targetId]);
  }
  const found = new Map<string, RecordPaths>();
  for (const [type, ids] of idsByType) {
    const lookup = lookups[type] as RecordPathsLookup;
    for (const [id, paths] of await lookup(db, ids)) found.set(keyOf(type, id), paths);
  }
  return found;
}

/** Every org path through which a file may be seen (see fileReadPaths). */
export async function readablePaths(
  db: Db,
  file: FileRow,
  lookups: RecordPathsLookups = {},
): Promise<string[]> {
  const links = await linksOf(db, file.id);
  return fileReadPaths(file, links, await currentPaths(db, links, lookups));
}

/** Throws 403 unless the caller may read the file (its uploader, or in scope of a record it is on). */
export async function assertCanReadFile(
  db: Db,
  principal: Principal,
  file: FileRow,
  lookups: RecordPathsLookups = {},
): Promise<void> {
  if (file.uploadedById === principal.userId && file.districtCode === principal.districtCode) {
    // still a checked decision (the role; the district is compared above), in the trace like any other
    authorize(principal, filePolicy.readOwnUpload);
    return;
  }
  authorize(principal, filePolicy.read, {
    districtCode: file.districtCode,
    paths: await readablePaths(db, file, lookups),
  });
}
