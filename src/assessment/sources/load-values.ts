import type { Indicator } from '../model.ts';
import { type SourceFamily, sourceInfo } from './catalog.ts';
import { loadDemandValues } from './demands.ts';
import { loadEnteredValues } from './entered.ts';
import { loadGridEventValues } from './grid-events.ts';
import { loadPartyValues } from './party.ts';
import { loadPatrolValues } from './patrol.ts';
import { loadTaskValues } from './tasks.ts';
import type { LeafValues, SourceContext, SourceLoader } from './types.ts';
import { loadWhistleValues } from './whistles.ts';

const LOADERS: Record<SourceFamily, SourceLoader> = {
  demands: loadDemandValues,
  whistles: loadWhistleValues,
  grid_events: loadGridEventValues,
  patrol: loadPatrolValues,
  tasks: loadTaskValues,
  party: loadPartyValues,
  entered: loadEnteredValues,
};

/** Every indicator's values for every subject, each source family loaded once. */
export async function loadValues(ctx: SourceContext, leaves: readonly Indicator[]): Promise<LeafValues> {
  const byFamily = new Map<SourceFamily, Indicator[]>();
  for (const leaf of leaves) {
    const family = sourceInfo(leaf.source).family;
    byFamily.set(family, [...(byFamily.get(family) ?? []), leaf]);
  }
  const out: LeafValues = new Map();
  // One family after another: PGlite serves one query at a time anyway, and it keeps the load gentle.
  for (const [family, list] of byFamily) {
    for (const [key, values] of await LOADERS[family](ctx, list)) out.set(key, values);
  }
  return out;
}
