import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS, type DemoAccount, type UserRole } from '@shop/contracts';
import { waitFor } from '@shop/testing';

/** The demo account of a role (the normal shopper for `customer`). */
export function demoAccount(role: UserRole): DemoAccount {
  return DEMO_ACCOUNTS.find((a) => a.role === role && a.tier === 'normal')!;
}

/** Fills the admin console's sign-in form with `account` and submits it. */
export async function submitConsoleLogin(page: Page, baseUrl: string, account: DemoAccount): Promise<void> {
  if (!page.url().includes('/admin/login'))
    await page.goto(`${baseUrl}/admin/login`, { waitUntil: 'networkidle' });
  await page.fill('input[type=email]', account.email);
  await page.fill('input[type=password]', account.password);
  await page.click('button[type=submit]');
}

/**
 * Signs the demo admin in to the console and waits for the Service Monitor. The auth instance may join before
 * it has seeded the demo accounts: the form is sent again until it has.
 */
export async function signInAdmin(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`, { waitUntil: 'networkidle' });
  await waitFor(
    async () => {
      await submitConsoleLogin(page, baseUrl, demoAccount('admin'));
      return page
        .waitForURL(/\/admin\/services/, { timeout: 2000 })
        .then(() => true)
        .catch(() => undefined);
    },
    'the admin to sign in',
    30_000,
    500,
  );
}
