import { expect, test, type IJupyterLabPageFixture } from '@jupyterlab/galata';

import {
  clearCredentials,
  EE_FILE,
  readJson,
  signIn,
  testEnv
} from './projects-helpers';
import { runFromPalette } from './palette';

function statusItem(page: IJupyterLabPageFixture) {
  return page.locator('#jp-main-statusbar .jp-GoogleAuth-statusItem');
}

test.describe('Status bar item', () => {
  test.afterEach(() => clearCredentials());

  test('follows a sign-in made elsewhere (credential status command)', async ({
    page
  }) => {
    clearCredentials();
    await page.reload();
    await expect(statusItem(page)).toHaveText('Google: signed out');
    await expect(statusItem(page)).toHaveAttribute('data-state', 'signed-out');

    signIn('ee-alice');
    await runFromPalette(
      page,
      'Google: Show credential status',
      'google-auth:show-status'
    );
    const dialog = page.locator('.jp-Dialog', {
      hasText: 'Google credentials'
    });
    await expect(dialog.locator('[data-source="earthengine"]')).toContainText(
      'alice@example.com'
    );
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(statusItem(page)).toHaveText('alice@example.com · ee-alice');
    await expect(statusItem(page)).not.toHaveClass(/jp-mod-warning/);
  });

  test('refreshes when the window regains focus', async ({ page }) => {
    signIn('ee-alice');
    await page.reload();
    await expect(statusItem(page)).toHaveText('alice@example.com · ee-alice');
    clearCredentials();
    // Focus right after an answer is ignored (no request storms); this one is later.
    await page.waitForTimeout(10_500);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect(statusItem(page)).toHaveText('Google: signed out');
  });

  test('warns when no project is set', async ({ page }) => {
    signIn();
    await page.reload();
    const item = statusItem(page);
    await expect(item).toHaveText('alice@example.com · no project');
    await expect(item).toHaveClass(/jp-mod-warning/);
    await expect(item).toHaveAttribute('title', /Select a project/);
  });

  test('warns when the sign-in was revoked at Google', async ({ page }) => {
    signIn('ee-alice');
    const token = readJson(EE_FILE).refresh_token;
    const revoked = await fetch(`${testEnv().fake_google}/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token })
    });
    expect(revoked.ok).toBeTruthy();
    await page.reload();
    const item = statusItem(page);
    await expect(item).toHaveText('alice@example.com · sign in again');
    await expect(item).toHaveAttribute('data-state', 'expired');
    await expect(item).toHaveClass(/jp-mod-warning/);
    await expect(item).toHaveAttribute('title', /expired or was revoked/);
    await item.screenshot({ path: 'screenshots/status-item-expired.png' });
  });
});
