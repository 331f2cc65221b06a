import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, openPage, screenshot, type WatchedPage } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('吹哨报到 in the browser', () => {
  it('the street blows a whistle → the department checks in and records its action → the street closes with a rating', async () => {
    const marker = `${Date.now() % 100000}`;
    const title = `鲁谷路占道经营联合整治（${marker}）`;
    const pages: WatchedPage[] = [];
    try {
      // 1. the street blows, summoning the city management commission
      const street = await openPage(browser);
      pages.push(street);
      const s = street.page;
      await logIn(s, 'street');
      await s.getByTestId('main-menu').getByRole('menuitem', { name: '吹哨报到' }).click();
      await s.waitForURL(/\/whistles$/);
      await s.getByTestId('blow-open').click();
      const form = s.getByTestId('blow-form');
      await form.getByLabel('标题').fill(title);
      await form.getByLabel('问题描述').fill('早晚高峰占道经营反复出现，需城管、交通联合整治');
      await form.getByLabel('地点').fill('八宝山街道鲁谷路');
      const summons = form.getByLabel('召集单位');
      await summons.click();
      await summons.fill('城市管理委员会');
      await s.locator('.ant-select-item-option-active').waitFor();
      await s.keyboard.press('Enter');
      await s.keyboard.press('Escape');
      await s.getByTestId('blow-submit').click();
      await s.waitForURL(/\/whistles\/[0-9a-f-]{36}$/);
      const url = s.url();
      await expect.poll(() => s.getByTestId('whistle-status').getAttribute('data-status')).toBe('summoning');
      await screenshot(s, 'whistle-blown');

      // 2. the department sees it on its workbench and checks in
      const dept = await openPage(browser);
      pages.push(dept);
      const d = dept.page;
      await logIn(d, 'dept');
      await d
        .getByTestId('todo-list')
        .getByRole('link', { name: /个哨单待报到/ })
        .click();
      await d.waitForURL(/\/whistles$/);
      await d
        .getByTestId('whistle-table')
        .getByRole('row', { name: new RegExp(marker) })
        .getByRole('link')
        .click();
      await d.getByTestId('whistle-check-in').click();
      await d.getByTestId('whistle-action-submit').click();
      await expect.poll(() => d.getByTestId('whistle-status').getAttribute('data-status')).toBe('acting');
      await d.getByTestId('whistle-record').click();
      await d.getByLabel('处置情况').fill('已派执法队员到场，清理占道摊位 6 处');
      await d.getByTestId('whistle-action-submit').click();
      await expect.poll(() => d.getByTestId('whistle-step').count()).toBe(3);
      await screenshot(d, 'whistle-checked-in');

      // 3. the street closes it, rating the department
      await s.goto(url);
      await s.getByTestId('whistle-close').click();
      await s.getByLabel('处置结果').fill('占道经营已清理，建立每日巡查机制');
      await s.getByTestId('whistle-action-submit').click();
      await expect.poll(() => s.getByTestId('whistle-status').getAttribute('data-status')).toBe('closed');
      expect(await s.getByTestId('summons-table').textContent()).toContain('90');
      await screenshot(s, 'whistle-closed');

      for (const p of pages) p.expectNoConsoleErrors();
    } finally {
      for (const p of pages) await p.close();
    }
  });
});
