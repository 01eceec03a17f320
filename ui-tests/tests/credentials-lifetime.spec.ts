import { expect, test } from '@jupyterlab/galata';

import {
  ALICE,
  clearCredentials,
  control,
  EE_FILE,
  readJson,
  signIn,
  testEnv
} from './projects-helpers';
import { newNotebook } from './notebook-helpers';

/** Google's revocation endpoint, as a user revoking access at myaccount.google.com would. */
async function revokeAtGoogle(token: string): Promise<void> {
  const response = await fetch(`${testEnv().fake_google}/revoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString()
  });
  expect(response.ok).toBe(true);
}

test.describe('When Google ends the sign-in', () => {
  test.afterEach(async () => {
    await control('accounts', { account: ALICE, reauth_required: false });
    clearCredentials();
  });

  test('an ended sign-in offers one "Sign in again", in the same mode', async ({
    page
  }) => {
    signIn('ee-alice', 'notebook');
    await revokeAtGoogle(readJson(EE_FILE).refresh_token);
    await page.reload();
    // "Sign in again" opens the panel in the current notebook.
    await newNotebook(page, 'lifetime.ipynb');
    const item = page.locator('#jp-main-statusbar .jp-GoogleAuth-statusItem');
    await expect(item).toHaveText('alice@example.com · sign in again');

    // The item leads to the status dialog, whose one action is "Sign in again".
    await item.locator('.jp-GoogleAuth-statusProject').click();
    const dialog = page.locator('.jp-Dialog', {
      has: page.locator('.jp-GoogleAuth-signInAgain')
    });
    await expect(dialog.locator('.jp-GoogleAuth-signInAgain')).toHaveAttribute(
      'data-reason',
      'expired'
    );
    await expect(dialog).toContainText('expired or was revoked');
    await dialog.getByRole('button', { name: 'Sign in again' }).click();
    await expect(dialog).toHaveCount(0);
    const panel = page.locator('.jp-GoogleAuth-panel');
    await expect(panel).toBeVisible();
    // The sign-in starts again at once, in the mode the ended one was made in (it works here).
    await expect(panel.locator('[data-flow-mode]')).toHaveAttribute(
      'data-flow-mode',
      'notebook'
    );
  });

  test('a session-length policy is explained, not called an error', async ({
    page
  }) => {
    signIn('ee-alice');
    await control('accounts', { account: ALICE, reauth_required: true });
    await page.reload();
    const item = page.locator('#jp-main-statusbar .jp-GoogleAuth-statusItem');
    await expect(item).toHaveText('alice@example.com · sign in again');
    await item.locator('.jp-GoogleAuth-statusProject').click();
    const note = page.locator('.jp-Dialog .jp-GoogleAuth-signInAgain');
    await expect(note).toHaveAttribute('data-reason', 'reauth');
    await expect(note).toContainText('session-length policy');
    await page.keyboard.press('Escape');
  });
});
