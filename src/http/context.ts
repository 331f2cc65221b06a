import type { Config } from '../core/config.ts';
import type { Database } from '../core/db/connection.ts';
import type { GeoIndexRegistry } from '../jurisdiction/geo-registry.ts';

/** What every route and use case may reach: one database, the settings, the in-memory indexes. */
export interface AppContext {
  database: Database;
  config: Config;
  geo: GeoIndexRegistry;
}
