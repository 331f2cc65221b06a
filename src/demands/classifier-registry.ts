import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../core/db/connection.ts';
import { type Classifier, createClassifier } from './classify/classifier.ts';
import { defaultTaxonomy, type LeafCategory, leafCategories } from './classify/taxonomy.ts';
import { classificationFeedback } from './tables.ts';

/**
 * One classifier per district, in memory: cold-started from the taxonomy's keywords, then trained on
 * every operator confirmation/override stored in `classification_feedback`. New feedback (from any
 * process) is picked up incrementally before each suggestion, so all servers converge.
 */
export class ClassifierRegistry {
  private readonly models = new Map<string, { classifier: Classifier; lastSeen: Date }>();
  readonly taxonomy = defaultTaxonomy();
  private readonly leaves = new Map<string, LeafCategory>(
    leafCategories(this.taxonomy).map((c) => [c.code, c]),
  );

  category(code: string | null | undefined): LeafCategory | undefined {
    return code ? this.leaves.get(code) : undefined;
  }

  async get(db: Db, districtCode: string): Promise<Classifier> {
    let entry = this.models.get(districtCode);
    if (!entry) {
      const classifier = createClassifier();
      classifier.seedFromKeywords(this.taxonomy);
      entry = { classifier, lastSeen: new Date(0) };
      this.models.set(districtCode, entry);
    }
    const fresh = await db
      .select()
      .from(classificationFeedback)
      .where(
        and(
          eq(classificationFeedback.districtCode, districtCode),
          gt(classificationFeedback.createdAt, entry.lastSeen),
        ),
      )
      .orderBy(asc(classificationFeedback.createdAt));
    for (const f of fresh) {
      // An override is worth more than a confirmation: the model was wrong there.
      entry.classifier.learn(
        { text: f.text, category: f.categoryCode },
        f.suggested && f.suggested !== f.categoryCode ? 2 : 1,
      );
      entry.lastSeen = f.createdAt;
    }
    return entry.classifier;
  }
}
