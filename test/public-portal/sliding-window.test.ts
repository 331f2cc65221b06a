import { describe, expect, it } from 'vitest';
import { checkFormToken, issueFormToken } from '../../src/public-portal/form-token.ts';
import { idempotencyKeyFor, secretMatches } from '../../src/public-portal/secret.ts';
import { SlidingWindow } from '../../src/public-portal/sliding-window.ts';

describe('SlidingWindow', () => {
  it('allows `limit` hits per window and says how long to wait', () => {
    const w = new SlidingWindow(2, 1000);
    expect(w.hit('a', 0).allowed).toBe(true);
    expect(w.hit('a', 100).allowed).toBe(true);
    expect(w.hit('a', 200)).toEqual({ allowed: false, retryAfterMs: 800 });
    expect(w.hit('b', 200).allowed).toBe(true);
    // the first hit leaves the window at 1000
    expect(w.hit('a', 1001).allowed).toBe(true);
    expect(w.blocked('a', 1002).blocked).toBe(true);
  });

  it('keeps at most maxKeys keys', () => {
    const w = new SlidingWindow(1, 1000, 2);
    w.hit('a', 0);
    w.hit('b', 0);
    w.hit('c', 0);
    // 'a' was dropped, so it is allowed again
    expect(w.hit('a', 1).allowed).toBe(true);
    expect(w.hit('c', 1).allowed).toBe(false);
  });
});

describe('form token and secret', () => {
  const limits = { minFillMs: 3000, formMaxAgeMs: 60_000 };
  it('accepts a token after the minimum fill time and before it expires', () => {
    const token = issueFormToken(10_000);
    expect(() => checkFormToken(token, 13_000, limits)).not.toThrow();
    expect(() => checkFormToken(token, 12_000, limits)).toThrow(/提交过快/);
    expect(() => checkFormToken(token, 80_000, limits)).toThrow(/表单已过期/);
    expect(() => checkFormToken(`11000.${token.split('.')[1]}`, 20_000, limits)).toThrow(/表单校验失败/);
    expect(() => checkFormToken('garbage', 20_000, limits)).toThrow(/表单校验失败/);
  });

  it('matches a secret against the stored hash, case-insensitively, and nothing else', () => {
    const key = idempotencyKeyFor('ABCDEFGH23');
    expect(secretMatches(key, 'abcdefgh23')).toBe(true);
    expect(secretMatches(key, 'ABCDEFGH24')).toBe(false);
    expect(secretMatches('client-key-1', 'ABCDEFGH23')).toBe(false);
    expect(secretMatches(null, 'ABCDEFGH23')).toBe(false);
  });
});
