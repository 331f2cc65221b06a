import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launchBrowser, openPage, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const overflow = async (page: Page) =>
  Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));

describe('the public portal, on a phone, without log-in', () => {
  it('a resident submits a demand, tracks it, rates the result; public statistics show the streets', async () => {
    const w = await openPage(browser, { width: 375, height: 812, isMobile: true });
    const p = w.page;
    try {
      await p.goto('/portal');
      await p.getByRole('heading', { name: '我要反映' }).waitFor();
      await p.getByLabel('反映内容').fill('小区门口的路灯坏了一个多星期，晚上出行很不安全，请尽快维修。');
      await p.getByLabel('发生地点').fill('八宝山街道玉泉路西社区3号楼');
      await p.getByLabel('联系电话').fill('13900001234');
      expect(await overflow(p)).toBeLessThanOrEqual(0);
      await screenshot(p, 'portal-form');
      // the form must have been open a few seconds (the captcha-free abuse limit)
      await p.waitForTimeout(3200);
      await p.getByTestId('portal-submit').click();
      await p.getByTestId('portal-submitted').waitFor();
      const code = (await p.getByTestId('portal-code').textContent())?.trim() ?? '';
      const secret = (await p.getByTestId('portal-secret').textContent())?.trim() ?? '';
      expect(code).toMatch(/^JD\d{6}[0-9A-Z]{6}$/);
      expect(secret).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
      await screenshot(p, 'portal-submitted');

      await p.getByTestId('portal-track-link').click();
      await p.waitForURL(new RegExp(`/portal/track/${code}$`));
      await p.getByTestId('portal-track').waitFor();
      await expect
        .poll(() => p.getByTestId('status-tag').getAttribute('data-status'))
        .toBe('pending_dispatch');
      expect(await p.getByTestId('portal-steps').textContent()).toContain('已受理');
      expect(await p.getByTestId('portal-track').textContent()).not.toContain('13900001234');
      expect(await overflow(p)).toBeLessThanOrEqual(0);
      await screenshot(p, 'portal-track');

      // staff handle it (through the API: the staff screens have their own test)
      const hotline = await apiAs('hotline');
      const street = await apiAs('street');
      const [demand] = (await hotline.get<{ items: { id: string }[] }>(`/api/demands?q=${code}`)).items;
      const id = demand?.id as string;
      await hotline.post(`/api/demands/${id}/actions`, { kind: 'dispatch', ownerUnitCode: '110107001000' });
      await street.post(`/api/demands/${id}/actions`, { kind: 'sign' });
      await street.post(`/api/demands/${id}/actions`, {
        kind: 'reply',
        result: '已联系供电所更换路灯灯头，恢复照明',
      });

      // back on the phone: the result can be rated; the secret is remembered by this device
      await p.reload();
      await p.getByTestId('portal-rate').waitFor();
      expect(await p.getByLabel('评价码').inputValue()).toBe(secret);
      await p.getByLabel('已解决').check();
      await p.getByLabel('满意', { exact: true }).check();
      await screenshot(p, 'portal-rate');
      await p.getByTestId('portal-rate-submit').click();
      await p.getByTestId('portal-rated').waitFor();
      await expect.poll(() => p.getByTestId('status-tag').getAttribute('data-status')).toBe('closed');
      await screenshot(p, 'portal-rated');
      // the staff timeline shows the resident's rating as the callback
      const detail = await hotline.get<{ events: { type: string; actor: string }[] }>(`/api/demands/${id}`);
      expect(detail.events.slice(-2).map((e) => [e.type, e.actor])).toEqual([
        ['callback', 'public:resident'],
        ['closed', 'public:resident'],
      ]);
      await hotline.dispose();
      await street.dispose();

      // public statistics: every street, 八宝山 scored
      await p.getByTestId('portal-nav').getByRole('menuitem', { name: '公开统计' }).click();
      await p.waitForURL(/\/portal\/stats$/);
      await expect.poll(() => p.getByTestId('portal-ranking').locator('.ant-list-item').count()).toBe(9);
      expect(await p.getByTestId('portal-ranking').textContent()).toContain('八宝山街道');
      await p.getByTestId('portal-chart').locator('canvas').waitFor();
      expect(await overflow(p)).toBeLessThanOrEqual(0);
      await screenshot(p, 'portal-stats');
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });

  it('is usable with the keyboard: the form is filled and sent without a mouse', async () => {
    const w = await openPage(browser);
    const p = w.page;
    try {
      await p.goto('/portal/track');
      await p.getByTestId('portal-code-input').focus();
      await p.keyboard.type('JD000000AAAAAA');
      await p.keyboard.press('Enter');
      await p.waitForURL(/\/portal\/track\/JD000000AAAAAA$/);
      await p.getByText('未找到该受理编号').waitFor();
      // the one failed request is the unknown code
      w.expectNoConsoleErrors([/status of 404/]);
    } finally {
      await w.close();
    }
  });
});
