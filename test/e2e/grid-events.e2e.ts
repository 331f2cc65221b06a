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

/** Runs one of the actions the detail offers: its button, its dialog's fields, submit. */
async function act(p: Page, kind: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
  await p.getByTestId(`event-action-${kind}`).click();
  const dialog = p.getByRole('dialog');
  await dialog.getByTestId('event-action-form').waitFor();
  await fill(dialog);
  await p.getByTestId('event-action-submit').click();
  await dialog.waitFor({ state: 'hidden' });
}

const status = (p: Page) => p.getByTestId('event-status').first().getAttribute('data-status');
const actions = async (p: Page) => {
  await p.getByTestId('event-actions').waitFor();
  const texts = await p.getByTestId('event-actions').getByRole('button').allInnerTexts();
  return texts.map((s) => s.replace(/\s/g, ''));
};

describe('网格事件 closed loop in the browser', () => {
  it('community registers and escalates → street dispatches to a department → failed verification → rework → closed', async () => {
    const marker = `${Date.now() % 100000}`;
    const description = `小区南门人行道井盖塌陷，需要专业维修（${marker}）`;
    // the scene: the community worker reports a case in its first grid (they verify it later)
    const community = await apiAs('community');
    const created = await community.post<{ id: string; code: string }>('/api/grid-events', {
      categoryCode: 'B0101',
      description,
      gridCode: GRID1,
      address: '南门人行道',
    });
    await community.dispose();
    const dept = await apiAs('dept');
    const deptUnit = (await dept.get<{ user: { unit: { name: string } } }>('/api/auth/me')).user.unit.name;
    await dept.dispose();

    const pages: WatchedPage[] = [];
    const open = async (username: string) => {
      const w = await openPage(browser);
      pages.push(w);
      await logIn(w.page, username);
      return w.page;
    };
    try {
      // 1. the community finds it in its register of grid events, registers it and escalates it
      const c = await open('community');
      await c.getByTestId('main-menu').getByRole('menuitem', { name: '网格管理' }).click();
      await c.waitForURL(/\/grid-management$/);
      const row = c.getByTestId('grid-event-table').getByRole('row', { name: new RegExp(marker) });
      await row.getByRole('link', { name: created.code }).click();
      await c.waitForURL(/\/grid-management\/events\/[0-9a-f-]{36}$/);
      const url = c.url();
      expect(await status(c)).toBe('reported');
      expect(await actions(c)).toEqual(['立案', '上报街道', '现场处置结案', '不予立案']);
      await act(c, 'register', async () => {});
      await expect.poll(() => status(c)).toBe('registered');
      await act(c, 'escalate', async (d) => {
        await d.getByLabel('理由').fill('井盖产权单位为市政部门，社区无法处置');
      });
      await expect.poll(() => c.getByTestId('event-step').count()).toBe(3);
      // now the street manages it: the community has nothing left to do until verification
      await c.getByTestId('event-no-actions').waitFor();
      await screenshot(c, 'grid-event-escalated');

      // 2. the street dispatches it to the department (a linked demand lands in the department's queue)
      const s = await open('street');
      await s.goto('/grid-management?tab=events');
      await s
        .getByTestId('grid-event-table')
        .getByRole('row', { name: new RegExp(marker) })
        .getByRole('link')
        .click();
      await act(s, 'dispatch', async (d) => {
        const handler = d.getByLabel('处置单位');
        await handler.click();
        await handler.fill(deptUnit.replace(/^北京市石景山区/, ''));
        await s.locator('.ant-select-item-option-active').waitFor();
        await s.keyboard.press('Enter');
      });
      await expect.poll(() => status(s)).toBe('dispatched');
      expect(await s.getByTestId('event-handler').textContent()).toBe(deptUnit);
      expect(await s.getByTestId('event-demand').textContent()).toMatch(/^JD/);

      // 3. the department finds it on its workbench and disposes
      const d = await open('dept');
      await d
        .getByTestId('todo-list')
        .getByRole('link', { name: /件网格事件待处置/ })
        .click();
      await d.waitForURL(/\/grid-management\?tab=events$/);
      await d
        .getByTestId('grid-event-table')
        .getByRole('row', { name: new RegExp(marker) })
        .getByRole('link')
        .click();
      expect(await actions(d)).toEqual(['处置反馈', '申请延期']);
      await act(d, 'dispose', async (dialog) => {
        await dialog.getByLabel('处置结果').fill('已临时围挡');
      });
      await expect.poll(() => status(d)).toBe('disposed');

      // 4. the reporter's verification fails: rework goes back to the department
      await c.goto(url);
      await act(c, 'verify', async (dialog) => {
        await dialog.getByText('核查不通过（返工）').click();
        await dialog.getByLabel('返工原因').fill('只做了围挡，井盖仍未更换');
      });
      await expect.poll(() => status(c)).toBe('dispatched');
      expect(await c.getByTestId('event-rework').textContent()).toBe('返工 1 次');
      await screenshot(c, 'grid-event-rework');

      // 5. the department disposes again, the reporter verifies, the street closes
      await d.reload();
      await act(d, 'dispose', async (dialog) => {
        await dialog.getByLabel('处置结果').fill('已更换新井盖并恢复路面');
      });
      await expect.poll(() => status(d)).toBe('disposed');
      await c.reload();
      await act(c, 'verify', async () => {});
      await expect.poll(() => status(c)).toBe('verified');
      await s.reload();
      expect(await actions(s)).toEqual(['结案']);
      await act(s, 'close', async () => {});
      await expect.poll(() => status(s)).toBe('closed');
      const steps = await s
        .getByTestId('event-step')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
      expect(steps).toEqual([
        'reported',
        'registered',
        'escalated',
        'dispatched',
        'disposed',
        'rework',
        'disposed',
        'verified',
        'closed',
      ]);
      await s.getByTestId('event-no-actions').waitFor();
      await screenshot(s, 'grid-event-closed');

      // the register lists it as closed, and it exports
      await s.goto('/grid-management?tab=events');
      const closedRow = s.getByTestId('grid-event-table').getByRole('row', { name: new RegExp(marker) });
      expect(await closedRow.getByTestId('event-status').getAttribute('data-status')).toBe('closed');
      const [file] = await Promise.all([
        s.waitForEvent('download'),
        s.getByTestId('export-grid-events').click(),
      ]);
      expect(file.suggestedFilename()).toBe('网格事件台账.xlsx');

      for (const w of pages) w.expectNoConsoleErrors();
    } finally {
      for (const w of pages) await w.close();
    }
  });
});
