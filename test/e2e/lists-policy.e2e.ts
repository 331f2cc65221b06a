import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, openPage, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function download(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).first().click()]);
  return file.suggestedFilename();
}

describe('清单与政策 in the browser', () => {
  it('the district admin reads the policy with its sources, the staffing report, the lists and the burden report, each exported', async () => {
    const w = await openPage(browser);
    const p = w.page;
    try {
      await logIn(p, 'admin');
      await p.getByTestId('main-menu').getByRole('menuitem', { name: '清单与政策' }).click();
      await p.waitForURL(/\/lists$/);
      await p.getByTestId('policy-profile').getByText('通用配置').waitFor();
      const rules = p.getByTestId('policy-rules');
      await rules.getByText('staffing.gridWorkerHouseholds').waitFor();
      expect(await rules.textContent()).toContain('XQ 三(四)2');
      await screenshot(p, 'lists-policy');

      await p.getByRole('tab', { name: '配备与经费' }).click();
      await p.getByTestId('district-report').getByText('玉泉路西社区').waitFor();
      expect(await p.getByTestId('district-report').textContent()).toContain('网格员缺');
      expect(await download(p, 'export-district-report')).toMatch(/\.xlsx$/);

      await p.getByRole('tab', { name: '在用清单' }).click();
      await p.getByTestId('list-versions').getByText('社区工作事项准入清单').first().waitFor();
      await p.getByTestId('list-versions').getByRole('button', { name: '查看事项' }).first().click();
      await p.getByTestId('list-items').locator('.ant-table-row').first().waitFor();
      expect(await download(p, 'export-list')).toMatch(/\.xlsx$/);

      await p.getByRole('tab', { name: '减负统计' }).click();
      await p.getByTestId('burden-report').getByText('玉泉路西社区').waitFor();
      expect(await download(p, 'export-burden-report')).toMatch(/\.xlsx$/);
      await screenshot(p, 'lists-burden');
      w.expectNoConsoleErrors();
    } finally {
      await w.close();
    }
  });
});
