/**
 * Through a real JupyterHub (testing/hub: dummy authenticator, simple spawner, a home per user)
 * in Chromium: an onboarding link opens the sign-in panel straight after the hub's login and
 * leaves the address clean; a mode the administrator turned off says so; loopback sign-in goes
 * through the hub's proxy and lands in the user's own home.
 */
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';

import { screenshotPath } from './flows-helpers';

const REPO = path.resolve(__dirname, '..', '..');
const VENV_PYTHON = path.join(REPO, '.venv', 'bin', 'python');
const PYTHON = fs.existsSync(VENV_PYTHON) ? VENV_PYTHON : 'python3';

interface IHub {
  hub: string;
  fake_google: string;
  homes: string;
}

let hubProcess: ChildProcess | undefined;
let hub: IHub;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  hubProcess = spawn(
    PYTHON,
    ['-m', 'testing.hub', '--arg=--GoogleAuth.allow_gcloud=False'],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] }
  );
  const lines = readline.createInterface({ input: hubProcess.stdout! });
  hub = await new Promise<IHub>((resolve, reject) => {
    lines.once('line', line => resolve(JSON.parse(line)));
    hubProcess!.once('exit', code => reject(new Error(`hub exited (${code})`)));
  });
});

test.afterAll(() => {
  hubProcess?.kill('SIGTERM');
});

test('an onboarding link signs a hub user in from the login page', async ({
  browser
}) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 }
  });
  const page = await context.newPage();
  // What a hub's README links to: the user's server, with the sign-in opened.
  const next = '/hub/user-redirect/lab?google-auth=signin&preset=earthengine';
  await page.goto(`${hub.hub}/hub/login?next=${encodeURIComponent(next)}`);
  await page.locator('input[name="username"]').fill('ann');
  await page.locator('input[name="password"]').fill('hub-test-password');
  await page.locator('input[type="submit"], button[type="submit"]').click();

  const panel = page.locator('.jp-GoogleAuth-panel');
  await expect(panel).toBeVisible({ timeout: 120_000 });
  // The parameter is gone from the address bar; the user's own server is open.
  expect(page.url()).toContain('/user/ann/lab');
  expect(page.url()).not.toContain('google-auth=');

  // The reasons name JupyterHub; gcloud is turned off by the administrator.
  await expect(panel).toContainText('JupyterHub');
  await expect(panel.locator('[data-mode="gcloud"]').first()).toContainText(
    'Turned off by your administrator'
  );

  // Loopback through the hub's proxy: Google sends the browser back to /user/ann/. The link
  // started the sign-in and opened Google's page in a tab of its own (no second tab).
  await expect(panel.locator('.jp-GoogleAuth-flow')).toBeVisible({
    timeout: 30_000
  });
  await expect.poll(() => context.pages().length).toBe(2);
  const tab = context.pages().find(p => p !== page)!;
  await tab.locator('input[name="account"][value="alice@example.com"]').check();
  await tab.locator('button[value="allow"]').click();
  await expect(tab.locator('h1')).toHaveText('Signed in');
  expect(tab.url()).toContain('/user/ann/google-auth/oauth2callback');

  await expect(
    panel.locator('.jp-GoogleAuth-flow .jp-GoogleAuth-success')
  ).toContainText('Signed in as alice@example.com.', { timeout: 20_000 });
  await panel.screenshot({ path: screenshotPath('hub-signed-in') });

  const file = path.join(
    hub.homes,
    'ann',
    '.config',
    'earthengine',
    'credentials'
  );
  expect(fs.existsSync(file)).toBe(true);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  await context.close();
});
