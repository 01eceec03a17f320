/**
 * Sign-in as one click: from a fresh notebook, each mode's user actions up to "signed in" and
 * up to "project set" are counted, and the spec fails when a count rises above the issue's
 * limits. Authenticate opens Google's page itself (a tab from the click), the paste field
 * takes the paste by itself, and the project is one click in the same panel. It also times
 * the click on Authenticate to the consent page's DOMContentLoaded in the new tab.
 *
 * A paste mode is what Authenticate starts when the server recommends it (a remote server) or
 * when the user chose it once under "Other ways to sign in" (remembered in JupyterLab's state database); this
 * server is local, so the specs set that remembered choice before the count starts.
 */
import { expect, test, type IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { BrowserContext, Locator } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

import {
  ActionLog,
  AUTHENTICATE_BUTTON,
  authenticate,
  chooseMode,
  clearCredentials,
  consentOnPage,
  CUSTOM_CLIENT_ID,
  EE_FILE,
  expectSuccess,
  expectUserCredentialsFile,
  landedUrl,
  pasteIntoFocusedField,
  testEnv,
  writeClientSecret
} from './flows-helpers';
import { startSecretScan } from './secret-scan';
import { newNotebook } from './notebook-helpers';

/** The ceilings: actions to "signed in"; the project takes one more. */
const LIMITS: Record<string, number> = {
  loopback: 3,
  notebook: 5,
  'paste-url': 5,
  gcloud: 5
};

/** Figures for bench/flows_bench.py: one JSON file per mode under ui-tests/.state. */
function record(
  mode: string,
  log: ActionLog,
  signedIn: number,
  consentMs: number
) {
  const dir = path.join(__dirname, '..', '.state');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `oneclick-${mode}.json`),
    JSON.stringify({
      mode,
      signed_in_actions: signedIn,
      project_actions: log.count,
      consent_ms: consentMs,
      actions: log.actions
    })
  );
}

/**
 * The user chose `mode` once under "Other ways to sign in", in an earlier panel (the panel
 * remembers it in JupyterLab's state database). Not counted: it happened before.
 */
async function rememberMode(
  page: IJupyterLabPageFixture,
  context: BrowserContext,
  mode: string
) {
  await newNotebook(page, `choose-${mode}.ipynb`);
  // Authenticate starts the recommended (loopback) sign-in; the user closes Google's tab,
  // cancels, and picks their mode instead.
  const pages = context.waitForEvent('page');
  await page.locator(AUTHENTICATE_BUTTON).click();
  await (await pages).close();
  const panel = page.locator('.jp-GoogleAuth-panel');
  await panel.locator('.jp-GoogleAuth-cancel').click();
  await panel.locator('.jp-GoogleAuth-retry').click();
  await chooseMode(panel, mode);
  await panel.locator('.jp-GoogleAuth-close').click();
  await expect(panel).toHaveCount(0);
  await page.notebook.close(true);
  // Its kernel goes too: a session left at "Untitled.ipynb" (a rename during the kernel's
  // start is JupyterLab's race) would take the next new notebook without its kernel dialog.
  await page.kernel.shutdownAll();
}

/** One click on a listed project in the panel's project step. */
async function chooseFirstProject(panel: Locator, log: ActionLog) {
  const step = panel.locator('.jp-GoogleAuth-projectStep');
  const search = step.locator('.jp-GoogleAuth-search');
  await expect
    .poll(() => search.evaluate(input => document.activeElement === input))
    .toBe(true);
  const first = step.locator('[role="option"]').first();
  await expect(first).toBeVisible({ timeout: 15_000 });
  const id = (await first.locator('.jp-GoogleAuth-projectId').textContent())!;
  await first.click();
  log.did('click a project');
  await expect(panel.locator('.jp-GoogleAuth-projectSet')).toContainText(id);
  return id;
}

test.describe('Sign-in as one click', () => {
  test.beforeEach(() => {
    clearCredentials(testEnv());
    fs.rmSync(path.join(testEnv().home, '.config', 'earthengine'), {
      recursive: true,
      force: true
    });
  });

  test('loopback: Authenticate, account, Allow; then one click for the project', async ({
    page,
    context
  }) => {
    const env = testEnv();
    const scan = startSecretScan(context);
    await newNotebook(page, 'oneclick-loopback.ipynb');
    const log = new ActionLog();
    const { panel, tab, consentMs } = await authenticate(page, context, log);
    // The panel beside the tab says what is happening.
    await expect(panel.locator('.jp-GoogleAuth-statusLine')).toContainText(
      'new tab'
    );
    await consentOnPage(tab, log);
    await expect(tab.locator('h1')).toHaveText('Signed in');
    await expectSuccess(panel);
    const signedIn = log.count;
    expect(signedIn, log.actions.join(', ')).toBeLessThanOrEqual(
      LIMITS.loopback
    );
    // The click-to-consent time is recorded here and measured against the bare window.open
    // floor in bench/click_bench.py; a timed assertion would race a loaded machine.
    await tab.close();

    const project = await chooseFirstProject(panel, log);
    expect(log.count, log.actions.join(', ')).toBeLessThanOrEqual(
      LIMITS.loopback + 1
    );
    expectUserCredentialsFile(env, EE_FILE);
    const written = JSON.parse(
      fs.readFileSync(path.join(env.home, ...EE_FILE), 'utf8')
    );
    expect(written.project).toBe(project);
    record('loopback', log, signedIn, consentMs);
    console.log(
      `loopback: ${log.actions.join(', ')}; consent in ${consentMs} ms`
    );
    await scan.check(page, { env });
  });

  test('notebook mode: Authenticate, account, Allow, copy, paste; then the project', async ({
    page,
    context
  }) => {
    const env = testEnv();
    const scan = startSecretScan(context);
    await rememberMode(page, context, 'notebook');
    await newNotebook(page, 'oneclick-notebook.ipynb');
    const log = new ActionLog();
    const { panel, tab, consentMs } = await authenticate(page, context, log);
    await consentOnPage(tab, log);
    const code = (await tab.locator('#code').textContent())!.trim();
    log.did('copy the code');
    await tab.close();
    await pasteIntoFocusedField(page, panel, code, log);
    await expectSuccess(panel);
    const signedIn = log.count;
    expect(signedIn, log.actions.join(', ')).toBeLessThanOrEqual(
      LIMITS.notebook
    );
    await chooseFirstProject(panel, log);
    expect(log.count).toBeLessThanOrEqual(LIMITS.notebook + 1);
    record('notebook', log, signedIn, consentMs);
    await scan.check(page, { env });
  });

  test('paste-url: Authenticate, account, Allow, copy the address, paste; then the project', async ({
    page,
    context
  }) => {
    const env = testEnv();
    const scan = startSecretScan(context);
    // The user uploaded their client_secret.json and chose paste-url once, earlier.
    const secret = JSON.parse(fs.readFileSync(writeClientSecret(env), 'utf8'));
    const uploaded = await page.evaluate(
      async body =>
        (
          await fetch('/google-auth/custom-client', {
            method: 'PUT',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ client_secret: body })
          })
        ).json(),
      secret
    );
    expect(uploaded.client_id ?? JSON.stringify(uploaded)).toContain(
      CUSTOM_CLIENT_ID
    );
    // A later session: JupyterLab starts knowing the uploaded client.
    await page.reload();
    await rememberMode(page, context, 'paste-url');
    try {
      await newNotebook(page, 'oneclick-paste-url.ipynb');
      const log = new ActionLog();
      const { panel, tab, consentMs } = await authenticate(page, context, log);
      await consentOnPage(tab, log);
      const address = await landedUrl(
        tab,
        /^http:\/\/127\.0\.0\.1:1\/\?.*code=/
      );
      log.did('copy the address');
      await tab.close();
      await pasteIntoFocusedField(page, panel, address, log);
      await expectSuccess(panel);
      const signedIn = log.count;
      expect(signedIn, log.actions.join(', ')).toBeLessThanOrEqual(
        LIMITS['paste-url']
      );
      await chooseFirstProject(panel, log);
      expect(log.count).toBeLessThanOrEqual(LIMITS['paste-url'] + 1);
      record('paste-url', log, signedIn, consentMs);
      await scan.check(page, { env });
    } finally {
      await page.evaluate(() =>
        fetch('/google-auth/custom-client', { method: 'DELETE' })
      );
    }
  });

  test('gcloud: Authenticate, account, Allow, copy, paste; then the project', async ({
    page,
    context
  }) => {
    const env = testEnv();
    // gcloud's own code page lives at sdk.cloud.google.com (no internet here): the test
    // serves the same page, as the gcloud spec does.
    await context.route('https://sdk.cloud.google.com/**', route => {
      const code =
        new URL(route.request().url()).searchParams.get('code') ?? '';
      return route.fulfill({
        contentType: 'text/html',
        body: `<h1>Sign in to the gcloud CLI</h1><code id="code">${code.replace(/[<>&"]/g, '')}</code>`
      });
    });
    const scan = startSecretScan(context);
    await rememberMode(page, context, 'gcloud');
    await newNotebook(page, 'oneclick-gcloud.ipynb');
    const log = new ActionLog();
    const { panel, tab, consentMs } = await authenticate(page, context, log);
    await consentOnPage(tab, log);
    const code = (await tab.locator('#code').textContent())!.trim();
    log.did('copy the code');
    await tab.close();
    await pasteIntoFocusedField(page, panel, code, log);
    await expectSuccess(panel);
    const signedIn = log.count;
    expect(signedIn, log.actions.join(', ')).toBeLessThanOrEqual(LIMITS.gcloud);
    await chooseFirstProject(panel, log);
    expect(log.count).toBeLessThanOrEqual(LIMITS.gcloud + 1);
    record('gcloud', log, signedIn, consentMs);
    await scan.check(page, { env });
  });
});
