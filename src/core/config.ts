/**
 * Runtime settings with their defaults. Security numbers live here (not scattered in code) so an
 * installation can tighten them through the environment.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** A session ends after this many minutes without a request… */
  sessionIdleMinutes: number;
  /** …and after this many hours in any case. */
  sessionMaxHours: number;
  /** Failed log-ins in a row before the account is locked. */
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** Send the session cookie only over HTTPS (set behind a TLS proxy). */
  secureCookies: boolean;
  logLevel: string;
  /** Uploaded files (content-addressed); unset = `<dataDir>/files`, also when the database is PostgreSQL. */
  filesDir?: string | undefined;
  /** The largest upload accepted, in bytes. */
  fileMaxBytes?: number;
  /**
   * Whose X-Forwarded-For to believe (client IPs for rate limits and the audit log): proxy addresses
   * or presets, comma-separated; `true` trusts anyone (never on an open port). Default: a proxy on
   * this host or a private network.
   */
  trustProxy?: string;
}

const num = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) ? n : fallback;
};

/** Reads the configuration from the environment; CLI flags override it afterwards. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: num(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: env.JIEDAO_DATA ?? './data',
    databaseUrl: env.DATABASE_URL || undefined,
    sessionIdleMinutes: num(env.JIEDAO_SESSION_IDLE_MINUTES, 30),
    sessionMaxHours: num(env.JIEDAO_SESSION_MAX_HOURS, 12),
    lockoutThreshold: num(env.JIEDAO_LOCKOUT_THRESHOLD, 5),
    lockoutMinutes: num(env.JIEDAO_LOCKOUT_MINUTES, 15),
    secureCookies: env.JIEDAO_SECURE_COOKIES === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
    filesDir: env.JIEDAO_FILES_DIR || undefined,
    fileMaxBytes: num(env.JIEDAO_FILE_MAX_BYTES, 10 * 1024 * 1024),
    trustProxy: env.JIEDAO_TRUST_PROXY || 'loopback,linklocal,uniquelocal',
  };
}

export const VERSION = '0.1.0';
