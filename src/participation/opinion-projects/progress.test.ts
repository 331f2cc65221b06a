import { describe, expect, it } from 'vitest';
import { exactProgress, type ProgressNode, rollUpProgress, unfinishedChildren } from './progress.ts';

const node = (over: Partial<ProgressNode> = {}): ProgressNode => ({
  weight: 1,
  status: 'implementing',
  milestones: [],
  children: [],
  ...over,
});

describe('progress roll-up', () => {
  it('weights milestones', () => {
    expect(
      exactProgress(
        node({
          milestones: [
            { weight: 1, progress: 100 },
            { weight: 3, progress: 0 },
          ],
        }),
      ),
    ).toBe(25);
    expect(
      exactProgress(
        node({
          milestones: [
            { weight: 1, progress: 50 },
            { weight: 1, progress: 70 },
          ],
        }),
      ),
    ).toBe(60);
  });

  it('nothing planned yet is 0; finished projects are 100 whatever their milestones say', () => {
    expect(exactProgress(node())).toBe(0);
    expect(exactProgress(node({ status: 'completed' }))).toBe(100);
    expect(exactProgress(node({ status: 'evaluated', milestones: [{ weight: 1, progress: 10 }] }))).toBe(100);
  });

  it('sub-projects count as parts of their own weight, recursively; dropped ones leave the sum', () => {
    const parent = node({
      milestones: [{ weight: 2, progress: 100 }],
      children: [
        node({ weight: 1, milestones: [{ weight: 1, progress: 50 }] }),
        node({ weight: 1, children: [node({ status: 'completed' })] }),
        node({ weight: 5, status: 'cancelled', milestones: [{ weight: 1, progress: 0 }] }),
        node({ weight: 5, status: 'rejected' }),
      ],
    });
    // (2×100 + 1×50 + 1×100) / 4
    expect(exactProgress(parent)).toBe(87.5);
    expect(rollUpProgress(parent)).toBe(87);
  });

  it('clamps odd inputs and ignores zero weights', () => {
    expect(
      exactProgress(
        node({
          milestones: [
            { weight: 1, progress: 150 },
            { weight: 1, progress: -20 },
          ],
        }),
      ),
    ).toBe(50);
    expect(
      exactProgress(
        node({
          milestones: [
            { weight: 0, progress: 0 },
            { weight: 2, progress: 40 },
          ],
        }),
      ),
    ).toBe(40);
  });

  it('rounds down, so only a finished tree shows 100', () => {
    expect(
      rollUpProgress(
        node({
          milestones: [
            { weight: 199, progress: 100 },
            { weight: 1, progress: 99 },
          ],
        }),
      ),
    ).toBe(99);
    expect(rollUpProgress(node({ milestones: [{ weight: 1, progress: 100 }] }))).toBe(100);
  });

  it('lists sub-projects still open', () => {
    const kids = ['approving', 'implementing', 'completed', 'evaluated', 'rejected', 'cancelled'].map(
      (status) => ({ status }),
    );
    expect(unfinishedChildren(kids).map((k) => k.status)).toEqual(['approving', 'implementing']);
  });
});
