import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/core/auth/totp.ts';
import { apiAs } from './api.ts';
import { DEMO_PASSWORD, launchBrowser, logIn, openPage, screenshot } from './browser.ts';

let browser: Browser;
// a person of our own: enabling a second factor on a shared demo account would break other tests
const USERNAME = `totp.${Date.now().toString(36)}`;

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await apiAs('admin');
  await admin.post('/api/users', {
    username: USERNAME,
    displayName: '双因素测试',
    unitCode: '110107001000',
    roles: ['street_dispatcher'],
    password: DEMO_PASSWORD,
  });
  await admin.dispose();
});
afterAll(async () => {
  await browser?.close();
});

describe('second factor (TOTP) in the web app', () => {
  it('a person enables it from the QR screen, then logs in with a code; an admin resets it', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await logIn(page, USERNAME);
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '账号安全' }).click();
    await page.waitForURL(/\/account\/security$/);
    await expect.poll(() => page.getByTestId('totp-status').textContent()).toBe('未启用');
    await page.getByTestId('totp-start').click();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expect.poll(() => page.locator('.ant-qrcode canvas').count()).toBe(1);
    // a wrong code is refused in Chinese and nothing is enabled
    await page.getByTestId('totp-code').fill('000000');
    await page.getByRole('button', { name: '确认启用' }).click();
    await page.getByRole('alert').filter({ hasText: '验证码' }).waitFor();
    await page.getByTestId('totp-code').fill(totpCode(secret));
    await page.getByRole('button', { name: '确认启用' }).click();
    await expect.poll(() => page.getByTestId('totp-status').textContent()).toBe('已启用');
    await screenshot(page, 'account-security-enabled');
    await w.context.clearCookies();

    // log-in now asks for the code after the password, and accepts the next one
    await page.goto('/login');
    await page.getByLabel('用户名').fill(USERNAME);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('login-totp').waitFor();
    await page.getByTestId('login-totp').fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/workbench$/);
    w.expectNoConsoleErrors([/status of 40[01]/]);
    await w.close();

    // the district admin sees it in the users list and resets it (phone lost)
    const a = await openPage(browser);
    await logIn(a.page, 'admin');
    await a.page.goto('/users');
    await a.page.getByTestId(`totp-reset-${USERNAME}`).click();
    await a.page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await a.page.getByText('已重置').waitFor();
    await expect.poll(() => a.page.getByTestId(`totp-reset-${USERNAME}`).count()).toBe(0);
    a.expectNoConsoleErrors();
    await a.close();

    // and the person logs in with the password alone again
    const again = await openPage(browser);
    await logIn(again.page, USERNAME);
    again.expectNoConsoleErrors();
    await again.close();
  });
});
