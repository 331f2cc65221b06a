import { createHash, timingSafeEqual } from 'node:crypto';

/** The Idempotency-Key a portal submission is stored under: never the secret itself, only its hash. */
export function idempotencyKeyFor(secret: string): string {
  return `portal:${createHash('sha256').update(secret.trim().toUpperCase()).digest('hex')}`;
}

/** Whether `secret` is the one the demand was submitted with (constant-time). */
export function secretMatches(storedKey: string | null, secret: string): boolean {
  if (!storedKey?.startsWith('portal:')) return false;
  const a = Buffer.from(storedKey);
  const b = Buffer.from(idempotencyKeyFor(secret));
  return a.length === b.length && timingSafeEqual(a, b);
}
