import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, gridCentres } from './api.ts';
import { launchBrowser, logIn, openPage, screenshot } from './browser.ts';

let browser: Browser;
let busiest: string;
beforeAll(async () => {
  browser = await launchBrowser();
  // demands at points inside three grids of 八宝山街道: 3, 2 and 1 of them
  const hotline = await apiAs('hotline');
  const centres = [...(await gridCentres(hotline, '110107001000')).entries()].slice(0, 3);
  const texts = ['小区垃圾桶满溢无人清运，气味很大', '路灯坏了晚上很黑', '楼道里杂物乱堆乱放'];
  for (const [i, [, point]] of centres.entries()) {
    for (let n = 0; n < 3 - i; n++) {
      await hotline.post(
        '/api/demands',
        { content: `${texts[n]}（驾驶舱测试${i}-${n}）`, type: '投诉', point },
        { 'Idempotency-Key': `dashboard-e2e-${i}-${n}-${Date.now()}` },
      );
    }
  }
  busiest = centres[0]?.[0] as string;
  await hotline.dispose();
});
afterAll(async () => {
  await browser?.close();
});

describe('驾驶舱 (leader dashboard)', () => {
  it('draws the grids from their GeoJSON coloured by demand density; a grid opens its demands', async () => {
    const w = await openPage(browser, { width: 1440, height: 900 });
    const p = w.page;
    try {
      await logIn(p, 'supervisor');
      await p.getByTestId('main-menu').getByRole('menuitem', { name: '驾驶舱' }).click();
      await p.waitForURL(/\/dashboard$/);
      const map = p.getByTestId('grid-map');
      await map.locator('canvas').first().waitFor();
      await expect.poll(() => map.getAttribute('data-colored-by')).toBe('诉求量');
      await expect.poll(async () => Number(await map.getAttribute('data-nonzero'))).toBeGreaterThanOrEqual(3);
      expect(Number(await map.getAttribute('data-max'))).toBeGreaterThanOrEqual(3);
      expect(Number(await p.getByTestId('grid-count').getAttribute('data-count'))).toBeGreaterThan(100);
      await p.getByTestId('trend-chart').locator('canvas').waitFor();
      await p.getByTestId('category-chart').locator('canvas').waitFor();
      expect(await p.getByTestId('kpis').textContent()).toMatch(/本月受理\d+/);
      expect(await p.getByTestId('ranking').textContent()).toContain('八宝山街道');
      await p.waitForTimeout(300);
      await screenshot(p, 'dashboard');

      await p.getByTestId('map-metric').getByText('超期数').click();
      await expect.poll(() => map.getAttribute('data-colored-by')).toBe('超期数');

      // the dashboard's figures and the ranking go to Excel
      const [book] = await Promise.all([
        p.waitForEvent('download'),
        p.getByTestId('export-dashboard').click(),
      ]);
      expect(book.suggestedFilename()).toMatch(/^\d{4}-\d{2}-驾驶舱\.xlsx$/);
      const [ranking] = await Promise.all([
        p.waitForEvent('download'),
        p.getByTestId('export-ranking').click(),
      ]);
      expect(ranking.suggestedFilename()).toMatch(/三率排名\.xlsx$/);

      // click-through to a grid (the search box is the map's keyboard route)
      await p.getByTestId('map-metric').getByText('诉求量').click();
      const find = p.getByRole('combobox', { name: '查找网格' });
      await find.click();
      await find.fill(busiest);
      await p.locator('.ant-select-item-option-active').waitFor();
      await p.keyboard.press('Enter');
      await p.waitForURL(new RegExp(`/demands\\?within=${busiest}$`));
      await p.getByTestId('within-tag').waitFor();
      await expect.poll(() => p.getByTestId('demand-link').count()).toBe(3);
      await screenshot(p, 'dashboard-grid-demands');
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });
});
