/**
 * Issue 6 in real Chromium: the runtime's service account shown from the (fake) metadata
 * server, a service-account key uploaded with the status item following, and the gcloud
 * mode completed with a pasted code (testing/fake_gcloud, set up by the test server config).
 */
import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import { generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import {
  ADC_FILE,
  chooseMode,
  clearCredentials,
  consentInNewTab,
  EE_FILE,
  expectSuccess,
  expectUserCredentialsFile,
  fakeControl,
  googleAuthDefault,
  MANUAL_START_SETTINGS,
  openAuthPanel,
  unfold,
  pasteAndSubmit,
  screenshotPath,
  testEnv
} from './flows-helpers';
import { startSecretScan } from './secret-scan';

const GOOGLE = 'https://www.googleapis.com/auth/';
const VM_ACCOUNT = '123456789012-compute@developer.gserviceaccount.com';

/** Re-probe the environment, so the server's 5-minute cache follows the fake. */
async function recheck(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const origin = encodeURIComponent(window.location.origin);
    await fetch(`/google-auth/environment?origin=${origin}&refresh=1`);
  });
}

test.describe('Ambient credentials', () => {
  test.use({ mockSettings: MANUAL_START_SETTINGS });
  // The panel lists the runtime's account above the form: room for all of it in the shots.
  test.use({ viewport: { width: 1024, height: 1400 } });
  test.beforeEach(() => clearCredentials(testEnv()));

  test.afterEach(async ({ page }) => {
    await fakeControl(testEnv(), 'metadata', { enabled: false });
    await recheck(page); // the next specs must see a machine without a metadata server
  });

  test('shows the VM’s service account and why its scopes fall short', async ({
    page
  }) => {
    const env = testEnv();
    // A VM created with only storage read and e-mail scopes: no Earth Engine, no Cloud.
    await fakeControl(env, 'metadata', {
      enabled: true,
      email: VM_ACCOUNT,
      scopes: [GOOGLE + 'userinfo.email', GOOGLE + 'devstorage.read_only'],
      project: 'fake-gce-project'
    });
    const panel = await openAuthPanel(page, 'ambient.ipynb');
    await unfold(panel, 'why');
    await unfold(panel, 'other-ways');
    await panel.locator('.jp-GoogleAuth-recheck').click();

    await expect(panel.locator('[data-environment-class]')).toHaveAttribute(
      'data-environment-class',
      'colab-like'
    );
    await expect(
      panel.locator('[data-mode="ambient"] input[type="radio"]')
    ).toBeChecked();
    const ambient = panel.locator('.jp-GoogleAuth-ambient');
    await expect(ambient.locator('.jp-GoogleAuth-ambientEmail')).toHaveText(
      VM_ACCOUNT
    );
    await expect(ambient.locator('.jp-GoogleAuth-ambientProject')).toHaveText(
      'fake-gce-project'
    );
    await expect(ambient).toContainText('devstorage.read_only');
    await expect(
      ambient.locator('.jp-GoogleAuth-ambientMissing')
    ).toContainText('fixed when it is created');
    // The status item names the runtime's account too.
    await expect(
      page.locator('.jp-GoogleAuth-statusItem').first()
    ).toContainText(VM_ACCOUNT, { timeout: 15_000 });
    await panel.screenshot({ path: screenshotPath('ambient-scopes-missing') });

    // The way out: a user sign-in, preselected with one click.
    await ambient.locator('.jp-GoogleAuth-useUser').click();
    await expect(
      panel.locator('[data-mode="loopback"] input[type="radio"]')
    ).toBeChecked();
    await expect(panel.locator('.jp-GoogleAuth-signIn')).toBeEnabled();
  });

  test('says the VM’s scopes are enough when they are', async ({ page }) => {
    await fakeControl(testEnv(), 'metadata', {
      enabled: true,
      email: VM_ACCOUNT,
      scopes: [GOOGLE + 'cloud-platform', GOOGLE + 'userinfo.email'],
      project: 'fake-gce-project'
    });
    const panel = await openAuthPanel(page, 'ambient-ok.ipynb');
    await unfold(panel, 'why');
    await panel.locator('.jp-GoogleAuth-recheck').click();
    await expect(panel.locator('.jp-GoogleAuth-ambientOk')).toContainText(
      'nothing needs writing'
    );
    await panel.screenshot({ path: screenshotPath('ambient-ok') });
  });
});

/** A service account the fake Google knows (its public key registered), and its JSON key. */
async function makeServiceAccountKey(): Promise<{ file: string; key: any }> {
  const env = testEnv();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' }
  });
  const email = 'robot@fake-sa-project.iam.gserviceaccount.com';
  await fakeControl(env, 'service-accounts', {
    email,
    public_key_pem: publicKey
  });
  const key = {
    type: 'service_account',
    project_id: 'fake-sa-project',
    private_key_id: 'f'.repeat(40),
    private_key: privateKey,
    client_email: email,
    client_id: '109876543210987654321',
    auth_uri: `${env.fake_google}/o/oauth2/auth`,
    token_uri: `${env.fake_google}/token`,
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_x509_cert_url:
      'https://www.googleapis.com/robot/v1/metadata/x509/robot',
    universe_domain: 'googleapis.com'
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-key-'));
  const file = path.join(dir, 'key.json');
  fs.writeFileSync(file, JSON.stringify(key, null, 2));
  return { file, key };
}

test.describe('Service-account key', () => {
  test.use({ mockSettings: MANUAL_START_SETTINGS });
  test.beforeEach(() => clearCredentials(testEnv()));

  test('is uploaded, tried, stored 0600 as ADC, and the status follows', async ({
    page,
    tmpPath
  }) => {
    const env = testEnv();
    const { file, key } = await makeServiceAccountKey();
    const scan = startSecretScan(page.context());
    const panel = await openAuthPanel(page, 'service-account.ipynb');
    await chooseMode(panel, 'service-account');
    await panel.locator('.jp-GoogleAuth-keyFile').setInputFiles(file);

    // Stored: the panel ends on who is signed in now (the form's own success line is
    // replaced by that view as soon as every view hears of the key; never assert on it).
    const who = panel.locator('.jp-GoogleAuth-signedIn .jp-GoogleAuth-who');
    await expect(who).toContainText(`Signed in as ${key.client_email}.`, {
      timeout: 20_000
    });
    await expect(who).toContainText('Current project: fake-sa-project.');
    await expect(
      page.locator('.jp-GoogleAuth-statusItem').first()
    ).toContainText(key.client_email, { timeout: 15_000 });
    await panel.screenshot({ path: screenshotPath('service-account-stored') });

    const adc = path.join(env.home, ...ADC_FILE);
    expect((fs.statSync(adc).mode & 0o777).toString(8)).toBe('600');
    expect(googleAuthDefault(env)).toBe('Credentials fake-sa-project');
    const pemLines = (key.private_key as string)
      .split('\n')
      .filter(line => line.length > 40);
    await scan.check(page, {
      env,
      notebookPath: `${tmpPath}/service-account.ipynb`,
      extraSecrets: pemLines
    });
  });

  test('names what is wrong with a damaged key', async ({ page }) => {
    const panel = await openAuthPanel(page, 'bad-key.ipynb');
    await chooseMode(panel, 'service-account');
    await panel
      .locator('.jp-GoogleAuth-keyPaste')
      .fill('{"type": "service_account", "client_email": "x@y"}');
    await panel.locator('.jp-GoogleAuth-storeKey').click();
    const error = panel.locator('.jp-GoogleAuth-serviceAccount [role="alert"]');
    await expect(error).toContainText('private_key');
  });
});

test.describe('gcloud mode', () => {
  test.use({ mockSettings: MANUAL_START_SETTINGS });
  test.beforeEach(() => clearCredentials(testEnv()));

  test('completes with the code pasted from Google’s code page', async ({
    page,
    context,
    tmpPath
  }) => {
    const env = testEnv();
    // gcloud's redirect is Google's auth-code page (sdk.cloud.google.com), which shows the
    // code to copy; the fake Google shows that page itself.
    const scan = startSecretScan(context);
    const panel = await openAuthPanel(page, 'gcloud.ipynb');
    await chooseMode(panel, 'gcloud');
    await panel.locator('.jp-GoogleAuth-signIn').click();

    // gcloud's client refuses Drive: the panel says it was dropped.
    await expect(panel.locator('.jp-GoogleAuth-notes')).toContainText('drive', {
      timeout: 20_000
    });
    await expect(panel.locator('.jp-GoogleAuth-paste label')).toContainText(
      'Code'
    );
    const tab = await consentInNewTab(context, panel);
    const code = (await tab.locator('#code').textContent())!.trim();
    await tab.close();

    await pasteAndSubmit(panel, code);
    await expectSuccess(panel);
    await panel.screenshot({ path: screenshotPath('flow-gcloud-success') });

    expectUserCredentialsFile(env, ADC_FILE);
    expectUserCredentialsFile(env, EE_FILE);
    await scan.check(page, { env, notebookPath: `${tmpPath}/gcloud.ipynb` });
  });
});
