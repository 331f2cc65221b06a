/**
 * What uploads may be: photos and PDF evidence, recognised by their first bytes (magic numbers).
 * The client's Content-Type and file name are never trusted — a renamed script stays refused.
 */

/** Accepted types: MIME → the extension used when serving. */
export const ACCEPTED_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
} as const;
/** An accepted MIME type. */
export type AcceptedMime = keyof typeof ACCEPTED_TYPES;

const startsWith = (buf: Uint8Array, bytes: readonly number[], offset = 0): boolean =>
  buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** The type of a file from its content, or null when it is none of the accepted types. */
export function sniffFileType(buf: Uint8Array): AcceptedMime | null {
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(buf, ascii('RIFF')) && startsWith(buf, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(buf, ascii('GIF87a')) || startsWith(buf, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(buf, ascii('%PDF-'))) return 'application/pdf';
  return null;
}

/**
 * A file name safe to store and to put in a Content-Disposition header: no path, no control
 * characters, at most 100 characters; the extension follows the detected type.
 */
export function cleanFileName(raw: string | undefined, mime: AcceptedMime): string {
  let decoded = raw ?? '';
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // not percent-encoded: keep as sent
  }
  const base = (decoded.split(/[\\/]/).pop() ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .trim()
    .slice(0, 90);
  return `${base || '附件'}.${ACCEPTED_TYPES[mime]}`;
}
