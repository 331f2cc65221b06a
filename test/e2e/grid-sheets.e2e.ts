import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launchBrowser, logIn, openPage, screenshot, type WatchedPage } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const GRID1 = '110107001003001'; // 玉泉路西社区第1网格
const beijing = () => new Date(Date.now() + 8 * 3600_000).toISOString();
const thisMonth = () => beijing().slice(0, 7);
/** Last month: the month the secretary signs (this month stays open for the other tests' patrols). */
const lastMonth = (() => {
  const [y, m] = thisMonth().split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
})();

async function download(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return file.suggestedFilename();
}

async function openTab(p: Page, tab: string): Promise<void> {
  await p.getByTestId('main-menu').getByRole('menuitem', { name: '网格管理' }).click();
  await p.waitForURL(/\/grid-management/);
  await p.getByRole('tab', { name: tab }).click();
}

describe('网格工作纪实 and 交办登记表 in the browser', () => {
  it('the party secretary signs last month’s patrol sheet; the screen shows it frozen and writes are refused', async () => {
    const grid = await apiAs('grid');
    for (const [day, findings] of [
      ['03', '巡查1-5号楼，发现3号楼楼道堆物'],
      ['04', '走访独居老人6户，均正常'],
    ] as const) {
      await grid.post('/api/patrol-entries', {
        gridCode: GRID1,
        date: `${lastMonth}-${day}`,
        hours: 3,
        householdsVisited: 6,
        findings,
      });
    }
    const w = await openPage(browser);
    const p = w.page;
    try {
      await logIn(p, 'community');
      await openTab(p, '工作纪实');
      const month = p.getByLabel('月份');
      await month.click();
      await month.fill(lastMonth);
      await month.press('Enter');
      await p.waitForURL(new RegExp(`month=${lastMonth}`));
      await expect.poll(() => p.getByTestId('sheet-status').getAttribute('data-status')).toBe('open');
      await expect.poll(() => p.getByTestId('sheet-entries').locator('.ant-table-row').count()).toBe(2);
      await p.getByTestId('sheet-sign').click();
      await p.getByLabel('签署意见').fill('情况属实，同意');
      await p.getByTestId('sheet-sign-submit').click();
      await expect.poll(() => p.getByTestId('sheet-status').getAttribute('data-status')).toBe('signed');
      expect(await p.getByTestId('sheet-frozen').textContent()).toContain('社区党委书记刘社工');
      expect(await p.getByTestId('sheet-sign').count()).toBe(0);
      // still frozen after a reload (read from the server), and the paper form downloads
      await p.reload();
      await expect.poll(() => p.getByTestId('sheet-status').getAttribute('data-status')).toBe('signed');
      expect(await p.getByTestId('sheet-frozen').textContent()).toContain('情况属实，同意');
      expect(await p.getByTestId('sheet-sign').count()).toBe(0);
      expect(await download(p, 'export-patrol-sheet')).toBe(`网格工作纪实表_玉泉路西社区_${lastMonth}.xlsx`);
      await screenshot(p, 'grid-patrol-sheet-signed');
      // the month no longer takes entries
      const late = grid.post('/api/patrol-entries', {
        gridCode: GRID1,
        date: `${lastMonth}-05`,
        hours: 2,
        householdsVisited: 1,
        findings: '补录',
      });
      await expect(late).rejects.toThrow(/409.*PERIOD_SIGNED/);
      w.expectNoConsoleErrors();
    } finally {
      await grid.dispose();
      await w.close();
    }
  });

  it('the community drafts the register from grid events, adds a line, reports a major item and submits; the street signs off with leaders', async () => {
    const marker = `${Date.now() % 100000}`;
    // the scene: a grid event the community cannot settle (escalated to the street)
    const grid = await apiAs('grid');
    const event = await grid.post<{ id: string }>('/api/grid-events', {
      categoryCode: 'E0106',
      description: `5号楼楼道堆物占用消防通道（${marker}）`,
      gridCode: GRID1,
    });
    await grid.dispose();
    const community = await apiAs('community');
    await community.post(`/api/grid-events/${event.id}/actions`, { kind: 'escalate', note: '需街道协调' });
    await community.dispose();

    const pages: WatchedPage[] = [];
    try {
      const cw = await openPage(browser);
      pages.push(cw);
      const c = cw.page;
      await logIn(c, 'community');
      await openTab(c, '交办登记');
      await expect.poll(() => c.getByTestId('register-status').getAttribute('data-status')).toBe('draft');
      await c.getByRole('button', { name: '从网格事件归集' }).click();
      const items = c.getByTestId('register-items');
      await expect.poll(() => items.textContent()).toContain(marker);
      const drafted = await items.locator('.ant-table-row').count();
      await c.getByRole('button', { name: '添加事项' }).click();
      await c
        .getByTestId('register-item-form')
        .getByLabel('反映问题和意见建议')
        .fill(`建议在南门增设充电桩（${marker}）`);
      await c.getByTestId('register-dialog-submit').click();
      await expect.poll(() => items.locator('.ant-table-row').count()).toBe(drafted + 1);
      await c.getByRole('button', { name: '即报即办' }).click();
      await c
        .getByTestId('register-item-form')
        .getByLabel('反映问题和意见建议')
        .fill(`7号楼外墙脱落，随时可能砸伤行人（${marker}）`);
      await c.getByTestId('register-dialog-submit').click();
      await expect
        .poll(async () => (await c.getByTestId('register-major').textContent()) ?? '')
        .toContain(marker);
      await c.getByTestId('register-submit').click();
      await c.getByRole('button', { name: /确\s*定/ }).click();
      await expect.poll(() => c.getByTestId('register-status').getAttribute('data-status')).toBe('submitted');
      await screenshot(c, 'grid-register-submitted');

      // the street: the pending card opens the register; a leader for every line; the major item at once
      const sw = await openPage(browser);
      pages.push(sw);
      const s = sw.page;
      await logIn(s, 'street');
      await openTab(s, '交办登记');
      await s.getByTestId('register-pending-item').filter({ hasText: '玉泉路西社区' }).click();
      await s.waitForURL(/community=110107001003/);
      await expect.poll(() => s.getByTestId('register-status').getAttribute('data-status')).toBe('submitted');
      await s.getByTestId('register-sign-off').click();
      const form = s.getByTestId('sign-off-form');
      await form.getByLabel('签批领导（党政主要负责同志）').fill('王书记');
      const leaders = form.getByTestId('sign-off-leader');
      expect(await leaders.count()).toBe(drafted + 1);
      for (let i = 0; i < (await leaders.count()); i++)
        await leaders.nth(i).fill(i % 2 ? '赵副主任' : '钱副主任');
      await s.getByTestId('register-dialog-submit').click();
      await expect
        .poll(() => s.getByTestId('register-status').getAttribute('data-status'))
        .toBe('signed_off');
      expect(await s.getByTestId('register-signed-off').textContent()).toContain('王书记');
      expect(await s.getByTestId('register-items').textContent()).toContain('钱副主任');
      const major = s.getByTestId('register-major').locator('.ant-table-row').filter({ hasText: marker });
      await major.getByTestId('item-assign').click();
      await s.getByRole('dialog').getByLabel('签批领导（党政主要负责同志）').fill('王书记');
      await s.getByRole('dialog').getByLabel('包办领导').fill('李副主任');
      await s.getByTestId('register-dialog-submit').click();
      await expect.poll(() => major.textContent()).toContain('李副主任');
      expect(await download(s, 'export-register')).toBe(`交办登记表_玉泉路西社区_${thisMonth()}.xlsx`);
      await screenshot(s, 'grid-register-signed-off');
      for (const w of pages) w.expectNoConsoleErrors();
    } finally {
      for (const w of pages) await w.close();
    }
  });

  it('the street sees the grid-worker staffing check with the understaffed communities and exports it', async () => {
    const w = await openPage(browser);
    const p = w.page;
    try {
      await logIn(p, 'street');
      await openTab(p, '配备核查');
      await expect
        .poll(() => p.getByTestId('staffing-totals').textContent())
        .toMatch(/社区 \d+ 个，应配 \d+ 名/);
      expect(await p.getByTestId('staffing-understaffed').textContent()).toContain('玉泉路西社区');
      expect(await download(p, 'export-staffing')).toBe('网格员配备情况.xlsx');
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });
});
