/**
 * The portal's abuse limits (captcha-free): a minimum time between opening the form and sending it,
 * a honeypot field, and sliding-window caps per client IP, per phone number and per district.
 * Defaults suit a district portal; an installation may change them through the environment.
 */
export interface PortalLimits {
  /** Sending sooner than this after the form was opened is a bot (people read and type). */
  minFillMs: number;
  /** A form open longer than this must be reloaded (its token expires). */
  formMaxAgeMs: number;
  /** Submissions per client IP per hour. */
  perIpPerHour: number;
  /** Submissions per phone number per day. */
  perPhonePerDay: number;
  /** Submissions through the portal per district per hour (a backstop against many IPs). */
  perDistrictPerHour: number;
  /** Wrong rating secrets per client IP per hour before further tries are refused. */
  badSecretsPerIpPerHour: number;
}

const num = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
};

/** The limits from the environment (JIEDAO_PORTAL_*), each falling back to its default. */
export function loadPortalLimits(env: NodeJS.ProcessEnv = process.env): PortalLimits {
  return {
    minFillMs: num(env.JIEDAO_PORTAL_MIN_FILL_MS, 3000),
    formMaxAgeMs: num(env.JIEDAO_PORTAL_FORM_MAX_AGE_MS, 2 * 3600_000),
    perIpPerHour: num(env.JIEDAO_PORTAL_PER_IP_PER_HOUR, 5),
    perPhonePerDay: num(env.JIEDAO_PORTAL_PER_PHONE_PER_DAY, 3),
    perDistrictPerHour: num(env.JIEDAO_PORTAL_PER_DISTRICT_PER_HOUR, 300),
    badSecretsPerIpPerHour: num(env.JIEDAO_PORTAL_BAD_SECRETS_PER_IP_PER_HOUR, 10),
  };
}
