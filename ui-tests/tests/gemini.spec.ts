/**
 * The sign-in panel's Gemini choice (issue 20) in real Chromium against the real server, a
 * real kernel and the fake Google. By key: from nothing, choose Gemini, paste a key, Save, run
 * `genai.Client()` with no arguments: the model list comes back (the kernel reaches the fake
 * through GOOGLE_GEMINI_BASE_URL, set by the test server as the conformance test sets it); the
 * key is in no response, log, storage or saved notebook. By OAuth: the same choice's second
 * way, the user's Desktop client over paste-url, to "signed in" with the ADC file written.
 * Every user action is counted. Screenshots of the choice: light, dark, 480 px.
 */
import { expect, test, type IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

import {
  ActionLog,
  ADC_FILE,
  AUTHENTICATE_BUTTON,
  clearCredentials,
  consentInNewTab,
  CUSTOM_CLIENT_ID,
  expectSuccess,
  expectUserCredentialsFile,
  fakeControl,
  landedUrl,
  MANUAL_START_SETTINGS,
  pasteAndSubmit,
  screenshotPath,
  testEnv,
  unfold,
  writeClientSecret
} from './flows-helpers';
import { cellOutput, newNotebook } from './notebook-helpers';
import { expectNoOverflow } from './screens';
import { startSecretScan } from './secret-scan';

const STORE = ['.config', 'jupyterlab-google-auth', 'secrets.json'];
const CELL =
  'from google import genai; c = genai.Client(); print(len(list(c.models.list())))';

function clearStore(home: string): void {
  fs.rmSync(path.join(home, ...STORE), { force: true });
}

/** A new notebook holding CELL, then its sign-in panel with Gemini chosen (three actions). */
async function geminiChoice(
  page: IJupyterLabPageFixture,
  name: string,
  log: ActionLog
): Promise<Locator> {
  await newNotebook(page, name);
  await page.notebook.setCell(0, 'code', CELL);
  await page.locator(AUTHENTICATE_BUTTON).click();
  log.did('click Authenticate');
  const panel = page.locator('.jp-GoogleAuth-panel');
  await expect(
    panel.locator('.jp-GoogleAuth-section[data-section="other-ways"]')
  ).toBeVisible();
  // The words a person reads in the panel before its next action (the report counts them).
  const before = (await panel.innerText()).split('Options')[0];
  console.log(
    `words before Options: ${before.split(/\s+/).filter(Boolean).length}`
  );
  await unfold(panel, 'options');
  log.did('open Options');
  await panel.getByLabel('Access to grant').selectOption('gemini');
  log.did('choose Gemini API');
  await expect(panel.locator('.jp-GoogleAuth-gemini')).toBeVisible();
  return panel;
}

/** `target` in light and dark, then in a 480 px window; nothing overflows. */
async function shoot(
  page: IJupyterLabPageFixture,
  target: Locator,
  name: string
): Promise<void> {
  await target.screenshot({ path: screenshotPath(`${name}-light`) });
  await expectNoOverflow(target);
  await page.theme.setDarkTheme();
  await target.screenshot({ path: screenshotPath(`${name}-dark`) });
  await page.theme.setLightTheme();
  const size = page.viewportSize()!;
  await page.sidebar.close('left');
  await page.sidebar.close('right');
  await page.setViewportSize({ width: 480, height: size.height });
  await target.scrollIntoViewIfNeeded();
  await target.screenshot({ path: screenshotPath(`${name}-480`) });
  await expectNoOverflow(target);
  await page.setViewportSize(size);
}

test.describe('Gemini in the sign-in panel', () => {
  test.use({ mockSettings: MANUAL_START_SETTINGS });
  // A kernel and google-genai's import on a shared two-core machine.
  test.setTimeout(180_000);
  test.beforeEach(() => {
    clearStore(testEnv().home);
    clearCredentials(testEnv());
  });
  test.afterEach(async ({ page }) => {
    clearStore(testEnv().home);
    // The uploaded client lives in the server's memory: leave the next spec without it.
    await page.evaluate(() =>
      fetch('/google-auth/custom-client', { method: 'DELETE' })
    );
  });

  test('by key: genai.Client() works in the notebook with no other step', async ({
    page,
    tmpPath
  }) => {
    const env = testEnv();
    const scan = startSecretScan(page.context());
    const { key } = await fakeControl(env, 'api-keys', { kind: 'valid' });
    const log = new ActionLog();

    const panel = await geminiChoice(page, 'gemini-key.ipynb', log);
    const choice = panel.locator('.jp-GoogleAuth-gemini');
    await expect(choice.getByLabel('Use an API key')).toBeVisible();
    await expect(
      choice.getByRole('link', { name: 'Create a key' })
    ).toHaveAttribute('href', 'https://aistudio.google.com/apikey');
    await expect(choice.locator('.jp-GoogleAuth-geminiOAuth')).toContainText(
      'google-genai needs a key (or Vertex AI)'
    );
    await shoot(page, choice, 'gemini-choice');

    await choice.getByLabel('Use an API key').fill(key);
    log.did('paste the key');
    await choice.getByRole('button', { name: 'Save key' }).click();
    log.did('click Save key');
    const saved = choice.locator(
      '.jp-GoogleAuth-geminiResult [data-check="ok"]'
    );
    await expect(saved).toContainText(
      'This notebook’s kernel has GEMINI_API_KEY'
    );
    await expect(saved).toContainText(`…${key.slice(-4)}`);
    await expect(choice.getByLabel('Use an API key')).toHaveValue('');
    await shoot(page, choice, 'gemini-choice-saved');

    // The cell as the Gemini quickstart writes it: no key, no userdata, no edits.
    await page.notebook.selectCells(0);
    await page.evaluate(() => {
      void (window as any).jupyterapp.commands.execute('notebook:run-cell');
    });
    log.did('run the cell');
    await expect(cellOutput(page, 0)).toContainText('3', { timeout: 60_000 });
    await expect(cellOutput(page, 0)).not.toContainText('Error');
    expect(log.actions).toEqual([
      'click Authenticate',
      'open Options',
      'choose Gemini API',
      'paste the key',
      'click Save key',
      'run the cell'
    ]);

    await page.notebook.save();
    await scan.check(page, {
      env,
      notebookPath: `${tmpPath}/gemini-key.ipynb`,
      extraSecrets: [key]
    });
  });

  test('a key Google refuses is stored but reaches no kernel', async ({
    page
  }) => {
    const env = testEnv();
    const { key } = await fakeControl(env, 'api-keys', { kind: 'restricted' });
    const panel = await geminiChoice(page, 'gemini-bad.ipynb', new ActionLog());
    const choice = panel.locator('.jp-GoogleAuth-gemini');
    await choice.getByLabel('Use an API key').fill(key);
    await choice.getByRole('button', { name: 'Save key' }).click();
    await expect(
      choice.locator(
        '.jp-GoogleAuth-geminiResult [data-check="key_restricted"]'
      )
    ).toBeVisible();
    await page.notebook.selectCells(0);
    await page.evaluate(() => {
      void (window as any).jupyterapp.commands.execute('notebook:run-cell');
    });
    // Not granted: the kernel has no key, and the SDK says so as it documents.
    await expect(cellOutput(page, 0)).toContainText('No API key was provided', {
      timeout: 60_000
    });
  });

  test('by OAuth: the own Desktop client over paste-url, to signed in', async ({
    page,
    tmpPath
  }) => {
    const env = testEnv();
    const scan = startSecretScan(page.context());
    const log = new ActionLog();
    const panel = await geminiChoice(page, 'gemini-oauth.ipynb', log);
    const oauth = panel.locator('.jp-GoogleAuth-geminiOAuth');
    const signIn = oauth.getByRole('button', {
      name: 'Sign in with your own OAuth client'
    });
    await expect(signIn).toBeDisabled(); // no client yet: the upload comes first
    await oauth
      .locator('.jp-GoogleAuth-clientFile')
      .setInputFiles(writeClientSecret(env));
    log.did('choose client_secret.json');
    await expect(oauth.locator('.jp-GoogleAuth-clientId')).toHaveText(
      CUSTOM_CLIENT_ID
    );
    await signIn.click();
    log.did('click Sign in with your own OAuth client');
    await expect(panel.locator('.jp-GoogleAuth-paste label')).toContainText(
      'Address'
    );
    const tab = await consentInNewTab(page.context(), panel);
    log.did('click Open Google sign-in');
    log.did('choose account');
    log.did('click Allow');
    const address = await landedUrl(tab, /^http:\/\/127\.0\.0\.1:1\/\?.*code=/);
    await tab.close();
    log.did('copy the address');
    await pasteAndSubmit(panel, address);
    log.did('paste the address');
    log.did('click Submit');
    await expectSuccess(panel);
    // Written 0600 and loaded by Python google-auth as the user's Desktop client.
    expectUserCredentialsFile(env, ADC_FILE, CUSTOM_CLIENT_ID);
    // With the default settings the consent tab opens from the Sign in click and a real paste
    // sends itself: two actions fewer.
    expect(log.actions).toEqual([
      'click Authenticate',
      'open Options',
      'choose Gemini API',
      'choose client_secret.json',
      'click Sign in with your own OAuth client',
      'click Open Google sign-in',
      'choose account',
      'click Allow',
      'copy the address',
      'paste the address',
      'click Submit'
    ]);
    await scan.check(page, {
      env,
      notebookPath: `${tmpPath}/gemini-oauth.ipynb`
    });
  });
});
