import type { TFunction } from 'i18next';
import { ApiError } from './client.ts';

/** Codes whose generic wording the web app translates; other codes show the server's own message. */
const TRANSLATED = new Set([
  'FORBIDDEN_SCOPE',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'INVALID_CREDENTIALS',
  'NETWORK',
  'INTERNAL',
  'RATE_LIMITED',
]);

/** What to tell the person about a failure, in their language where the code is a generic one. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (TRANSLATED.has(error.code)) return t(`errors.${error.code}`);
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

export const isForbidden = (error: unknown): boolean =>
  error instanceof ApiError && (error.code === 'FORBIDDEN' || error.code === 'FORBIDDEN_SCOPE');
export const isNotFound = (error: unknown): boolean => error instanceof ApiError && error.status === 404;
