import { CalendarRegistry } from '../core/calendar/store.ts';
import type { Config } from '../core/config.ts';
import type { Database } from '../core/db/connection.ts';
import { ClassifierRegistry } from '../demands/classifier-registry.ts';
import { GeoIndexRegistry } from '../jurisdiction/geo-registry.ts';

/** What every route and use case may reach: one database, the settings, the in-memory indexes. */
export interface AppContext {
  database: Database;
  config: Config;
  geo: GeoIndexRegistry;
  classifiers: ClassifierRegistry;
  calendars: CalendarRegistry;
}

/** The in-memory registries every process keeps (each reloads from the database when it changes). */
export function createRegistries(): Pick<AppContext, 'geo' | 'classifiers' | 'calendars'> {
  return {
    geo: new GeoIndexRegistry(),
    classifiers: new ClassifierRegistry(),
    calendars: new CalendarRegistry(),
  };
}
