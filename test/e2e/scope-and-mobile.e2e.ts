import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, menuLabels, openPage, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('jurisdiction scope and the grid worker on a phone', () => {
  it('a street dispatcher sees only the own street; another street is a friendly 403', async () => {
    const w = await openPage(browser);
    try {
      await logIn(w.page, 'street');
      await w.page.goto('/jurisdiction');
      const tree = w.page.getByTestId('unit-tree');
      await tree.getByText('八宝山街道').waitFor();
      expect(await tree.locator('.ant-tree-treenode').count()).toBe(1);

      // 鲁谷街道 (street2's street) belongs to someone else: the API refuses it …
      const refused = await w.page.request.get('/api/org-units/110107011000');
      expect(refused.status()).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN_SCOPE');
      // … and the web app says so in words
      await w.page.goto('/jurisdiction/110107011000');
      const detail = w.page.getByTestId('unit-detail-error');
      await detail.getByText('无权访问').waitFor();
      await detail.getByRole('alert').getByText('无权查看本辖区以外的数据').waitFor();
      // the page stays usable: the own street's map is still there
      await w.page.getByTestId('grid-map').locator('canvas').first().waitFor();
      await screenshot(w.page, 'scope-forbidden');
      // the one failed request is the refused one
      w.expectNoConsoleErrors([/status of 403/]);
    } finally {
      await w.close();
    }
  });

  it('the grid worker’s view works 375 px wide: own grid, menu in a drawer, no sideways scrolling', async () => {
    const w = await openPage(browser, { width: 375, height: 812, isMobile: true });
    try {
      await logIn(w.page, 'grid');
      const area = w.page.getByTestId('my-area');
      await area.getByText('我的网格').waitFor();
      await area.getByText('玉泉路西社区第1网格').waitFor();
      await area.locator('canvas').first().waitFor();
      expect(await w.page.getByTestId('grid-count').getAttribute('data-count')).toBe('1');
      // the to-do card (empty, or with what other browser tests left for this worker)
      await w.page.getByTestId('todo-empty').or(w.page.getByTestId('todo-list')).first().waitFor();
      // evaluated in the page (the test's own tsconfig has no DOM types)
      const overflow = async () =>
        Number(
          await w.page.evaluate(
            'document.documentElement.scrollWidth - document.documentElement.clientWidth',
          ),
        );
      expect(await overflow()).toBeLessThanOrEqual(0);
      await screenshot(w.page, 'mobile-grid-workbench');

      await w.page.getByTestId('menu-toggle').click();
      expect(await menuLabels(w.page)).toEqual([
        '工作台',
        '诉求',
        '双向考核',
        '网格巡查',
        '清单与政策',
        '居民参与',
        '辖区',
        '部门',
      ]);
      await w.page.waitForTimeout(400); // the drawer's slide-in, for the screenshot
      await screenshot(w.page, 'mobile-grid-menu');
      await w.page.getByTestId('main-menu').getByRole('menuitem', { name: '辖区' }).click();
      await w.page.waitForURL(/\/jurisdiction$/);
      await w.page.getByTestId('grid-map').locator('canvas').first().waitFor();
      await w.page.getByTestId('unit-tree').getByText('第1网格').click();
      await w.page.waitForURL(/\/jurisdiction\/110107001003001$/);
      await w.page.getByTestId('unit-detail').getByText('110107001003001').waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await screenshot(w.page, 'mobile-grid-jurisdiction');
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });

  it('is usable with the keyboard alone: log in, then reach a screen through the menu', async () => {
    const w = await openPage(browser);
    try {
      await w.page.goto('/login');
      // the user-name field has the focus as soon as the page is up
      await expect
        .poll(() => w.page.evaluate('document.activeElement && document.activeElement.id'))
        .toBe('username');
      await w.page.keyboard.type('community');
      await w.page.keyboard.press('Tab');
      await w.page.keyboard.type('Jiedao2026demo');
      await w.page.keyboard.press('Enter');
      await w.page.waitForURL(/\/workbench$/);
      const menuItem = w.page.getByTestId('main-menu').getByRole('menuitem', { name: '辖区' });
      await menuItem.focus();
      await w.page.keyboard.press('Enter');
      await w.page.waitForURL(/\/jurisdiction$/);
      await w.page.getByTestId('unit-tree').getByText('玉泉路西社区').waitFor();
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });
});
