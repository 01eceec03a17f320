/**
 * Shared steps of the flow specs: the test server's state (.state/env-<port>.json, written by
 * jupyter_server_test_config.py), the fake Google's control routes, opening the auth panel,
 * consenting on the fake's page, and checking the files written under the test HOME.
 */
import {
  expect,
  galata,
  type IJupyterLabPageFixture
} from '@jupyterlab/galata';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { newNotebook } from './notebook-helpers';

export interface TestEnv {
  fake_google: string;
  home: string;
  server_log?: string;
}

export const ALICE = 'alice@example.com';

export function testEnv(): TestEnv {
  const state = path.join(__dirname, '..', '.state');
  const port = process.env.GALATA_PORT || '8876';
  // Per-port first: several test servers may share this checkout.
  for (const name of [`env-${port}.json`, 'env.json']) {
    const file = path.join(state, name);
    if (fs.existsSync(file)) {
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    }
  }
  throw new Error(`No test server state in ${state}`);
}

/** POST (or GET without a body) one of the fake Google's /_control routes. */
export async function fakeControl(
  env: TestEnv,
  route: string,
  body?: unknown
): Promise<any> {
  const response = await fetch(`${env.fake_google}/_control/${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const data = await response.json();
  if (!response.ok) {
    throw new Error(
      `fake ${route}: ${response.status} ${JSON.stringify(data)}`
    );
  }
  return data;
}

const PLUGIN = 'jupyterlab-google-auth:plugin';

/**
 * Galata's in-memory settings with Authenticate's automatic consent tab turned off: the specs
 * that walk the panel's own controls (mode choice, Sign in button) use it.
 */
export const MANUAL_START_SETTINGS = {
  ...galata.DEFAULT_SETTINGS,
  [PLUGIN]: { openConsentAutomatically: false }
};

export const AUTHENTICATE_BUTTON =
  '.jp-NotebookPanel-toolbar [data-command="google-auth:authenticate"]';

/**
 * Opens a new notebook and its auth panel (with automatic opening off, see
 * MANUAL_START_SETTINGS); waits until the panel knows how to sign in.
 */
export async function openAuthPanel(
  page: IJupyterLabPageFixture,
  notebook: string
): Promise<Locator> {
  await newNotebook(page, notebook);
  await page.locator(AUTHENTICATE_BUTTON).click();
  const panel = page.locator('.jp-GoogleAuth-panel');
  await expect(
    panel.locator('.jp-GoogleAuth-section[data-section="other-ways"]')
  ).toBeVisible();
  return panel;
}

/** Unfolds one of the panel's sections ("why", "other-ways", "options") if it is folded. */
export async function unfold(panel: Locator, section: string): Promise<void> {
  const details = panel.locator(
    `.jp-GoogleAuth-section[data-section="${section}"]`
  );
  if ((await details.getAttribute('open')) === null) {
    await details.locator('> summary').click();
  }
  await expect(details).toHaveAttribute('open', '');
}

export async function chooseMode(panel: Locator, mode: string): Promise<void> {
  await unfold(panel, 'other-ways');
  const radio = panel.locator(
    `.jp-GoogleAuth-modeOption[data-mode="${mode}"] input[type="radio"]`
  );
  await radio.check();
  await expect(radio).toBeChecked();
}

/**
 * The user's actions on the way to "signed in" and "project set", one entry per click, key
 * press, copy or paste; the one-click specs fail when there are more than the issue allows.
 */
export class ActionLog {
  readonly actions: string[] = [];
  did(action: string): void {
    this.actions.push(action);
  }
  get count(): number {
    return this.actions.length;
  }
}

/**
 * Clicks Authenticate in a fresh notebook's toolbar (one action) and waits for the tab it
 * opens to show Google's consent page. `consentMs` is the click to the consent page's
 * DOMContentLoaded, both on this machine's clock.
 */
export async function authenticate(
  page: IJupyterLabPageFixture,
  context: BrowserContext,
  log: ActionLog
): Promise<{
  panel: Locator;
  tab: Page & { visited: string[] };
  consentMs: number;
}> {
  const button = page.locator(AUTHENTICATE_BUTTON);
  await expect(button).toContainText('Authenticate');
  const pages = context.waitForEvent('page');
  // The click's own time stamp, in the page (Playwright's click waits for actionability first).
  await page.evaluate(() =>
    document.addEventListener(
      // JupyterLab's toolbar buttons act on mousedown.
      'mousedown',
      event =>
        ((window as any).__authClickAt =
          performance.timeOrigin + event.timeStamp),
      { capture: true, once: true }
    )
  );
  await button.click();
  const clickedAt: number = await page.evaluate(
    () => (window as any).__authClickAt
  );
  log.did('click Authenticate');
  const tab = Object.assign(await pages, { visited: [] as string[] });
  tab.on('request', request => {
    if (request.isNavigationRequest()) {
      tab.visited.push(request.url());
    }
  });
  await expect(tab.locator('h1')).toHaveText('Sign in', { timeout: 15_000 });
  const loadedAt = await tab.evaluate(() => {
    const [nav] = performance.getEntriesByType(
      'navigation'
    ) as PerformanceNavigationTiming[];
    return performance.timeOrigin + nav.domContentLoadedEventEnd;
  });
  return {
    panel: page.locator('.jp-GoogleAuth-panel'),
    tab,
    consentMs: Math.round(loadedAt - clickedAt)
  };
}

/** Chooses the account and Allow on the fake's consent page: two actions. */
export async function consentOnPage(
  tab: Page,
  log: ActionLog,
  options: { account?: string; decision?: 'allow' | 'deny' } = {}
): Promise<void> {
  await tab
    .locator(`input[name="account"][value="${options.account ?? ALICE}"]`)
    .check();
  log.did('choose account');
  await tab.locator(`button[value="${options.decision ?? 'allow'}"]`).click();
  log.did(options.decision === 'deny' ? 'click Deny' : 'click Allow');
}

/**
 * Clicks the consent button (which opens Google's page in a new tab from the click) and
 * answers the fake's consent page as a user would. Returns the tab, after Google's answer,
 * and every address the tab was sent to (a redirect to a dead address leaves the tab on
 * Chromium's error page, whose url() is not the address the user sees in the address bar).
 */
export async function consentInNewTab(
  context: BrowserContext,
  panel: Locator,
  options: { account?: string; decision?: 'allow' | 'deny' } = {}
): Promise<Page & { visited: string[] }> {
  return consentInTabOpenedBy(
    context,
    panel.locator('.jp-GoogleAuth-consentButton'),
    options
  );
}

/**
 * The same, for the tab a click on `trigger` opens: with the default settings, the panel's
 * Sign in button opens Google's page itself (and then offers no second tab).
 */
export async function consentInTabOpenedBy(
  context: BrowserContext,
  trigger: Locator,
  options: { account?: string; decision?: 'allow' | 'deny' } = {}
): Promise<Page & { visited: string[] }> {
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    trigger.click()
  ]);
  const visited: string[] = [];
  tab.on('request', request => {
    if (request.isNavigationRequest()) {
      visited.push(request.url());
    }
  });
  await tab.waitForLoadState('domcontentloaded');
  await expect(tab.locator('h1')).toHaveText('Sign in');
  await tab
    .locator(`input[name="account"][value="${options.account ?? ALICE}"]`)
    .check();
  const decision = options.decision ?? 'allow';
  await tab.locator(`button[value="${decision}"]`).click();
  return Object.assign(tab, { visited });
}

/** The address the tab ended on, as the address bar shows it, once it matches `pattern`. */
export async function landedUrl(
  tab: Page & { visited: string[] },
  pattern: RegExp
): Promise<string> {
  const find = () =>
    [tab.url(), ...tab.visited.slice().reverse()].find(url =>
      pattern.test(url)
    );
  await expect.poll(find, { timeout: 15_000 }).toBeTruthy();
  return find()!;
}

export async function pasteAndSubmit(
  panel: Locator,
  text: string
): Promise<void> {
  const field = panel.locator('.jp-GoogleAuth-pasteInput');
  await field.fill(text);
  await panel.locator('.jp-GoogleAuth-submit').click();
}

/**
 * Pastes `text` into the focused paste field as the clipboard would (a real paste event):
 * the panel sends it by itself, so this is the one action the paste takes.
 */
export async function pasteIntoFocusedField(
  page: Page,
  panel: Locator,
  text: string,
  log: ActionLog
): Promise<void> {
  // Closing Google's tab brings JupyterLab's back, as the browser does for a user.
  await page.bringToFront();
  const field = panel.locator('.jp-GoogleAuth-pasteInput');
  // The field holds the page's focus (toBeFocused also wants the window focused, which a
  // headless browser gives the tab opened last).
  await expect
    .poll(() => field.evaluate(input => document.activeElement === input))
    .toBe(true);
  await field.evaluate((input, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    input.dispatchEvent(
      new ClipboardEvent('paste', {
        clipboardData: data,
        bubbles: true,
        cancelable: true
      })
    );
  }, text);
  log.did('paste');
}

export async function expectSuccess(
  panel: Locator,
  account = ALICE
): Promise<void> {
  const success = panel.locator('.jp-GoogleAuth-flow .jp-GoogleAuth-success');
  await expect(success).toBeVisible({ timeout: 20_000 });
  await expect(success).toContainText(`Signed in as ${account}.`);
}

export const EE_FILE = ['.config', 'earthengine', 'credentials'];
export const ADC_FILE = [
  '.config',
  'gcloud',
  'application_default_credentials.json'
];

/** The file exists under HOME with mode 0600 and Python google-auth loads it. */
export function expectUserCredentialsFile(
  env: TestEnv,
  parts: string[],
  expectedClientId?: string
): void {
  const file = path.join(env.home, ...parts);
  expect(fs.existsSync(file), `${file} exists`).toBe(true);
  expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
  const clientId = loadInGoogleAuth(env, file);
  if (expectedClientId) {
    expect(clientId).toBe(expectedClientId);
  } else {
    expect(clientId).toMatch(/\.apps\.googleusercontent\.com$/);
  }
}

/** Python google-auth's view of an authorized-user file (its client id), run with HOME set. */
export function loadInGoogleAuth(env: TestEnv, file: string): string {
  const script = [
    'import json, sys',
    'from google.oauth2.credentials import Credentials',
    'info = json.load(open(sys.argv[1]))',
    // The Earth Engine file has no "type" and may lack the public client: fill as ee does.
    "info.setdefault('client_id', '517222506229-vsmmajv00ul0bs7p89v5m89qs8eb9359.apps.googleusercontent.com')",
    "info.setdefault('client_secret', 'x')",
    'creds = Credentials.from_authorized_user_info(info, scopes=info.get("scopes"))',
    'print(creds.client_id)'
  ].join('\n');
  return runPython(env, script, [file]);
}

/** google.auth.default() as the kernel would call it; returns "<type> <project>". */
export function googleAuthDefault(env: TestEnv): string {
  const script = [
    'import google.auth',
    'creds, project = google.auth.default()',
    'print(type(creds).__name__, project)'
  ].join('\n');
  return runPython(env, script, []);
}

function runPython(env: TestEnv, script: string, args: string[]): string {
  // PYTHON, else the project's venv (the Makefile's), else whatever python is on PATH.
  const venv = path.join(__dirname, '..', '..', '.venv', 'bin', 'python');
  const python = process.env.PYTHON || (fs.existsSync(venv) ? venv : 'python');
  const childEnv: NodeJS.ProcessEnv = { ...process.env, HOME: env.home };
  delete childEnv.GOOGLE_APPLICATION_CREDENTIALS;
  delete childEnv.CLOUDSDK_CONFIG;
  childEnv.GCE_METADATA_HOST = '127.0.0.1:9'; // never ask a real metadata server
  const result = spawnSync(python, ['-c', script, ...args], {
    env: childEnv,
    encoding: 'utf8',
    timeout: 30_000
  });
  if (result.status !== 0) {
    throw new Error(`python failed: ${result.stderr}`);
  }
  return result.stdout.trim();
}

/** Moves the credential files aside so a spec starts signed out. */
export function clearCredentials(env: TestEnv): void {
  for (const parts of [EE_FILE, ADC_FILE]) {
    fs.rmSync(path.join(env.home, ...parts), { force: true });
  }
}

export function screenshotPath(name: string): string {
  return path.join(__dirname, '..', 'screenshots', `${name}.png`);
}

export const CUSTOM_CLIENT_ID =
  '111111111111-custom.apps.googleusercontent.com';

/** The client_secret.json a user downloads (testing/fake_google custom_client_secret_json). */
export function writeClientSecret(env: TestEnv): string {
  const info = {
    client_id: CUSTOM_CLIENT_ID,
    project_id: 'fake-custom-project',
    auth_uri: `${env.fake_google}/o/oauth2/auth`,
    token_uri: `${env.fake_google}/token`,
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_secret: 'fake-custom-secret',
    redirect_uris: ['http://localhost']
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'client-secret-'));
  const file = path.join(dir, 'client_secret.json');
  fs.writeFileSync(file, JSON.stringify({ installed: info }));
  return file;
}
