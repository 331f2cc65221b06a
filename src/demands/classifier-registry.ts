import { and, asc, eq, gt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../core/db/connection.ts';
import { type Classifier, createClassifier } from './classify/classifier.ts';
import { defaultTaxonomy, type LeafCategory, leafCategories } from './classify/taxonomy.ts';
import { classificationFeedback } from './tables.ts';

/**
 * One classifier per district, in memory: cold-started from the taxonomy's keywords, then trained on
 * every operator confirmation/override stored in `classification_feedback`. New feedback (from any
 * process) is picked up incrementally before each suggestion, so all servers converge.
 */
/**
 * How far back each refresh looks again: a feedback row is stamped when its transaction started, so a
 * row can become visible after rows stamped later than it (a longer transaction committing last).
 * Rows inside the window are learned once, told apart by id.
 */
const LATE_COMMIT_WINDOW_MS = 10_000;

interface DistrictModel {
  classifier: Classifier;
  /** The newest feedback time learned (ms). */
  newest: number;
  /** Ids learned within the window before `newest` (older ones are pruned). */
  learned: Map<string, number>;
  /** The feedback stamp at the last refresh, and when that refresh ran (ms). */
  stamp?: string | null;
  refreshedAt: number;
}

export class ClassifierRegistry {
  private readonly models = new Map<string, DistrictModel>();
  readonly taxonomy = defaultTaxonomy();
  private readonly leaves = new Map<string, LeafCategory>(
    leafCategories(this.taxonomy).map((c) => [c.code, c]),
  );

  category(code: string | null | undefined): LeafCategory | undefined {
    return code ? this.leaves.get(code) : undefined;
  }

  /** The newest feedback time of a district as SQL (an index read): read with the other district stamps. */
  static feedbackStampSql(districtCode: string): SQL<string | null> {
    return sql<
      string | null
    >`(SELECT max(created_at)::text FROM ${classificationFeedback} WHERE district_code = ${districtCode})`;
  }

  /**
   * The district's classifier with all feedback learned. `knownStamp` (feedbackStampSql, read by the
   * caller in this request) spares the refresh query when nothing newer exists; a refresh still runs
   * at least every half window, for rows that commit late under an older stamp.
   */
  async get(db: Db, districtCode: string, knownStamp?: string | null): Promise<Classifier> {
    let entry = this.models.get(districtCode);
    if (!entry) {
      const classifier = createClassifier();
      classifier.seedFromKeywords(this.taxonomy);
      entry = { classifier, newest: Number.NEGATIVE_INFINITY, learned: new Map(), refreshedAt: 0 };
      this.models.set(districtCode, entry);
    }
    const now = Date.now();
    if (
      knownStamp !== undefined &&
      entry.stamp === knownStamp &&
      now - entry.refreshedAt < LATE_COMMIT_WINDOW_MS / 2
    )
      return entry.classifier;
    entry.stamp = knownStamp;
    entry.refreshedAt = now;
    const since = Number.isFinite(entry.newest)
      ? new Date(entry.newest - LATE_COMMIT_WINDOW_MS)
      : new Date(0);
    const fresh = await db
      .select()
      .from(classificationFeedback)
      .where(
        and(
          eq(classificationFeedback.districtCode, districtCode),
          gt(classificationFeedback.createdAt, since),
        ),
      )
      .orderBy(asc(classificationFeedback.createdAt));
    for (const f of fresh) {
      // each row once: the stored time has microseconds, a Date milliseconds, and the window overlaps
      if (entry.learned.has(f.id)) continue;
      // An override is worth more than a confirmation: the model was wrong there.
      entry.classifier.learn(
        { text: f.text, category: f.categoryCode },
        f.suggested && f.suggested !== f.categoryCode ? 2 : 1,
      );
      const at = f.createdAt.getTime();
      entry.learned.set(f.id, at);
      entry.newest = Math.max(entry.newest, at);
    }
    for (const [id, at] of entry.learned)
      if (at < entry.newest - 2 * LATE_COMMIT_WINDOW_MS) entry.learned.delete(id);
    return entry.classifier;
  }
}
