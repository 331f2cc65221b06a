import type { RecordPaths, RecordPathsLookup } from '../core/files/read-access.ts';
import { getGridEvents } from './events-store.ts';
import type { GridEventRow } from './tables.ts';

/**
 * Pure: the units through which a grid event's files (the reporter's photos, evidence) may be read —
 * where it happened (its grid, hence the community and street above it) and, once dispatched, the
 * unit handling it: a department sent to fix it must see what the reporter saw, whenever the photo
 * was added. No other unit.
 */
export function gridEventFilePaths(
  event: Pick<GridEventRow, 'districtCode' | 'locationPath' | 'handlerPath'>,
): RecordPaths {
  return {
    districtCode: event.districtCode,
    paths: event.handlerPath ? [event.locationPath, event.handlerPath] : [event.locationPath],
  };
}

/** The files route's lookup for `grid_event` links: each event's paths as they are now. */
export const gridEventFilePathsLookup: RecordPathsLookup = async (db, ids) => {
  const events = await getGridEvents(db, ids);
  return new Map(events.map((e) => [e.id, gridEventFilePaths(e)]));
};
