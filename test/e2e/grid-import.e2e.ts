import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

interface Feature {
  type: 'Feature';
  geometry: unknown;
  properties: Record<string, unknown>;
}

describe('网格导入: a GeoJSON file with progress', () => {
  it('imports known grids, and lists every problem of a bad file without importing any of it', async () => {
    const w = await openPage(browser);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'jiedao-e2e-geojson-'));
    try {
      await logIn(w.page, 'admin');
      const fc = (await (await w.page.request.get('/api/grids?within=110107002000')).json()) as {
        features: Feature[];
      };
      const picked = fc.features.slice(0, 2).map((f) => ({
        type: 'Feature',
        geometry: f.geometry,
        properties: { code: f.properties.code, name: `${String(f.properties.name)}（核定）` },
      }));
      const good = path.join(dir, 'grids.geojson');
      writeFileSync(good, JSON.stringify({ type: 'FeatureCollection', features: picked }));
      const bad = path.join(dir, 'bad.geojson');
      writeFileSync(
        bad,
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', geometry: picked[0]?.geometry, properties: { code: '12345' } },
            { type: 'Feature', geometry: { type: 'Point', coordinates: [116, 40] }, properties: {} },
          ],
        }),
      );

      await w.page.getByTestId('main-menu').getByRole('menuitem', { name: '网格导入' }).click();
      await w.page.waitForURL(/\/grids\/import$/);
      await w.page.locator('input[type=file]').setInputFiles(good);
      await expect
        .poll(() => w.page.getByTestId('grid-import-result').textContent())
        .toContain('新建 0 个网格，更新 2 个网格');
      // the progress bar ran to the end: read → check → upload → apply → done
      await w.page.locator('[data-testid="grid-import-progress"].ant-progress-status-success').waitFor();
      await screenshot(w.page, 'grid-import-done');
      const unit = (await (
        await w.page.request.get(`/api/org-units/${picked[0]?.properties.code}`)
      ).json()) as {
        name: string;
      };
      expect(unit.name).toContain('（核定）');

      await w.page.getByRole('button', { name: '导入另一个文件' }).click();
      await w.page.locator('input[type=file]').setInputFiles(bad);
      const error = w.page.getByTestId('grid-import-error');
      await expect.poll(() => error.textContent()).toContain('未导入任何网格');
      await expect.poll(() => error.getByRole('listitem').count()).toBe(2);
      await screenshot(w.page, 'grid-import-problems');
      // the server's 400 is the one failed request
      w.expectNoConsoleErrors([/status of 400/]);
    } finally {
      await w.close();
    }
  });
});
