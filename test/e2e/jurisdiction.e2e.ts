import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, openPage, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('辖区: tree, map, details', () => {
  it('the grid map renders every grid of the district from GeoJSON, and a click opens a grid', async () => {
    const w = await openPage(browser);
    try {
      await logIn(w.page, 'admin');
      const fc = (await (await w.page.request.get('/api/grids')).json()) as { features: unknown[] };
      expect(fc.features.length).toBeGreaterThan(100);
      await w.page.getByTestId('main-menu').getByRole('menuitem', { name: '辖区' }).click();
      await w.page.waitForURL(/\/jurisdiction$/);
      const map = w.page.getByTestId('grid-map');
      await map.locator('canvas').first().waitFor();
      expect(await w.page.getByTestId('grid-count').getAttribute('data-count')).toBe(
        String(fc.features.length),
      );
      await expect
        .poll(() => w.page.getByTestId('grid-count').textContent())
        .toBe(`共 ${fc.features.length} 个网格`);
      await w.page
        .getByText(/合成边界/)
        .first()
        .waitFor();
      await screenshot(w.page, 'jurisdiction-admin');

      // the synthetic district is a tessellation: the middle of the map is some grid
      const box = await map.boundingBox();
      if (!box) throw new Error('map has no box');
      await w.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await w.page.waitForURL(/\/jurisdiction\/\d{15}$/);
      const detail = w.page.getByTestId('unit-detail');
      await detail.getByText('网格', { exact: true }).waitFor();
      const code = w.page.url().split('/').pop() ?? '';
      await detail.getByText(code, { exact: true }).waitFor();
      // the map zoomed to the grid's community and highlights it
      await expect
        .poll(async () => Number(await w.page.getByTestId('grid-count').getAttribute('data-count')))
        .toBeLessThan(10);
      await screenshot(w.page, 'jurisdiction-grid-selected');
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });

  it('the district admin edits a community’s households through the tree; the change is audited', async () => {
    const w = await openPage(browser);
    try {
      await logIn(w.page, 'admin');
      await w.page.goto('/jurisdiction');
      const tree = w.page.getByTestId('unit-tree');
      const street = tree.locator('.ant-tree-treenode', { hasText: '八宝山街道' });
      await street.locator('.ant-tree-switcher').click();
      const community = tree.locator('.ant-tree-treenode', { hasText: '电子科技情报研究所社区' });
      await community.locator('.ant-tree-title').click();
      await w.page.waitForURL(/\/jurisdiction\/110107001004$/);
      const detail = w.page.getByTestId('unit-detail');
      await detail.getByTestId('demo-tag').waitFor();

      await detail.getByTestId('edit-unit').click();
      const dialog = w.page.getByRole('dialog');
      const households = dialog.getByLabel('户数');
      await households.fill('1234');
      await dialog.getByRole('checkbox', { name: '老龄化' }).check();
      await screenshot(w.page, 'jurisdiction-edit-dialog');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await w.page.getByText('已保存（已记入审计日志）').waitFor();
      await expect.poll(() => detail.getByTestId('unit-households').textContent()).toBe('1,234');
      await expect.poll(() => detail.getByTestId('demo-tag').count()).toBe(0);
      // the tree shows the new figure too
      await expect.poll(() => community.textContent()).toContain('1,234 户');

      const audit = (await (await w.page.request.get('/api/audit?action=org_unit.update')).json()) as {
        items: { targetId: string; actor: string; details: { after: { households?: number } } }[];
      };
      const entry = audit.items.find((e) => e.targetId === '110107001004');
      expect(entry?.actor).toBe('admin');
      expect(entry?.details.after.households).toBe(1234);

      await w.page.getByTestId('main-menu').getByRole('menuitem', { name: '审计' }).click();
      await w.page.getByTestId('audit-table').getByText('org_unit.update').first().waitFor();
      await w.page.getByTestId('audit-verify').click();
      await expect
        .poll(() => w.page.getByTestId('audit-verify-result').textContent())
        .toContain('审计链完整');
      await screenshot(w.page, 'audit-verified');
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });

  it('users: phones are masked; the admin shows one with a reason, which is audited', async () => {
    const w = await openPage(browser);
    try {
      await logIn(w.page, 'admin');
      await w.page.goto('/users');
      const phone = w.page.getByTestId('phone-street');
      await expect.poll(() => phone.textContent()).toMatch(/^1\d\d\*{4}\d{4}$/);
      await w.page.getByTestId('reveal-street').click();
      await w.page.getByTestId('reveal-reason').fill('核实派单联系人');
      await w.page
        .getByRole('dialog')
        .getByRole('button', { name: /显\s*示/ })
        .click();
      await expect.poll(() => phone.textContent()).toMatch(/^1\d{10}$/);
      await w.page.getByRole('dialog').waitFor({ state: 'hidden' });
      await screenshot(w.page, 'users-revealed');
      const audit = (await (await w.page.request.get('/api/audit?action=user.reveal_phone')).json()) as {
        items: { details: { reason: string } }[];
      };
      expect(audit.items[0]?.details.reason).toBe('核实派单联系人');
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });

  it('departments list the district’s units with their aliases', async () => {
    const w = await openPage(browser);
    try {
      await logIn(w.page, 'street');
      await w.page.getByTestId('main-menu').getByRole('menuitem', { name: '部门' }).click();
      await w.page.getByTestId('departments-table').getByText('石景山区城市服务管理指挥中心').waitFor();
      await w.page.locator('.ant-segmented-item', { hasText: '公共服务企业' }).click();
      await w.page.getByTestId('departments-table').getByText('24小时服务').first().waitFor();
      await screenshot(w.page, 'departments');
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });
});
