/**
 * Loopback mode in real Chromium against the real server and the fake Google: Google sends
 * the browser back to this Jupyter server, and the panel notices by itself (nothing to paste).
 */
import { expect, test } from '@jupyterlab/galata';

import {
  ADC_FILE,
  clearCredentials,
  consentInNewTab,
  EE_FILE,
  expectSuccess,
  expectUserCredentialsFile,
  MANUAL_START_SETTINGS,
  openAuthPanel,
  unfold,
  screenshotPath,
  testEnv
} from './flows-helpers';
import { startSecretScan } from './secret-scan';

test.describe('Sign-in, loopback mode', () => {
  test.use({ mockSettings: MANUAL_START_SETTINGS });
  test.beforeEach(() => clearCredentials(testEnv()));

  test('signs in with a click on Allow and writes both files', async ({
    page,
    context,
    tmpPath
  }) => {
    const env = testEnv();
    const scan = startSecretScan(context);
    const panel = await openAuthPanel(page, 'loopback.ipynb');
    // localhost: loopback is recommended and preselected.
    await expect(
      panel.locator('[data-mode="loopback"] input[type="radio"]')
    ).toBeChecked();
    await panel.locator('.jp-GoogleAuth-signIn').click();
    await expect(panel.locator('.jp-GoogleAuth-flow')).toHaveAttribute(
      'data-phase',
      'awaiting-consent'
    );
    // No paste field in this mode.
    await expect(panel.locator('.jp-GoogleAuth-paste')).toHaveCount(0);

    const tab = await consentInNewTab(context, panel);
    await expect(tab.locator('h1')).toHaveText('Signed in');
    await expect(tab.locator('main')).toContainText('You can close this tab');

    await expectSuccess(panel);
    await expect(panel.locator('.jp-GoogleAuth-files')).toContainText(
      '.config/earthengine/credentials'
    );
    await panel.screenshot({ path: screenshotPath('flow-loopback-success') });
    await tab.close();

    expectUserCredentialsFile(env, EE_FILE);
    expectUserCredentialsFile(env, ADC_FILE);
    await scan.check(page, { env, notebookPath: `${tmpPath}/loopback.ipynb` });
  });

  test('says plainly when the user denies consent', async ({
    page,
    context
  }) => {
    const env = testEnv();
    const scan = startSecretScan(context);
    const panel = await openAuthPanel(page, 'deny.ipynb');
    await panel.locator('.jp-GoogleAuth-signIn').click();
    const tab = await consentInNewTab(context, panel, { decision: 'deny' });
    await expect(tab.locator('h1')).toHaveText('Sign-in failed');

    const error = panel.locator('.jp-GoogleAuth-flow [role="alert"]');
    await expect(error).toBeVisible({ timeout: 15_000 });
    await expect(error).toHaveAttribute('data-error-code', 'access_denied');
    await expect(error).toContainText(/not granted|denied/i);
    await expect(panel.locator('.jp-GoogleAuth-retry')).toBeVisible();
    await panel.screenshot({ path: screenshotPath('flow-denied') });
    await tab.close();

    // Try again returns to the form, ready for another sign-in.
    await panel.locator('.jp-GoogleAuth-retry').click();
    await expect(panel.locator('.jp-GoogleAuth-signIn')).toBeEnabled();
    await scan.check(page, { env });
  });
});

test.describe('Auth panel, keyboard and closing', () => {
  test.use({ mockSettings: MANUAL_START_SETTINGS });
  test('works from the keyboard, in the dark theme, and closing it cancels the sign-in', async ({
    page
  }) => {
    const panel = await openAuthPanel(page, 'keyboard.ipynb');
    await unfold(panel, 'other-ways');
    const loopback = panel.locator(
      '[data-mode="loopback"] input[type="radio"]'
    );
    await loopback.focus();
    // Arrow keys move within the radio group (not the notebook's command-mode shortcuts).
    await page.keyboard.press('ArrowDown');
    await expect(
      panel.locator('[data-mode="notebook"] input[type="radio"]')
    ).toBeChecked();
    await page.keyboard.press('ArrowUp');
    await expect(loopback).toBeChecked();

    await panel.locator('.jp-GoogleAuth-signIn').focus();
    await page.keyboard.press('Enter');
    // The next step gets the focus.
    await expect(panel.locator('.jp-GoogleAuth-consentButton')).toBeFocused();
    const flowId = await panel
      .locator('.jp-GoogleAuth-flow')
      .getAttribute('data-flow-id');
    expect(flowId).toBeTruthy();

    await page.theme.setDarkTheme();
    await panel.screenshot({ path: screenshotPath('auth-panel-dark') });
    await page.theme.setLightTheme();

    await panel.locator('.jp-GoogleAuth-close').click();
    await expect(panel).toHaveCount(0);
    await expect
      .poll(() =>
        page.evaluate(
          async id =>
            (await (await fetch(`/google-auth/flows/${id}`)).json()).state,
          flowId
        )
      )
      .toBe('cancelled');
  });
});
