import { expect, test } from '@jupyterlab/galata';

import { clearCredentials, testEnv, unfold } from './flows-helpers';
import { runFromPalette } from './palette';
import { newNotebook } from './notebook-helpers';

test.describe('Authenticate button', () => {
  test.beforeEach(() => clearCredentials(testEnv()));

  test('says Authenticate, opens Google’s page and the inline panel, which explains why', async ({
    page,
    context,
    tmpPath
  }) => {
    await newNotebook(page, 'auth.ipynb');
    const button = page.locator(
      '.jp-NotebookPanel-toolbar [data-command="google-auth:authenticate"]'
    );
    await expect(button).toBeVisible();
    await expect(button).toContainText('Authenticate');
    // Signed out: the click opens Google's consent page in a new tab at once.
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      button.click()
    ]);
    await expect(tab.locator('h1')).toHaveText('Sign in');
    await tab.close();

    const panel = page.locator('.jp-GoogleAuth-panel');
    await expect(panel).toBeVisible();
    await unfold(panel, 'why');
    // The panel sits inside the active cell, not in the notebook model.
    await expect(
      page.locator('.jp-Cell.jp-mod-active .jp-GoogleAuth-panel')
    ).toHaveCount(1);
    await expect(panel.locator('[data-environment-class]')).toHaveAttribute(
      'data-environment-class',
      'local'
    );
    await expect(panel.locator('.jp-GoogleAuth-mode')).toHaveAttribute(
      'data-mode',
      'loopback'
    );
    await expect(panel.locator('[data-source="earthengine"]')).toBeVisible();
    await panel.screenshot({ path: 'screenshots/auth-panel-local.png' });

    // Nothing of the panel is saved in the notebook file.
    await page.notebook.save();
    const content = await page.evaluate(async path => {
      const response = await fetch(`/api/contents/${path}?content=1`);
      return JSON.stringify(await response.json());
    }, `${tmpPath}/auth.ipynb`);
    expect(content).toContain('"cells"');
    expect(content).not.toContain('GoogleAuth');
    expect(content).not.toContain('Recommended sign-in');
  });

  test('is in the command palette', async ({ page }) => {
    await newNotebook(page, 'palette.ipynb');
    await runFromPalette(
      page,
      'Google: Authenticate',
      'google-auth:authenticate'
    );
    await expect(page.locator('.jp-GoogleAuth-panel')).toBeVisible();
  });
});
