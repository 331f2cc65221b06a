/**
 * Masking of personal information (PIPL): lists and exports show these forms; the full value is shown
 * only to roles allowed to see it, and each such view is audited.
 */

/** 13812345678 → 138****5678; short numbers keep only their last 2 digits. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\s+/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length > 4) return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
  return '*'.repeat(digits.length);
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: the family name stays so staff can address the caller. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return name ?? null;
  const chars = [...name];
  return `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

/** Keeps the street-level part of an address, hides the door number: "…小区3号楼2单元501" → "…小区****". */
export function maskAddress(address: string | null | undefined): string | null {
  if (!address) return address ?? null;
  const cut = address.search(/\d/);
  return cut > 0 ? `${address.slice(0, cut)}****` : `${[...address].slice(0, 6).join('')}****`;
}

/** 110105199001011234 → 1101**********1234. */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return id ?? null;
  return id.length > 8
    ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`
    : '*'.repeat(id.length);
}

// Digits as typed on a Chinese keyboard may be full-width (０-９); both count as digits here.
const D = '[0-9０-９]';

/**
 * Masks ID-card numbers, mobile numbers and landlines written inside free text (a demand's content, a
 * note), so lists, exports and logs do not carry them: "身份证110105199001011234，电话13912345678" →
 * "身份证1101**********1234，电话139****5678". Other numbers (door numbers, dates) are left alone.
 */
export function maskNumbersInText(text: string | null | undefined): string | null {
  if (!text) return text ?? null;
  return text
    .replace(
      new RegExp(`(?<![0-9０-９])${D}{17}[0-9０-９Xx](?![0-9０-９])`, 'g'),
      (m) => maskIdNumber(m) ?? m,
    )
    .replace(new RegExp(`(?<![0-9０-９])[1１]${D}{10}(?![0-9０-９])`, 'g'), (m) => maskPhone(m) ?? m)
    .replace(
      new RegExp(`(?<![0-9０-９])[0０]${D}{2,3}-?${D}{7,8}(?![0-9０-９])`, 'g'),
      (m) => maskPhone(m) ?? m,
    );
}
