import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const DEMO_PASSWORD = 'Jiedao2026demo';
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/e2e');

/** Debian's Chromium, headless, with everything that would reach the internet switched off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    // playwright gives every launch a fresh, empty --user-data-dir of its own
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const baseUrl = (): string => inject('e2eBaseUrl');

/** A page that records every console error and uncaught exception (asserted empty at the end). */
export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
  /** Fails the test if the page logged an error other than the `allowed` ones. */
  expectNoConsoleErrors: (allowed?: RegExp[]) => void;
  close: () => Promise<void>;
}

export async function openPage(
  browser: Browser,
  options: { width?: number; height?: number; isMobile?: boolean } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: { width: options.width ?? 1366, height: options.height ?? 860 },
    isMobile: options.isMobile ?? false,
    hasTouch: options.isMobile ?? false,
    deviceScaleFactor: options.isMobile ? 2 : 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()} (${msg.location().url})`);
    // warnings do not fail a test, but are shown so that they get fixed
    if (msg.type() === 'warning') console.warn(`[browser warning] ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  return {
    context,
    page,
    errors,
    expectNoConsoleErrors: (allowed = []) => {
      const unexpected = errors.filter((e) => !allowed.some((re) => re.test(e)));
      expect(unexpected, 'browser console errors').toEqual([]);
    },
    close: () => context.close(),
  };
}

/** Logs in through the form, as a person would, and waits for the workbench. */
export async function logIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/workbench$/);
  await page.getByRole('heading', { name: '工作台' }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // from the top, so the sticky header is where a person sees it
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The labels of the main menu as shown. */
export async function menuLabels(page: Page): Promise<string[]> {
  const items = page.getByTestId('main-menu').getByRole('menuitem');
  return (await items.allInnerTexts()).map((s) => s.trim());
}
