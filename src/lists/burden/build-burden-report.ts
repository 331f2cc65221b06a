import type { Db } from '../../core/db/connection.ts';
import { listUnits } from '../../jurisdiction/store.ts';
import { countActiveFormsByCommunity, countRequestsByTarget, listMeetings } from './store.ts';

/** One community's burden: what was asked of it and what it was spared. */
export interface BurdenRow {
  code: string;
  name: string;
  streetName: string | null;
  requestsReceived: number;
  requestsAccepted: number;
  requestsRefused: number;
  formsActive: number;
  meetings: number;
  /** Staff-attendances the registered meetings asked for (meetings × attendees). */
  meetingAttendances: number;
}

export interface BurdenReport {
  districtCode: string;
  /** Civil dates, `to` exclusive. */
  from: string;
  to: string;
  generatedAt: string;
  rows: BurdenRow[];
  totals: Omit<BurdenRow, 'code' | 'name' | 'streetName'>;
}

/**
 * Requests received / accepted / refused, active forms and registered meetings per community inside
 * `withinPath`, for requests filed and meetings held in [from, to) (Beijing dates).
 */
export async function buildBurdenReport(options: {
  db: Db;
  districtCode: string;
  withinPath: string;
  from: string;
  to: string;
}): Promise<BurdenReport> {
  const { db, districtCode, withinPath, from, to } = options;
  const root = `/${withinPath.split('/').filter(Boolean)[0] ?? ''}/`;
  const [communities, streets, requests, forms, meetings] = await Promise.all([
    listUnits(db, { districtCode, withinPath, tree: 'division', level: 'community', limit: 100_000 }),
    listUnits(db, { districtCode, withinPath: root, tree: 'division', level: 'street', limit: 10_000 }),
    countRequestsByTarget(db, {
      districtCode,
      withinPath,
      from: new Date(`${from}T00:00:00+08:00`),
      to: new Date(`${to}T00:00:00+08:00`),
    }),
    countActiveFormsByCommunity(db, { districtCode, withinPath }),
    listMeetings(db, { districtCode, from, to }),
  ]);
  const meetingCount = new Map<string, { meetings: number; attendances: number }>();
  for (const m of meetings) {
    for (const code of m.communityCodes) {
      const e = meetingCount.get(code) ?? { meetings: 0, attendances: 0 };
      e.meetings += 1;
      e.attendances += m.attendeesPerCommunity;
      meetingCount.set(code, e);
    }
  }
  const streetName = new Map(streets.map((s) => [s.path, s.name]));
  const rows: BurdenRow[] = communities.map((c) => {
    const r = requests.get(c.code) ?? { accepted: 0, refused: 0 };
    const m = meetingCount.get(c.code) ?? { meetings: 0, attendances: 0 };
    return {
      code: c.code,
      name: c.name,
      streetName: streetName.get(c.path.replace(/[^/]+\/$/, '')) ?? null,
      requestsReceived: r.accepted + r.refused,
      requestsAccepted: r.accepted,
      requestsRefused: r.refused,
      formsActive: forms.get(c.code) ?? 0,
      meetings: m.meetings,
      meetingAttendances: m.attendances,
    };
  });
  const total = (k: keyof BurdenReport['totals']) => rows.reduce((a, r) => a + r[k], 0);
  return {
    districtCode,
    from,
    to,
    generatedAt: new Date().toISOString(),
    rows,
    totals: {
      requestsReceived: total('requestsReceived'),
      requestsAccepted: total('requestsAccepted'),
      requestsRefused: total('requestsRefused'),
      formsActive: total('formsActive'),
      meetings: total('meetings'),
      meetingAttendances: total('meetingAttendances'),
    },
  };
}
