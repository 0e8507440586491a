import {existsSync} from 'node:fs';
import {chromium, type Browser, type Page} from 'playwright-core';
import {DEMO_PASSWORD} from '../../server/seed/demo-people.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The system Chromium (Debian package), headless, with no background traffic. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
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

/** Signs in through the real sign-in page. */
export async function signInThroughPage(page: Page, appUrl: string, email: string): Promise<void> {
  await page.goto(appUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', {name: 'Sign in'}).click();
  await page.getByRole('status').filter({hasText: 'Online'}).waitFor({timeout: 30_000});
}
