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

interface WhistleView {
  level: string;
  summons: { kind: string; name: string; checkedInAt: string | null }[];
}

describe('社区吹哨、党员报到 in the browser', () => {
  it('a community blows a whistle summoning two registered party members picked from its register', async () => {
    const marker = `${Date.now() % 100000}`;
    const w = await openPage(browser);
    const p = w.page;
    try {
      await logIn(p, 'community');
      await p.getByTestId('main-menu').getByRole('menuitem', { name: '吹哨报到' }).click();
      await p.waitForURL(/\/whistles$/);
      await p.getByTestId('blow-open').click();
      const form = p.getByTestId('blow-form');
      await form.getByLabel('标题').fill(`楼道清理志愿服务（${marker}）`);
      await form.getByLabel('问题描述').fill('3号楼楼道堆物较多，召集在职党员周末协助清理并劝导');
      await form.getByLabel('地点').fill('玉泉路西社区3号楼');
      // submitting with nobody summoned is refused in the form
      await p.getByTestId('blow-submit').click();
      await form.getByText('请至少召集一个单位或党员').waitFor();
      const members = form.getByLabel('召集党员');
      await members.click();
      // the picker lists the community's register (names with their work units)
      const wang = p.locator('.ant-select-item-option').filter({ hasText: '王建国' }).first();
      await wang.waitFor();
      expect(await wang.textContent()).toContain('区教育委员会');
      for (const name of ['王建国', '李秀兰']) {
        await members.fill(name);
        await p.locator('.ant-select-item-option-active').filter({ hasText: name }).waitFor();
        await p.keyboard.press('Enter');
      }
      await p.keyboard.press('Escape');
      await screenshot(p, 'whistle-members-picked');
      await p.getByTestId('blow-submit').click();
      await p.waitForURL(/\/whistles\/[0-9a-f-]{36}$/);
      const id = p.url().split('/').at(-1) as string;
      await expect.poll(() => p.getByTestId('whistle-status').getAttribute('data-status')).toBe('summoning');
      const table = p.getByTestId('summons-table');
      await expect.poll(() => table.textContent()).toContain('王建国');
      expect(await table.textContent()).toContain('李秀兰');

      // the blower checks one member in on their behalf (members without an account)
      const row = table.getByRole('row', { name: /王建国/ });
      await row.getByTestId('whistle-check-in').click();
      await p.getByTestId('whistle-action-submit').click();
      await expect.poll(() => p.getByTestId('whistle-status').getAttribute('data-status')).toBe('acting');
      await screenshot(p, 'whistle-members-checked-in');

      const community = await apiAs('community');
      const whistle = await community.get<WhistleView>(`/api/whistles/${id}`);
      await community.dispose();
      expect(whistle.level).toBe('community');
      expect(whistle.summons.map((s) => [s.kind, s.name, Boolean(s.checkedInAt)])).toEqual([
        ['party_member', '王建国', true],
        ['party_member', '李秀兰', false],
      ]);
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });
});
