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

const timelineTypes = (page: Page) =>
  page
    .getByTestId('timeline-event')
    .evaluateAll((els) => els.map((e) => (e as unknown as { dataset: { type: string } }).dataset.type));

/** Opens an action's dialog, lets `fill` complete the form, submits it and waits for the new status. */
async function act(page: Page, kind: string, status: string, fill?: () => Promise<void>) {
  await page.getByTestId(`action-${kind}`).click();
  await page.getByTestId('action-form').waitFor();
  await fill?.();
  await page.getByTestId('action-submit').click();
  await page.getByTestId('action-form').waitFor({ state: 'detached' });
  await expect.poll(() => page.getByTestId('status-tag').first().getAttribute('data-status')).toBe(status);
}

/** Picks an option of an antd Select through its label, by typing and Enter (the keyboard route). */
async function pick(page: Page, label: string, text: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(text);
  await page.locator('.ant-select-item-option-active').waitFor();
  await page.keyboard.press('Enter');
}

describe('接诉即办 in the browser: every actor logs in and does their step', () => {
  it('intake → dispatch → street re-dispatch → community reply → hotline callback → closed', async () => {
    const marker = `${Date.now() % 100000}`;
    const content = `楼道里杂物乱堆乱放，占用楼道很久了，影响通行（${marker}号楼）`;
    const pages: WatchedPage[] = [];
    try {
      // 1. the hotline operator takes the call, typing while the caller talks
      const hotline = await openPage(browser);
      pages.push(hotline);
      const h = hotline.page;
      await logIn(h, 'hotline');
      await h.getByTestId('main-menu').getByRole('menuitem', { name: '受理' }).click();
      await h.waitForURL(/\/demands\/intake$/);
      // the content box has the focus: the operator just types
      await expect
        .poll(() => h.evaluate('document.activeElement && document.activeElement.id'))
        .toBe('content');
      await h.keyboard.type(content);
      await h.getByLabel('发生地点').fill('八宝山街道玉泉路西社区5号楼');
      await h.getByLabel('来电人').fill('张三');
      await h.getByLabel('来电号码').fill('13812345678');
      // live suggestions with the why
      await expect.poll(() => h.getByTestId('suggested-owner').textContent()).toBe('八宝山街道');
      await expect.poll(() => h.getByTestId('suggest-categories').textContent()).toContain('乱堆物堆料');
      await expect.poll(() => h.getByTestId('suggest-location').textContent()).toContain('玉泉路西社区');
      expect(await h.getByTestId('suggest-owner').textContent()).toContain('街道职责清单');
      await h.getByTestId('pick-category-0').click();
      await screenshot(h, 'intake-suggestions');
      // one key dispatches; pressed twice (a nervous double press) it still makes one demand
      await h.keyboard.press('Control+Enter');
      await h.keyboard.press('Control+Enter');
      await h.getByTestId('intake-result').waitFor();
      const code = (await h.getByTestId('created-code').textContent())?.trim() ?? '';
      expect(code).toMatch(/^JD\d{6}[0-9A-Z]{6}$/);
      const api = await apiAs('hotline');
      const found = await api.get<{ items: { id: string; code: string }[] }>(
        `/api/demands?q=${encodeURIComponent(content)}`,
      );
      await api.dispose();
      expect(found.items.map((d) => d.code)).toEqual([code]);
      const id = found.items[0]?.id as string;
      // the form is ready for the next call
      expect(await h.getByLabel('诉求内容').inputValue()).toBe('');
      await screenshot(h, 'intake-created');

      await h.getByTestId('created-link').click();
      await h.waitForURL(new RegExp(`/demands/${id}$`));
      await expect.poll(() => timelineTypes(h)).toEqual(['created', 'dispatched', 'copied']);
      expect(await h.getByTestId('owner').textContent()).toBe('八宝山街道');
      // the caller is masked; "显示" asks why and shows the number (audited by the server)
      expect(await h.getByTestId('caller').textContent()).toContain('138****5678');
      await h.getByTestId('reveal-caller').click();
      await h.getByTestId('reveal-reason').fill('回访核实联系方式');
      await h.getByTestId('reveal-confirm').click();
      await expect.poll(() => h.getByTestId('caller').textContent()).toContain('13812345678');
      // the hotline may only merge a dispatched demand: no handling actions offered
      expect(await h.getByTestId('action-sign').count()).toBe(0);
      await screenshot(h, 'demand-dispatched');

      // 2. the street signs for it and re-dispatches it to its community
      const street = await openPage(browser);
      pages.push(street);
      const s = street.page;
      await logIn(s, 'street');
      await s
        .getByTestId('todo-list')
        .getByRole('link', { name: /件诉求待签收/ })
        .click();
      await s.waitForURL(/\/demands\?status=dispatched&mine=1$/);
      await s.getByTestId('demand-table').getByRole('link', { name: code }).click();
      await s.waitForURL(new RegExp(`/demands/${id}$`));
      await s.getByTestId('countdown').first().waitFor();
      await act(s, 'sign', 'in_progress');
      await act(s, 'redispatch', 'dispatched', async () => {
        await pick(s, '转派至', '玉泉路西');
        await s.getByLabel('说明').fill('属社区职责，请社区组织清理');
      });
      expect(await s.getByTestId('owner').textContent()).toBe('玉泉路西社区');
      await screenshot(s, 'demand-redispatched');

      // 3. the community signs, contacts the caller and replies
      const community = await openPage(browser);
      pages.push(community);
      const c = community.page;
      await logIn(c, 'community');
      await c
        .getByTestId('todo-list')
        .getByRole('link', { name: /件诉求待签收/ })
        .waitFor();
      await c.goto(`/demands/${id}`);
      await act(c, 'sign', 'in_progress');
      await act(c, 'contact', 'in_progress', () => c.getByLabel('说明').fill('已电话联系居民，约定明早清理'));
      await act(c, 'reply', 'replied', () =>
        c.getByLabel('办理结果', { exact: true }).fill('已组织物业清理楼道杂物，通道恢复畅通'),
      );
      expect(await c.getByTestId('no-actions').count()).toBe(1);
      await screenshot(c, 'demand-replied');

      // 4. the hotline calls back: resolved and satisfied closes it
      await h.goto('/workbench');
      await h
        .getByTestId('todo-list')
        .getByRole('link', { name: /件诉求待回访/ })
        .click();
      await h.waitForURL(/\/demands\?status=replied$/);
      await h.getByTestId('demand-table').getByRole('link', { name: code }).click();
      await act(h, 'callback', 'closed', async () => {
        await h.getByLabel('已解决').check();
        await h.getByLabel('满意', { exact: true }).check();
      });
      await expect
        .poll(() => timelineTypes(h))
        .toEqual([
          'created',
          'dispatched',
          'copied',
          'signed',
          'redispatched',
          'signed',
          'contacted',
          'replied',
          'callback',
          'closed',
        ]);
      const timeline = await h.getByTestId('timeline').textContent();
      expect(timeline).toContain('转派');
      expect(timeline).toContain('承办：玉泉路西社区');
      expect(timeline).toContain('已组织物业清理楼道杂物');
      expect(timeline).toContain('满意');
      await screenshot(h, 'demand-closed');

      // the register of the list exports to Excel
      await h.goto('/demands?status=closed');
      await h.getByTestId('demand-table').getByRole('link', { name: code }).waitFor();
      const [download] = await Promise.all([
        h.waitForEvent('download'),
        h.getByTestId('export-demands').click(),
      ]);
      expect(download.suggestedFilename()).toBe('诉求清单.xlsx');
      await screenshot(h, 'demand-list');

      for (const p of pages) p.expectNoConsoleErrors();
    } finally {
      for (const p of pages) await p.close();
    }
  });

  it('intake by keyboard: a refusal hint refuses an emergency; Alt+2 answers a consultation directly', async () => {
    const w = await openPage(browser);
    const h = w.page;
    try {
      await logIn(h, 'hotline');
      await h.goto('/demands/intake');
      await h.getByLabel('诉求内容').fill('楼下着火了，冒了很多烟，有人被困');
      await h.getByLabel('发生地点').fill('八宝山街道玉泉路西社区');
      await expect.poll(() => h.getByTestId('refusal-hint').textContent()).toContain('110/119/120/122');
      await screenshot(h, 'intake-refusal-hint');
      await h.getByTestId('refusal-hint').getByRole('button').click();
      await expect
        .poll(() => h.getByLabel('不予受理理由').locator('..').locator('..').textContent())
        .toContain('紧急服务');
      await h.getByLabel('诉求内容').focus();
      await h.keyboard.press('Control+Enter');
      await expect.poll(() => h.getByTestId('intake-result').textContent()).toContain('不予受理');

      await h.getByLabel('诉求内容').fill('请问办理居住证需要带哪些材料，在哪里办理');
      await h.getByLabel('发生地点').fill('八宝山街道');
      await h.keyboard.press('Alt+2');
      await h.getByLabel('答复内容').fill('携带身份证、居住证明到街道政务服务中心办理。');
      await h.keyboard.press('Control+Enter');
      await expect.poll(() => h.getByTestId('intake-result').textContent()).toContain('直接办结');
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });
});
