/**
 * paste-url mode with the user's own Desktop client: upload client_secret.json, consent, the
 * browser lands on a dead loopback address, the user pastes that address. Also: an address
 * from an earlier sign-in is refused with a clear message.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import {
  ADC_FILE,
  chooseMode,
  CUSTOM_CLIENT_ID,
  clearCredentials,
  consentInNewTab,
  EE_FILE,
  expectSuccess,
  expectUserCredentialsFile,
  landedUrl,
  openAuthPanel,
  pasteAndSubmit,
  screenshotPath,
  testEnv,
  MANUAL_START_SETTINGS,
  unfold,
  writeClientSecret,
  type TestEnv
} from './flows-helpers';
import { startSecretScan } from './secret-scan';

async function uploadClientAndChoosePasteUrl(panel: Locator, env: TestEnv) {
  await unfold(panel, 'other-ways');
  const picker = panel.locator(
    '.jp-GoogleAuth-modeOption[data-mode="paste-url"] .jp-GoogleAuth-clientFile'
  );
  await picker.setInputFiles(writeClientSecret(env));
  await expect(panel.locator('.jp-GoogleAuth-clientId')).toHaveText(
    CUSTOM_CLIENT_ID
  );
  await chooseMode(panel, 'paste-url');
}

/** Consent, then the address the browser was sent to (a page that cannot load). */
async function consentAndGetAddress(
  page: Page,
  panel: Locator
): Promise<string> {
  const tab = await consentInNewTab(page.context(), panel);
  const url = await landedUrl(tab, /^http:\/\/127\.0\.0\.1:1\/\?.*code=/);
  await tab.close();
  return url;
}

test.describe('Sign-in, paste-url mode', () => {
  test.use({ mockSettings: MANUAL_START_SETTINGS });
  test.beforeEach(() => clearCredentials(testEnv()));

  test.afterEach(async ({ page }) => {
    // The uploaded client lives in the server's memory: leave the next spec without it.
    await page.evaluate(() =>
      fetch('/google-auth/custom-client', { method: 'DELETE' })
    );
  });

  test('signs in with a custom client and the pasted address', async ({
    page,
    tmpPath
  }) => {
    const env = testEnv();
    const scan = startSecretScan(page.context());
    const panel = await openAuthPanel(page, 'paste-url.ipynb');
    await uploadClientAndChoosePasteUrl(panel, env);
    await panel.locator('.jp-GoogleAuth-signIn').click();
    await expect(panel.locator('.jp-GoogleAuth-paste label')).toContainText(
      'Address'
    );

    const address = await consentAndGetAddress(page, panel);
    await pasteAndSubmit(panel, address);
    await expectSuccess(panel);
    await panel.screenshot({ path: screenshotPath('flow-paste-url-success') });

    expectUserCredentialsFile(env, EE_FILE, CUSTOM_CLIENT_ID);
    expectUserCredentialsFile(env, ADC_FILE, CUSTOM_CLIENT_ID);
    await scan.check(page, { env, notebookPath: `${tmpPath}/paste-url.ipynb` });
  });

  test('refuses an address from an earlier sign-in', async ({ page }) => {
    const env = testEnv();
    const scan = startSecretScan(page.context());
    const panel = await openAuthPanel(page, 'stale.ipynb');
    await uploadClientAndChoosePasteUrl(panel, env);

    // A first sign-in the user abandons after consenting.
    await panel.locator('.jp-GoogleAuth-signIn').click();
    const stale = await consentAndGetAddress(page, panel);
    await panel.locator('.jp-GoogleAuth-cancel').click();
    await panel.locator('.jp-GoogleAuth-retry').click();

    // A second one, where the old address is pasted.
    await chooseMode(panel, 'paste-url');
    await panel.locator('.jp-GoogleAuth-signIn').click();
    await pasteAndSubmit(panel, stale);
    const error = panel.locator('.jp-GoogleAuth-paste [role="alert"]');
    await expect(error).toContainText('does not belong to this sign-in');
    await panel.screenshot({ path: screenshotPath('flow-stale-url') });

    // The sign-in is still open: the right address finishes it.
    const fresh = await consentAndGetAddress(page, panel);
    await pasteAndSubmit(panel, fresh);
    await expectSuccess(panel);
    await scan.check(page, { env });
  });
});
