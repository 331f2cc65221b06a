import { createHash } from 'node:crypto';
import type { AuditActor } from '../core/audit/append-audit.ts';
import { canonicalJson } from '../core/audit/hash.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import type { AppContext } from '../http/context.ts';
import { type IntakeInput, IntakeInput as IntakeSchema } from './model.ts';
import { prepareIntake } from './prepare-intake.ts';
import { findByIdempotencyKey } from './store.ts';
import { type DemandSuggestion, suggestDemand } from './suggest-demand.ts';
import type { DemandEventRow, DemandRow } from './tables.ts';
import { intakeWriterFor, writeIntake } from './write-intakes.ts';

export interface IntakeOptions {
  ctx: Pick<AppContext, 'geo' | 'classifiers' | 'calendars'>;
  db: Db;
  districtCode: string;
  input: IntakeInput;
  actor: AuditActor;
  idempotencyKey?: string | null;
  requestId?: string | null;
}

export interface IntakeResult {
  demand: DemandRow;
  suggestion: DemandSuggestion | null;
  /** True when the Idempotency-Key matched an earlier request: nothing new was created. */
  replayed: boolean;
  /**
   * For a new demand: its events and unit-link paths as the transaction stored them (all it has), so
   * the response needs no second read. Absent on a replay.
   */
  created?: { events: DemandEventRow[]; unitPaths: string[] };
}

/**
 * 受理: creates a demand from a call (or any channel) in ONE transaction — the demand, its events
 * (created, then dispatched/answered/refused), the classifier feedback and the audit row — so an
 * acknowledged demand is never half-written. The same Idempotency-Key always yields the same demand.
 * Concurrent intakes of a district share their transaction (group commit, write-intakes.ts).
 */
export async function intakeDemand(options: IntakeOptions): Promise<IntakeResult> {
  const input = IntakeSchema.parse(options.input);
  const { db, districtCode } = options;
  // Announced to the district's writer at once: concurrent intakes then commit together.
  const ticket = intakeWriterFor(db, districtCode)?.expect() ?? null;
  try {
    const key = options.idempotencyKey?.trim() || null;
    const requestHash = createHash('sha256').update(canonicalJson(input)).digest('hex');
    if (key) {
      const existing = await findByIdempotencyKey(db, districtCode, key);
      if (existing) return replay(existing, requestHash);
    }
    const suggestion = await suggestDemand(options.ctx, db, {
      districtCode,
      content: input.content,
      address: input.address,
      point: input.point,
      categoryCode: input.categoryCode,
      duplicates: false,
    });
    const prepared = await prepareIntake(options, input, suggestion, key, requestHash);
    try {
      const written = await writeIntake(db, prepared, ticket);
      return {
        demand: written.demand,
        suggestion,
        replayed: false,
        created: { events: written.events, unitPaths: prepared.plan.linkedPaths },
      };
    } catch (err) {
      // Two retries racing with the same key: the loser reads the winner's demand.
      if (key && isUniqueViolation(err)) {
        const existing = await findByIdempotencyKey(db, districtCode, key);
        if (existing) return replay(existing, requestHash);
      }
      throw err;
    }
  } finally {
    ticket?.withdraw(); // a no-op once submitted; else the writer stops waiting for this one
  }
}

function replay(existing: DemandRow, requestHash: string): IntakeResult {
  if (existing.requestHash && existing.requestHash !== requestHash) {
    throw new AppError(
      'IDEMPOTENCY_MISMATCH',
      'Idempotency-Key 已用于内容不同的请求 (key reused with a different body)',
      {
        code: existing.code,
      },
    );
  }
  return { demand: existing, suggestion: null, replayed: true };
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.code === '23505' || e.cause?.code === '23505';
}
