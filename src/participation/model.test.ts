import { describe, expect, it } from 'vitest';
import { hours, isValidIdNumber, maskPerson, percent, phone, ReviewServiceInput } from './model.ts';

/** Appends the GB 11643 check character to 17 digits. */
function withCheck(body: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * (w[i] as number), 0);
  return body + '10X98765432'[sum % 11];
}

describe('resident identity numbers (GB 11643-1999)', () => {
  it('accepts well-formed numbers, an X check character included', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber(withCheck('11010719800101123'))).toBe(true);
  });

  it.each([
    ['wrong check character', '110105194912310021'],
    ['17 characters', '11010519491231002'],
    ['letters inside', '1101051949123100AX'],
    ['lower-case x (normalised by the schema, not here)', '11010519491231002x'],
    ['a 30 February birth date', withCheck('11010719900230123')],
    ['a birth date in the future', withCheck('11010730000101123')],
  ])('refuses %s', (_why, id) => expect(isValidIdNumber(id)).toBe(false));
});

describe('person fields', () => {
  it('phones: mobile or landline with area code', () => {
    for (const ok of ['13800001234', '010-68861234', '01068861234', '0951-5012345']) {
      expect(phone.safeParse(ok).success).toBe(true);
    }
    for (const bad of ['1380000123', '23800001234', '68861234', '010-123'])
      expect(phone.safeParse(bad).success).toBe(false);
  });

  it('hours: positive, at most a day, in half hours', () => {
    for (const ok of [0.5, 1, 2.5, 24]) expect(hours.safeParse(ok).success).toBe(true);
    for (const bad of [0, -1, 0.25, 1.3, 24.5]) expect(hours.safeParse(bad).success).toBe(false);
  });

  it('masks name, phone and ID number for lists and exports', () => {
    expect(maskPerson({ name: '王建国', phone: '13800001234', idNumber: '11010519491231002X' })).toEqual({
      name: '王**',
      phone: '138****1234',
      idNumber: '1101**********002X',
    });
    expect(maskPerson({ name: '李华' })).toEqual({ name: '李*', phone: null, idNumber: null });
  });

  it('a rejected service record needs a reason; a confirmed one does not', () => {
    expect(ReviewServiceInput.safeParse({ confirm: true }).success).toBe(true);
    expect(ReviewServiceInput.safeParse({ confirm: false }).success).toBe(false);
    expect(ReviewServiceInput.safeParse({ confirm: false, note: '时长不实' }).success).toBe(true);
  });

  it('percentages', () => {
    expect(percent(0.125)).toBe('12.5%');
    expect(percent(null)).toBe('');
  });
});
