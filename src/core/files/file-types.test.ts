import { describe, expect, it } from 'vitest';
import { cleanFileName, sniffFileType } from './file-types.ts';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffFileType', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg'],
    ['png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0]), 'image/png'],
    ['webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'image/webp'],
    ['gif87', bytes('GIF87a', [0]), 'image/gif'],
    ['gif89', bytes('GIF89a', [0]), 'image/gif'],
    ['pdf', bytes('%PDF-1.7\n'), 'application/pdf'],
  ])('recognises %s from its first bytes', (_name, buf, mime) => {
    expect(sniffFileType(buf)).toBe(mime);
  });

  it.each([
    ['empty', bytes()],
    ['html', bytes('<html><script>')],
    ['svg (scriptable)', bytes('<svg xmlns=')],
    ['exe', bytes('MZ', [0x90, 0])],
    ['zip/docx', bytes('PK', [3, 4])],
    ['riff that is not webp', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt ')],
    ['truncated png', bytes([0x89], 'PNG')],
  ])('refuses %s', (_name, buf) => {
    expect(sniffFileType(buf)).toBeNull();
  });
});

describe('cleanFileName', () => {
  it('keeps a Chinese name, drops the path and forces the detected extension', () => {
    expect(cleanFileName('C:\\照片\\井盖破损.JPG', 'image/jpeg')).toBe('井盖破损.jpg');
    expect(cleanFileName('../../etc/passwd', 'image/png')).toBe('passwd.png');
    expect(cleanFileName(encodeURIComponent('现场照片.png'), 'image/png')).toBe('现场照片.png');
  });

  it('strips control and header-breaking characters and falls back to 附件', () => {
    expect(cleanFileName('a"b\r\nc.pdf', 'application/pdf')).toBe('abc.pdf');
    expect(cleanFileName(undefined, 'image/gif')).toBe('附件.gif');
    expect(cleanFileName('%E0%A4%A', 'image/gif')).toBe('%E0%A4%A.gif');
    expect(cleanFileName('x'.repeat(300), 'image/webp')).toHaveLength(95);
  });
});
