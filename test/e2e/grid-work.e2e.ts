import type { Browser } from 'playwright-core';
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

/** A 1×1 PNG made here (signature, IHDR, IDAT, IEND), enough for the server's check of the bytes. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

interface EventView {
  id: string;
  code: string;
  description: string;
  status: string;
  gridCode: string;
  point: { lng: number; lat: number } | null;
  photos: { id: string; mime: string }[];
}

describe('网格巡查: the grid worker on a phone', () => {
  it('375 px: records today’s patrol, reports an event with a photo and a tapped point, verifies the disposal', async () => {
    const marker = `${Date.now() % 100000}`;
    const description = `3号楼东侧上水井盖破损，有行人踩空风险（${marker}）`;
    const w = await openPage(browser, { width: 375, height: 812, isMobile: true });
    const p = w.page;
    const overflow = async () =>
      Number(await p.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
    try {
      await logIn(p, 'grid');
      await p.getByTestId('menu-toggle').click();
      await p.getByTestId('main-menu').getByRole('menuitem', { name: '网格巡查' }).click();
      await p.waitForURL(/\/grid-work$/);
      await p.getByText('玉泉路西社区第1网格').first().waitFor();

      // 1. today's patrol log
      await p.getByTestId('patrol-form').waitFor();
      await p.getByLabel('走访户数').fill('12');
      await p.getByLabel('工作内容及发现的问题').fill('巡查1-5号楼，发现3号楼东侧井盖破损，已上报');
      await p.getByTestId('patrol-submit').click();
      await p.getByTestId('patrol-done').waitFor();
      expect(await p.getByTestId('patrol-done').textContent()).toContain('发现3号楼东侧井盖破损');
      expect(await overflow()).toBeLessThanOrEqual(0);
      await screenshot(p, 'mobile-grid-patrol');

      // 2. report an event: category, description, a tap on the grid's map, a photo
      await p.getByRole('tab', { name: '上报事件' }).click();
      const category = p.getByLabel('事件类别', { exact: true });
      await category.click();
      await category.fill('上水井盖');
      await p.locator('.ant-select-item-option-active').waitFor();
      await p.keyboard.press('Enter');
      await p.getByLabel('问题描述').fill(description);
      await p.getByLabel('具体位置').fill('3号楼东侧');
      const map = p.getByTestId('point-map').locator('canvas').first();
      await map.waitFor();
      await expect.poll(() => p.getByTestId('point-value').textContent()).toContain('已选');
      const centred = await p.getByTestId('point-value').textContent();
      const box = await map.boundingBox();
      if (!box) throw new Error('no map box');
      await p.mouse.click(box.x + box.width / 2 + 6, box.y + box.height / 2 + 6);
      await expect.poll(() => p.getByTestId('point-value').textContent()).not.toBe(centred);
      await p.getByTestId('report-photo-input').setInputFiles({
        name: '井盖.png',
        mimeType: 'image/png',
        buffer: PNG,
      });
      await expect.poll(() => p.getByTestId('report-photo').count()).toBe(1);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await screenshot(p, 'mobile-grid-report');
      await p.getByTestId('report-submit').click();

      // 3. it is in the worker's list
      await p.waitForURL(/\/grid-work\?tab=mine$/);
      const item = p.getByTestId('my-event').filter({ hasText: marker });
      await item.waitFor();
      expect(await item.locator('[data-status]').getAttribute('data-status')).toBe('reported');
      expect(await item.textContent()).toContain('待立案');
      expect(await item.textContent()).toContain('1 张照片');
      await screenshot(p, 'mobile-grid-mine');

      // the server has the photo, the point located to the worker's grid
      const grid = await apiAs('grid');
      const mine = await grid.get<{ items: EventView[] }>('/api/grid-events?mine=true');
      await grid.dispose();
      const created = mine.items.find((e) => e.description === description);
      expect(created?.gridCode).toBe('110107001003001');
      expect(created?.point).not.toBeNull();
      expect(created?.photos.map((f) => f.mime)).toEqual(['image/png']);
      const id = created?.id as string;

      // 4. the community registers, handles it itself and disposes; the worker verifies from the workbench
      const community = await apiAs('community');
      for (const action of [
        { kind: 'register' },
        { kind: 'dispatch', handlerUnitCode: '110107001003' },
        { kind: 'dispose', result: '已更换井盖，现场恢复正常' },
      ])
        await community.post(`/api/grid-events/${id}/actions`, action);
      await community.dispose();
      await p.goto('/workbench');
      await p
        .getByTestId('todo-list')
        .getByRole('link', { name: /件网格事件待核查/ })
        .click();
      await p.waitForURL(/\/grid-work\?tab=mine$/);
      const toVerify = p.getByTestId('to-verify').getByTestId('my-event').filter({ hasText: marker });
      await toVerify.getByRole('button').click();
      await p
        .getByRole('dialog')
        .getByRole('button', { name: /确\s*定/ })
        .click();
      await p.getByRole('dialog').waitFor({ state: 'detached' });
      await expect
        .poll(() =>
          p
            .getByTestId('my-event')
            .filter({ hasText: marker })
            .first()
            .locator('[data-status]')
            .getAttribute('data-status'),
        )
        .toBe('verified');
      // (other browser tests may leave their own events waiting for this worker: only ours must be gone)
      expect(
        await p.getByTestId('to-verify').getByTestId('my-event').filter({ hasText: marker }).count(),
      ).toBe(0);
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });
});
