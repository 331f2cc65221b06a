import { describe, expect, it } from 'vitest';
import { fileReadPaths } from './read-access.ts';

const file = { uploaderPath: '/110107/S1/C1/G1/', districtCode: '110107' };
const link = { targetType: 'grid_event', targetId: 'e1', paths: ['/110107/S1/C1/G1/'] };

describe('fileReadPaths: access follows the record', () => {
  it('uploader and attach-time paths when no record resolves', () => {
    expect(fileReadPaths(file, [link], new Map())).toEqual(['/110107/S1/C1/G1/']);
  });

  it("adds a record's current paths (a grid event's handler department)", () => {
    const now = { districtCode: '110107', paths: ['/110107/S1/C1/G1/', '/110107/D/D07/'] };
    expect(fileReadPaths(file, [link], new Map([['grid_event:e1', now]]))).toEqual([
      '/110107/S1/C1/G1/',
      '/110107/D/D07/',
    ]);
  });

  it('ignores a record resolved for another target or another district', () => {
    const foreign = { districtCode: '640104', paths: ['/640104/'] };
    expect(fileReadPaths(file, [link], new Map([['grid_event:e1', foreign]]))).toEqual(['/110107/S1/C1/G1/']);
    const other = { districtCode: '110107', paths: ['/110107/D/D21/'] };
    expect(fileReadPaths(file, [link], new Map([['whistle:e1', other]]))).toEqual(['/110107/S1/C1/G1/']);
  });
});
