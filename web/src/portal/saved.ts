/**
 * What this browser submitted through the portal: tracking code and rating secret, kept locally so
 * the resident can track and rate without writing them down (nothing of it is sent anywhere else).
 */
export interface SavedSubmission {
  code: string;
  secret: string;
  at: string;
  summary: string;
}

const KEY = 'jd.portal.submissions';

export function savedSubmissions(): SavedSubmission[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as SavedSubmission[]) : [];
  } catch {
    return [];
  }
}

export function saveSubmission(s: SavedSubmission): void {
  const rest = savedSubmissions().filter((x) => x.code !== s.code);
  localStorage.setItem(KEY, JSON.stringify([s, ...rest].slice(0, 20)));
}

export function secretFor(code: string): string | undefined {
  return savedSubmissions().find((s) => s.code === code)?.secret;
}
