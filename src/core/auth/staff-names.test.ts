import { describe, expect, it } from 'vitest';
import { staffName } from './staff-names.ts';

describe('staffName', () => {
  const names = { byId: new Map([['u1', '刘社工']]), byUsername: new Map([['dept', '陈承办']]) };

  it('by id first, then by the recorded log-in, else the log-in itself', () => {
    expect(staffName(names, { id: 'u1', username: 'community' })).toBe('刘社工');
    expect(staffName(names, { id: null, username: 'dept' })).toBe('陈承办');
    expect(staffName(names, { id: 'gone', username: 'system' })).toBe('system');
  });
});
