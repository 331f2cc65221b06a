/**
 * The patrol log (网格工作纪实) as evidence: how many grid-months have at least one entry, and how many
 * community-months the party secretary signed. Read through the grid-work store, month by month.
 */
import { getSheet, listSheetEntries } from '../../grid-work/patrol-store.ts';
import { listUnits } from '../../jurisdiction/store.ts';
import type { LeafValues, RecordRef, SourceContext, SourceLoader, Subject } from './types.ts';
import { ratio } from './types.ts';

interface PatrolFigures {
  coverage: { numerator: number; denominator: number; records: RecordRef[] };
  signed: { numerator: number; denominator: number; records: RecordRef[] };
}

async function figuresOf(ctx: SourceContext, subject: Subject): Promise<PatrolFigures> {
  const within = { districtCode: ctx.districtCode, withinPath: subject.path, limit: 100_000 };
  const [communities, grids] = await Promise.all([
    listUnits(ctx.db, { ...within, level: 'community' }),
    listUnits(ctx.db, { ...within, level: 'grid' }),
  ]);
  const f: PatrolFigures = {
    coverage: { numerator: 0, denominator: 0, records: [] },
    signed: { numerator: 0, denominator: 0, records: [] },
  };
  for (const community of communities) {
    const own = grids.filter((g) => g.path.startsWith(community.path));
    for (const month of ctx.period.months) {
      const [entries, sheet] = await Promise.all([
        listSheetEntries(ctx.db, community.id, month),
        getSheet(ctx.db, community.id, month),
      ]);
      for (const grid of own) {
        const mine = entries.filter((e) => e.gridId === grid.id);
        f.coverage.denominator++;
        if (mine.length > 0) f.coverage.numerator++;
        else
          f.coverage.records.push({
            type: 'grid',
            id: grid.id,
            code: grid.code,
            outcome: 'denominator',
            note: `${month} 无纪实`,
          });
        for (const e of mine) {
          f.coverage.records.push({
            type: 'patrol_entry',
            id: e.id,
            code: `${e.gridCode} ${e.date}`,
            outcome: 'numerator',
            note: `${e.workerName}｜${e.hours} 小时｜走访 ${e.householdsVisited} 户`,
          });
        }
      }
      f.signed.denominator++;
      if (sheet) {
        f.signed.numerator++;
        f.signed.records.push({
          type: 'patrol_sheet',
          id: sheet.id,
          code: `${community.code} ${month}`,
          outcome: 'numerator',
          note: `${sheet.signedByName} 签署`,
        });
      } else {
        f.signed.records.push({
          type: 'community',
          id: community.id,
          code: community.code,
          outcome: 'denominator',
          note: `${month} 未签署`,
        });
      }
    }
  }
  return f;
}

/** Patrol-log coverage and signature rates of every street or community subject. */
export const loadPatrolValues: SourceLoader = async (ctx, leaves) => {
  const out: LeafValues = new Map(leaves.map((l) => [l.key, new Map()]));
  for (const subject of ctx.subjects) {
    const f = await figuresOf(ctx, subject);
    for (const leaf of leaves) {
      const part = leaf.source === 'patrol.signed_rate' ? f.signed : f.coverage;
      out.get(leaf.key)?.set(subject.code, {
        value: ratio(part.numerator, part.denominator),
        numerator: part.numerator,
        denominator: part.denominator,
        records: part.records,
      });
    }
  }
  return out;
};
