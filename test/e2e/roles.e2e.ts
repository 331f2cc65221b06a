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

/** What each role's menu must offer (mirrors the server's policy files). */
const MENUS: { username: string; unit: string; menu: string[] }[] = [
  {
    username: 'admin',
    unit: '北京市石景山区',
    menu: [
      '工作台',
      '受理',
      '诉求',
      '驾驶舱',
      '督查督办',
      '双向考核',
      '吹哨报到',
      '网格管理',
      '清单与政策',
      '居民参与',
      '辖区',
      '网格导入',
      '部门',
      '用户',
      '审计',
    ],
  },
  {
    username: 'street',
    unit: '八宝山街道',
    menu: [
      '工作台',
      '诉求',
      '驾驶舱',
      '督查督办',
      '双向考核',
      '吹哨报到',
      '网格管理',
      '清单与政策',
      '居民参与',
      '辖区',
      '部门',
      '用户',
    ],
  },
  {
    username: 'hotline',
    unit: '石景山区城市服务管理指挥中心',
    menu: ['工作台', '受理', '诉求', '驾驶舱', '双向考核', '清单与政策', '居民参与', '辖区', '部门'],
  },
  {
    username: 'dept',
    unit: '北京市石景山区城市管理委员会',
    menu: [
      '工作台',
      '诉求',
      '驾驶舱',
      '督查督办',
      '双向考核',
      '吹哨报到',
      '网格管理',
      '清单与政策',
      '居民参与',
      '部门',
      '用户',
    ],
  },
  {
    username: 'auditor',
    unit: '北京市石景山区',
    menu: [
      '工作台',
      '诉求',
      '驾驶舱',
      '督查督办',
      '双向考核',
      '吹哨报到',
      '网格管理',
      '清单与政策',
      '居民参与',
      '辖区',
      '部门',
      '用户',
      '审计',
    ],
  },
];

describe('log-in and the menu of each role', () => {
  for (const { username, unit, menu } of MENUS) {
    it(`${username} sees the menu of the role and the unit`, async () => {
      const w = await openPage(browser);
      try {
        await logIn(w.page, username);
        expect(await menuLabels(w.page)).toEqual(menu);
        await expect.poll(() => w.page.getByTestId('user-unit').textContent()).toBe(unit);
        // the to-do card settles: either items or the "nothing to do" state
        await w.page.locator('[data-testid="todo-empty"], [data-testid="todo-list"]').first().waitFor();
        await screenshot(w.page, `workbench-${username}`);
        w.expectNoConsoleErrors();
      } finally {
        await w.close();
      }
    });
  }

  it('the district admin is asked to confirm demo household figures; a street dispatcher has nothing to do', async () => {
    const admin = await openPage(browser);
    const street = await openPage(browser);
    try {
      await logIn(admin.page, 'admin');
      await expect
        .poll(() => admin.page.getByTestId('todo-list').textContent())
        .toMatch(/\d+ 个社区的户数、人口仍为演示数据/);
      // 鲁谷街道: the other browser tests send their demands to 八宝山街道, and the server is shared
      await logIn(street.page, 'street2');
      await street.page.getByTestId('todo-empty').getByText('暂无待办事项').waitFor();
      await street.page.getByTestId('my-area').getByText('鲁谷街道').waitFor();
      admin.expectNoConsoleErrors();
      street.expectNoConsoleErrors();
    } finally {
      await admin.close();
      await street.close();
    }
  });

  it('a wrong password is refused with a readable message; log-out returns to the log-in page', async () => {
    const w = await openPage(browser);
    try {
      await w.page.goto('/workbench');
      await w.page.waitForURL(/\/login$/);
      await w.page.getByLabel('用户名').fill('street');
      await w.page.getByLabel('密码').fill('wrong-password-1');
      await w.page.getByRole('button', { name: /登\s*录/ }).click();
      await expect.poll(() => w.page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
      await screenshot(w.page, 'login-error');
      await logIn(w.page, 'street');
      await w.page.getByTestId('user-menu').click();
      await w.page.getByRole('menuitem', { name: '退出登录' }).click();
      await w.page.waitForURL(/\/login$/);
      // the session is really gone: a protected page sends us back
      await w.page.goto('/jurisdiction');
      await w.page.waitForURL(/\/login$/);
      // the refused log-in is the one expected failed request
      w.expectNoConsoleErrors([/status of 401/]);
    } finally {
      await w.close();
    }
  });

  it('switches to English and back', async () => {
    const w = await openPage(browser);
    try {
      await logIn(w.page, 'admin');
      await w.page.getByRole('button', { name: 'English' }).click();
      await w.page.getByRole('heading', { name: 'Workbench' }).waitFor();
      expect(await menuLabels(w.page)).toEqual([
        'Workbench',
        'Intake',
        'Demands',
        'Dashboard',
        'Supervision',
        'Assessment',
        'Whistles',
        'Grid management',
        'Lists & policy',
        'Participation',
        'Jurisdiction',
        'Grid import',
        'Departments',
        'Users',
        'Audit',
      ]);
      await expect
        .poll(() => w.page.getByTestId('todo-list').textContent())
        .toMatch(/\d+ communities still have demo households/);
      await screenshot(w.page, 'workbench-admin-en');
      await w.page.getByRole('button', { name: '中文' }).click();
      await w.page.getByRole('heading', { name: '工作台' }).waitFor();
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });
});
