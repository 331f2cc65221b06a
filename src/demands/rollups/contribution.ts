/**
 * What one demand adds to its unit's 三率 counters — the same rules as `measuredDemands` (which demands
 * count) and `computeRates` (how), split into the part that is fixed and the part that depends on the
 * clock (a response limit that has not passed yet). Pure; src/demands/rollups/contribution.test.ts
 * checks it against computeRates.
 */

export const COUNTERS = [
  'dispatched',
  'responded',
  'late',
  'callbacks',
  'resolved',
  'rated',
  'satisfied',
  'appealsExcluded',
] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counters = Record<Counter, number>;

export interface Contribution {
  period: string;
  ownerPath: string;
  counters: Counters;
  /** Response still undecided: it becomes late/missed once this instant has passed (ms). */
  failAt: number | null;
}

/** The state fields the measures read (Dates in memory, ISO strings when read back from jsonb). */
export interface MeasuredState {
  status: string;
  owner?: { path?: string | null } | null;
  signedAt?: Date | string | null;
  signDueAt?: Date | string | null;
  contactedAt?: Date | string | null;
  contactDueAt?: Date | string | null;
  callback?: { reached?: boolean; resolved?: boolean | null; satisfaction?: string | null } | null;
  appeal?: string;
}

const EXCLUDED = new Set(['refused', 'answered', 'merged']);

const ms = (v: Date | string | null | undefined): number | null =>
  v instanceof Date ? v.getTime() : v ? new Date(v).getTime() : null;

/** "YYYY-MM" of an instant in Beijing time (the period the ranking groups by). */
export function periodOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

export const zeroCounters = (): Counters => ({
  dispatched: 0,
  responded: 0,
  late: 0,
  callbacks: 0,
  resolved: 0,
  rated: 0,
  satisfied: 0,
  appealsExcluded: 0,
});

/** The demand's contribution, or null when it is not measured (no owner; refused, answered, merged). */
export function contributionOf(createdAt: Date, s: MeasuredState): Contribution | null {
  const ownerPath = s.owner?.path ?? null;
  if (!ownerPath || EXCLUDED.has(s.status)) return null;
  const c = zeroCounters();
  c.dispatched = 1;
  const signed = ms(s.signedAt);
  const signDue = ms(s.signDueAt);
  const contacted = ms(s.contactedAt);
  const contactDue = ms(s.contactDueAt);
  const signOk = signed !== null && (signDue === null || signed <= signDue);
  const contactOk = contacted !== null && (contactDue === null || contacted <= contactDue);
  let failAt: number | null = null;
  if (signOk && contactOk) c.responded = 1;
  else if ((signed !== null && !signOk) || (contacted !== null && !contactOk)) c.late = 1;
  else {
    // Undecided: late once the earliest limit still open has passed (none: never counted).
    const open = [signed === null ? signDue : null, contacted === null ? contactDue : null].filter(
      (x): x is number => x !== null,
    );
    failAt = open.length ? Math.min(...open) : null;
  }
  const cb = s.callback;
  if (cb?.reached) {
    if ((s.appeal ?? 'none') === 'approved') c.appealsExcluded = 1;
    else {
      if (cb.resolved !== null) {
        c.callbacks = 1;
        if (cb.resolved) c.resolved = 1;
      }
      if (cb.satisfaction) {
        c.rated = 1;
        if (cb.satisfaction === 'satisfied' || cb.satisfaction === 'basically_satisfied') c.satisfied = 1;
      }
    }
  }
  return { period: periodOf(createdAt), ownerPath, counters: c, failAt };
}
