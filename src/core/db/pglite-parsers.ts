import { type PGlite, type QueryOptions, type Results, types } from '@electric-sql/pglite';

/**
 * The types drizzle-orm's PGlite driver reads as text (it converts them itself): date, timestamp,
 * timestamptz, interval and the arrays of those and of numeric. Drizzle passes these nine parsers with
 * EVERY query, and PGlite merges a query's parsers into its ≈ 320 default parsers with an object spread
 * per query (`{ ...defaultParsers, ...options.parsers }` in parseResults): ≈ 100–200 µs of CPU per
 * statement, more than the statement itself on a small PGlite query (docs/decisions/perf-intake.md).
 */
const TEXT_TYPES = [1082, 1114, 1184, 1186, 1115, 1182, 1185, 1187, 1231] as const;
/** The array types among them, with their element type. */
const ARRAY_ELEMENT: Record<number, number> = { 1115: 1114, 1182: 1082, 1185: 1184, 1187: 1186, 1231: 1700 };
const TEXT_TYPE_SET = new Set<number>(TEXT_TYPES);
const passthrough = (value: string) => value;

type Parsers = Record<number | string, (value: string, typeId?: number) => unknown>;

/**
 * Makes drizzle's text passthrough for those nine types PGlite's default, so drizzle's queries go
 * without a `parsers` option (no spread); results are exactly what they were:
 * - drizzle's queries (their `parsers` are those nine) get the same text values as before;
 * - any other query without parsers gets its values of those types parsed afterwards by the parsers
 *   PGlite had (Date objects for timestamps, as before), from the same text;
 * - a query with other parsers gets PGlite's former parsers for the nine types under its own.
 */
export function presetDrizzleParsers(client: PGlite): void {
  const target = client as unknown as { parsers: Parsers };
  const original: Parsers = { ...target.parsers };
  // PGlite's array parsers look up their element parser on the client at call time: build ours from
  // the element parsers PGlite had, so they do not see the passthrough.
  const element = (oid: number) => original[oid] ?? (types.parsers as Parsers)[oid];
  const former: Parsers = {};
  for (const oid of TEXT_TYPES) {
    const elementOid = ARRAY_ELEMENT[oid];
    if (elementOid !== undefined) {
      if (!element(oid)) {
        former[oid] = passthrough; // no array parser registered: PGlite returned the text
        continue;
      }
      const parseElement = element(elementOid);
      former[oid] = (value: string) =>
        types.arrayParser(value, parseElement as (x: string) => unknown, oid) as unknown;
    } else {
      const parse = element(oid);
      former[oid] = parse ? (value: string) => parse(value, oid) : passthrough;
    }
  }
  target.parsers = {
    ...target.parsers,
    ...Object.fromEntries(TEXT_TYPES.map((oid) => [oid, passthrough])),
  };

  const isDrizzles = (parsers: QueryOptions['parsers']) => {
    if (!parsers) return false;
    const keys = Object.keys(parsers);
    return keys.length === TEXT_TYPES.length && keys.every((k) => TEXT_TYPE_SET.has(Number(k)));
  };
  /** The options to run with, and whether the results need the former parsers applied. */
  const adapt = (options: QueryOptions | undefined): [QueryOptions | undefined, boolean] => {
    if (!options?.parsers) return [options, true];
    if (isDrizzles(options.parsers)) {
      const { parsers: _drizzles, ...rest } = options;
      return [rest, false];
    }
    return [{ ...options, parsers: { ...former, ...options.parsers } as QueryOptions['parsers'] }, false];
  };
  const restore = <R extends Results>(result: R): R => {
    const fields = result.fields ?? [];
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as { name: string; dataTypeID: number };
      if (!TEXT_TYPE_SET.has(field.dataTypeID)) continue;
      const parse = former[field.dataTypeID] as (value: string) => unknown;
      // In object rows a later column of the same name wins (Object.fromEntries): only that one.
      const lastOfName = fields.findLastIndex((f) => f.name === field.name) === i;
      for (const row of result.rows as unknown[]) {
        if (Array.isArray(row)) {
          if (row[i] !== null && row[i] !== undefined) row[i] = parse(row[i] as string);
        } else if (lastOfName) {
          const r = row as Record<string, unknown>;
          if (r[field.name] !== null && r[field.name] !== undefined)
            r[field.name] = parse(r[field.name] as string);
        }
      }
    }
    return result;
  };

  type Query = (query: string, params?: unknown[], options?: QueryOptions) => Promise<Results>;
  type Exec = (query: string, options?: QueryOptions) => Promise<Results[]>;
  const wrapQuery =
    (query: Query): Query =>
    async (text, params, options) => {
      const [adapted, needsRestore] = adapt(options);
      const result = await query(text, params, adapted);
      return needsRestore ? restore(result) : result;
    };
  const wrapExec =
    (exec: Exec): Exec =>
    async (text, options) => {
      const [adapted, needsRestore] = adapt(options);
      const results = await exec(text, adapted);
      return needsRestore ? results.map(restore) : results;
    };

  const c = client as unknown as {
    query: Query;
    exec: Exec;
    transaction: <T>(fn: (tx: Record<string, unknown>) => Promise<T>) => Promise<T>;
  };
  // `sql` and the live extension call `this.query`, so they are covered by the instance's query.
  c.query = wrapQuery(c.query.bind(client));
  c.exec = wrapExec(c.exec.bind(client));
  const transaction = c.transaction.bind(client);
  c.transaction = (fn) =>
    transaction((tx) => {
      const txQuery = tx.query as Query;
      const txExec = tx.exec as Exec;
      const wrapped = Object.create(tx, {
        query: { value: wrapQuery(txQuery) },
        exec: { value: wrapExec(txExec) },
        // A transaction's `sql` runs its query without options: the defaults apply, then restore.
        sql: {
          value: async (...args: unknown[]) =>
            restore(await (tx.sql as (...a: unknown[]) => Promise<Results>)(...args)),
        },
      });
      return fn(wrapped);
    });
}
