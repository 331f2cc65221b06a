import { describe, expect, it } from 'vitest';
import { gridEventFilePaths } from './event-file-access.ts';

describe("gridEventFilePaths: who may read a grid event's photos", () => {
  it('where it happened, and once dispatched the handling unit', () => {
    const base = { districtCode: '110107', locationPath: '/110107/S1/C1/G1/' };
    expect(gridEventFilePaths({ ...base, handlerPath: null })).toEqual({
      districtCode: '110107',
      paths: ['/110107/S1/C1/G1/'],
    });
    expect(gridEventFilePaths({ ...base, handlerPath: '/110107/D/D07/' })).toEqual({
      districtCode: '110107',
      paths: ['/110107/S1/C1/G1/', '/110107/D/D07/'],
    });
  });
});
