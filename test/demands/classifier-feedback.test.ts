import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/connection.ts';
import { uuidv7 } from '../../src/core/ids.ts';
import { ClassifierRegistry } from '../../src/demands/classifier-registry.ts';
import { classificationFeedback } from '../../src/demands/tables.ts';
import { openTestDatabase } from '../db.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
});

const feedback = (text: string, createdAt: Date, suggested: string | null = '0101') => ({
  id: uuidv7(),
  districtCode: '110107',
  text,
  categoryCode: '0101',
  suggested,
  createdAt,
});

describe('the classifier learns operators’ feedback', () => {
  it('each row exactly once, however often it is asked, including a row that commits late', async () => {
    const registry = new ClassifierRegistry();
    const db = database.db;
    const start = (await registry.get(db, '110107')).documents;
    // a stored time with microseconds (a JavaScript Date has milliseconds)
    await db.insert(classificationFeedback).values(feedback('楼道里堆满杂物无人清理', new Date()));
    await db.execute(
      sql`UPDATE classification_feedback SET created_at = created_at + interval '123 microseconds'
          WHERE created_at = (SELECT max(created_at) FROM classification_feedback)`,
    );
    const once = (await registry.get(db, '110107')).documents;
    expect(once).toBe(start + 1);
    for (let i = 0; i < 3; i++) expect((await registry.get(db, '110107')).documents).toBe(once);
    // stamped a little earlier than the newest row learned, visible only now (a longer transaction)
    await db
      .insert(classificationFeedback)
      .values(feedback('小区门口垃圾堆放多日', new Date(Date.now() - 3_000), '0201'));
    // an override counts twice
    expect((await registry.get(db, '110107')).documents).toBe(once + 2);
    expect((await registry.get(db, '110107')).documents).toBe(once + 2);
  });
});
