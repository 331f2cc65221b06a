/**
 * 在职党员报到 figures of units (report-in and service rates). The participation capability owns them
 * and was still being built when this was written, so its store function is reached through one
 * replaceable provider: if its shape changes, only `participationProvider` changes.
 */
import type { Db } from '../../core/db/connection.ts';
import { listUnitReportInRates } from '../../participation/party-members/report-in-rates.ts';
import type { AssessmentPeriod } from '../periods.ts';
import type { LeafValues, SourceLoader } from './types.ts';
import { ratio } from './types.ts';

/** One registered unit's figures for a period. */
export interface ReportInFigure {
  unitId: string;
  unitCode: string;
  unitName: string;
  /** 申报的在职党员数 */
  declared: number;
  /** 到社区报到的在职党员 */
  registered: number;
  /** 期内有经确认服务记录的报到党员 */
  serving: number;
}

export type ReportInProvider = (
  db: Db,
  f: { districtCode: string; period: AssessmentPeriod },
) => Promise<ReportInFigure[]>;

/** The participation capability's `listUnitReportInRates`. */
export const participationProvider: ReportInProvider = async (db, f) =>
  (await listUnitReportInRates(db, { districtCode: f.districtCode, period: f.period })).map((r) => ({
    unitId: r.unit.id,
    unitCode: r.unit.code,
    unitName: r.unit.name,
    declared: r.declared,
    registered: r.registered,
    serving: r.serving,
  }));

let provider: ReportInProvider = participationProvider;

/** Replaces where report-in figures come from (tests, or a participation module with a new API). */
export function setReportInProvider(next: ReportInProvider): () => void {
  const previous = provider;
  provider = next;
  return () => {
    provider = previous;
  };
}

/** Report-in and service rates of every subject registered with a street. */
export const loadPartyValues: SourceLoader = async (ctx, leaves) => {
  const figures = await provider(ctx.db, { districtCode: ctx.districtCode, period: ctx.period });
  const out: LeafValues = new Map(leaves.map((l) => [l.key, new Map()]));
  for (const subject of ctx.subjects) {
    const f = figures.find((x) => x.unitCode === subject.code);
    for (const leaf of leaves) {
      if (!f) {
        out.get(leaf.key)?.set(subject.code, { value: null, records: [] });
        continue;
      }
      const service = leaf.source === 'party.service_rate';
      const [numerator, denominator] = service ? [f.serving, f.registered] : [f.registered, f.declared];
      const r = ratio(numerator, denominator);
      out.get(leaf.key)?.set(subject.code, {
        // More registered than declared means an old declaration: it scores as complete, not above.
        value: r === null ? null : Math.min(1, r),
        numerator,
        denominator,
        records: [
          {
            type: 'party_unit',
            id: f.unitId,
            code: f.unitCode,
            outcome: 'counted',
            note: `申报在职党员 ${f.declared} 人，报到 ${f.registered} 人，期内服务 ${f.serving} 人`,
          },
        ],
      });
    }
  }
  return out;
};
