import { readFileSync } from 'node:fs';
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

/** A day `days` from today (Beijing), as a plan writes it: 2026年6月30日. */
function zhDay(days: number): string {
  const d = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** The format sample with deadlines: task 3 overdue (red), 6 due in 3 days (yellow), 7 next year. */
function planText(): string {
  const sample = readFileSync(new URL('../../../shared/samples/plan-sample-a.txt', import.meta.url), 'utf8');
  return sample
    .replace('牵头单位:区委编办\n', `牵头单位:区委编办\n完成时间:${zhDay(-40)}\n`)
    .replace('牵头单位:区财政局\n', `牵头单位:区财政局\n完成时间:${zhDay(3)}\n`)
    .replace('牵头单位:区城市管理委\n', `牵头单位:区城市管理委\n完成时间:${zhDay(300)}\n`);
}

describe('督查督办 in the browser', () => {
  it('a pasted plan is previewed, imported with progress, shown red-yellow-green; units report, supervisors comment', async () => {
    const pages: WatchedPage[] = [];
    try {
      const sup = await openPage(browser, { width: 1440, height: 900 });
      pages.push(sup);
      const s = sup.page;
      await logIn(s, 'supervisor');
      await s.getByTestId('main-menu').getByRole('menuitem', { name: '督查督办' }).click();
      await s.waitForURL(/\/tasks$/);
      await s.getByTestId('import-plan').click();
      await s.waitForURL(/\/tasks\/import$/);
      await s.getByTestId('plan-text').fill(planText());
      await s.getByTestId('preview-plan').click();
      const preview = s.getByTestId('plan-preview');
      await preview.waitFor();
      expect(await preview.textContent()).toContain('健全街道党工委议事规则');
      expect(await s.getByTestId('unit-matches').textContent()).toContain('区城管监督指挥中心');
      await screenshot(s, 'tasks-preview');
      await s.getByTestId('run-import').click();
      await s.getByTestId('import-result').waitFor();
      expect(await s.getByTestId('import-result').textContent()).toContain('共 7 项任务');
      await s.getByTestId('open-board').click();
      await s.waitForURL(/\/tasks\/plans\/[0-9a-f-]+$/);
      const board = s.getByTestId('rag-board');
      await board.waitFor();
      expect(await s.getByTestId('count-overdue').textContent()).toBe('1');
      expect(await s.getByTestId('count-at_risk').textContent()).toBe('1');
      expect(await s.getByTestId('count-on_track').textContent()).toBe('5');
      expect(await s.getByTestId('column-overdue').getByTestId('task-card').count()).toBe(1);
      expect(await s.getByTestId('column-at_risk').getByTestId('task-card').textContent()).toContain(
        '区财政局',
      );
      await screenshot(s, 'tasks-board');
      const [xlsx] = await Promise.all([s.waitForEvent('download'), s.getByTestId('export-plan').click()]);
      expect(xlsx.suggestedFilename()).toMatch(/进展-\d{4}-\d{2}-\d{2}\.xlsx$/);
      await s.getByRole('tab', { name: '督查通报' }).click();
      await expect.poll(() => s.getByTestId('bulletin').textContent()).toContain('区委编办');
      const [bulletin] = await Promise.all([
        s.waitForEvent('download'),
        s.getByTestId('export-bulletin').click(),
      ]);
      expect(bulletin.suggestedFilename()).toMatch(/督查通报-\d{4}-\d{2}-\d{2}\.xlsx$/);
      await screenshot(s, 'tasks-bulletin');

      // the overdue task: a supervisor's comment
      await s.getByRole('tab', { name: '红黄绿看板' }).click();
      await s.getByTestId('column-overdue').getByTestId('task-card').click();
      await s.waitForURL(/\/tasks\/item\/[0-9a-f-]+$/);
      await s.getByTestId('comment-form').getByLabel('督办意见').fill('请区委编办本周内报送进展');
      await s.getByTestId('comment-form').getByRole('button').click();
      await expect.poll(() => s.getByText('请区委编办本周内报送进展').count()).toBe(1);
      await screenshot(s, 'task-detail-comment');

      // the lead department reports its part done: the task turns done
      const dept = await openPage(browser);
      pages.push(dept);
      const d = dept.page;
      await logIn(d, 'dept');
      await d.getByTestId('main-menu').getByRole('menuitem', { name: '督查督办' }).click();
      await d.getByTestId('plan-link').first().click();
      await d.getByTestId('rag-board').getByTestId('task-card').filter({ hasText: '多网合一' }).click();
      await d.getByLabel('进展情况').fill('已完成全区网格“多网合一”整合，统一网格员管理办法已印发。');
      await d.getByLabel('本单位牵头部分已完成').check();
      await d
        .getByTestId('progress-form')
        .getByRole('button', { name: /报\s*送/ })
        .click();
      await expect.poll(() => d.getByTestId('task-status').first().getAttribute('data-status')).toBe('done');
      expect(await d.getByTestId('progress-list').textContent()).toContain('多网合一');
      await screenshot(d, 'task-detail-done');

      for (const p of pages) p.expectNoConsoleErrors();
    } finally {
      for (const p of pages) await p.close();
    }
  });
});
