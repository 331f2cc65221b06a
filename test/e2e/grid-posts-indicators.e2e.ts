import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launchBrowser, logIn, openPage, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const COMMUNITY = '110107001003'; // 玉泉路西社区
const GRID1 = '110107001003001';
const GRID2 = '110107001003002';
const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
/** A 1×1 PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082',
  'hex',
);

async function openTab(p: Page, tab: string): Promise<void> {
  await p.getByTestId('main-menu').getByRole('menuitem', { name: '网格管理' }).click();
  await p.waitForURL(/\/grid-management/);
  await p.getByRole('tab', { name: tab }).click();
}

interface Assignment {
  id: string;
  post: string;
  person: { name: string };
  active: boolean;
}

describe('网格岗位, 考核指标 and evidence photos in the browser', () => {
  it('a community worker assigns a grid worker to a grid and ends the post', async () => {
    const w = await openPage(browser);
    const p = w.page;
    try {
      await logIn(p, 'community');
      await openTab(p, '网格岗位');
      const row = p.getByTestId('post-grids').locator(`tr[data-row-key="${GRID2}"]`);
      await row.getByTestId('post-assign').waitFor();
      expect(await row.getByTestId('post-holder').count()).toBe(0);
      // the secretary is designated by the street, not here
      await p.getByTestId('post-secretary').getByText('刘社工').waitFor();
      expect(await p.getByTestId('post-designate').count()).toBe(0);
      expect(await p.getByTestId('post-secretary').getByTestId('post-end').count()).toBe(0);

      await row.getByTestId('post-assign').click();
      const form = p.getByTestId('post-form');
      await form.waitFor();
      const account = form.getByLabel('系统账号');
      await account.click();
      await p.locator('.ant-select-item-option').filter({ hasText: '张网格' }).click();
      await form.getByLabel('负责范围').fill('1-6号楼');
      await p.getByTestId('post-submit').click();
      await form.waitFor({ state: 'hidden' });
      const holder = row.locator('[data-testid="post-holder"][data-post="grid_worker"]');
      await expect.poll(() => holder.textContent()).toContain('张网格');
      expect(await holder.textContent()).toContain('1-6号楼');
      await screenshot(p, 'grid-posts-assigned');

      await holder.getByTestId('post-end').click();
      await p
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /离\s*岗/ })
        .click();
      await expect.poll(() => holder.count()).toBe(0);
      expect(await row.textContent()).toContain('空缺');

      const community = await apiAs('community');
      const all = await community.get<{ items: Assignment[] }>(
        `/api/grid-assignments?unitCode=${GRID2}&includeEnded=true`,
      );
      await community.dispose();
      expect(all.items.filter((a) => a.post === 'grid_worker').map((a) => [a.person.name, a.active])).toEqual(
        [['张网格', false]],
      );
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });

  it('the indicators tab shows each unit’s rates with their formulas, drills down and downloads as Excel', async () => {
    const grid = await apiAs('grid');
    await grid.post('/api/grid-events', {
      categoryCode: 'E0106',
      description: `楼道堆物，已当场清理（${Date.now() % 100000}）`,
      gridCode: GRID1,
      closeOnSpot: { result: '已联系保洁当场清运', evidence: [] },
    });
    await grid.dispose();
    const community = await apiAs('community');
    const expected = await community.get<{
      rows: {
        unit: { code: string };
        rates: { closeRate: number | null };
        counts: { closed: number; shouldClose: number };
      }[];
    }>(`/api/grid-events/indicators/units?month=${thisMonth()}`);
    await community.dispose();
    const own = expected.rows[0];
    if (!own) throw new Error('no rows');
    expect(own.counts.shouldClose).toBeGreaterThan(0);

    const w = await openPage(browser);
    const p = w.page;
    try {
      await logIn(p, 'community');
      await openTab(p, '考核指标');
      const table = p.getByTestId('indicator-table');
      const first = table.locator(`tr[data-row-key="${COMMUNITY}"]`);
      const close = first.getByTestId('rate-closeRate');
      await expect
        .poll(() => close.textContent())
        .toBe(
          `${((own.rates.closeRate ?? 0) * 100).toFixed(2)}%${own.counts.closed}/${own.counts.shouldClose}`,
        );
      expect(await first.textContent()).toContain('玉泉路西社区（合计）');
      expect(await table.locator(`tr[data-row-key="${GRID1}"]`).count()).toBe(1);
      for (const name of [
        '结案率',
        '按期结案率',
        '处置率',
        '按期处置率',
        '返工率',
        '超期待处置率',
        '延期率',
      ]) {
        expect(await table.locator('thead').textContent()).toContain(name);
      }
      // every formula is a tooltip on its column
      await table.locator('thead').getByTestId('indicator-head-reworkRate').hover();
      await expect
        .poll(() => p.locator('.ant-tooltip').last().textContent())
        .toContain('返工率 = 返工数 / 应结案数');
      await screenshot(p, 'grid-indicators');

      // a grid below the community: its own row only, then back
      await table.locator(`tr[data-row-key="${GRID1}"]`).getByRole('link').click();
      await p.waitForURL(new RegExp(`unit=${GRID1}`));
      await expect.poll(() => table.locator('.ant-table-row').count()).toBe(1);
      await p.getByTestId('indicator-up').click();
      await expect.poll(() => table.locator(`tr[data-row-key="${COMMUNITY}"]`).count()).toBe(1);

      // another month: the figures of that month (nothing was due in a month long gone)
      const month = p.getByLabel('月份');
      await month.click();
      await month.fill('2025-01');
      await month.press('Enter');
      await p.waitForURL(/month=2025-01/);
      await expect.poll(() => first.getByTestId('rate-closeRate').textContent()).toBe('—0/0');
      expect(await p.getByTestId('indicator-as-of').textContent()).toContain('2025年1月');

      const [file] = await Promise.all([
        p.waitForEvent('download'),
        p.getByTestId('export-indicators').click(),
      ]);
      expect(file.suggestedFilename()).toBe('网格事件考核指标_玉泉路西社区_2025-01.xlsx');
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });

  it('a disposal with a photo attached shows the photo on the case page', async () => {
    const marker = `${Date.now() % 100000}`;
    const grid = await apiAs('grid');
    const created = await grid.post<{ id: string }>('/api/grid-events', {
      categoryCode: 'E0106',
      description: `3号楼楼道堆放杂物（${marker}）`,
      gridCode: GRID1,
    });
    await grid.dispose();
    const community = await apiAs('community');
    await community.post(`/api/grid-events/${created.id}/actions`, { kind: 'register' });
    await community.post(`/api/grid-events/${created.id}/actions`, {
      kind: 'dispatch',
      handlerUnitCode: COMMUNITY,
    });
    await community.dispose();

    const w = await openPage(browser);
    const p = w.page;
    try {
      await logIn(p, 'community');
      await p.goto(`/grid-management/events/${created.id}`);
      await p.getByTestId('event-action-dispose').click();
      const dialog = p.getByRole('dialog');
      await dialog.getByTestId('event-action-form').waitFor();
      await dialog.getByLabel('处置结果').fill('已清理楼道杂物');
      await dialog.getByTestId('event-evidence-input').setInputFiles({
        name: '清理后.png',
        mimeType: 'image/png',
        buffer: PNG,
      });
      await expect.poll(() => dialog.getByTestId('event-evidence').count()).toBe(1);
      await p.getByTestId('event-action-submit').click();
      await dialog.waitFor({ state: 'hidden' });
      await expect
        .poll(() => p.getByTestId('event-status').first().getAttribute('data-status'))
        .toBe('disposed');

      const disposed = p.locator('[data-testid="event-step"][data-type="disposed"]');
      const photo = disposed.locator('img[src^="/api/files/"]');
      await expect.poll(() => photo.count()).toBe(1);
      expect(await photo.getAttribute('alt')).toBe('清理后.png');
      // served (the file is readable by whoever sees the case), after a reload too
      await p.reload();
      await expect
        .poll(() =>
          photo.evaluate((el) => {
            // the test project has no DOM types
            const img = el as unknown as { complete: boolean; naturalWidth: number };
            return img.complete && img.naturalWidth;
          }),
        )
        .toBe(1);
      await screenshot(p, 'grid-event-disposed-photo');
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });
});
