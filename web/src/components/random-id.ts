/**
 * A random id from the browser's CSPRNG. `crypto.getRandomValues` works on plain-http intranet
 * addresses too, where `crypto.randomUUID` (secure contexts only) is missing.
 */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// Crockford base32 without I, L, O, U: read over the phone and typed without confusion.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A secret a resident can copy or write down: `length` Crockford characters (5 bits each). */
export function randomSecret(length = 12): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => CROCKFORD[b % 32]).join('');
}
