/**
 * A notebook bound to a profile: alice is active and bob a second profile; two notebooks side
 * by side, the second bound to bob from the status bar menu (two actions). Each kernel's
 * google.auth.default() and ee act as their own account, as the fake Google says of the
 * tokens they use (tokeninfo), after a switch of the active profile and after a reload (the
 * binding is restored from the notebook's metadata). "Use the active account" undoes it. A
 * notebook naming a profile this home lacks says so and offers to sign in as it.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { expect, test, type IJupyterLabPageFixture } from '@jupyterlab/galata';

import {
  consentInNewTab,
  MANUAL_START_SETTINGS,
  screenshotPath
} from './flows-helpers';
import { ALICE, clearCredentials, signIn, testEnv } from './projects-helpers';

const BOB = 'bob@example.com';
const PROFILES_ROOT = '.config/jupyterlab-google-auth';
const PYTHON = path.resolve(__dirname, '..', '..', '.venv', 'bin', 'python');

/** Bob as a second profile, signed in at the fake (the standard files stay alice's). */
function addBobProfile(): void {
  const env = testEnv();
  execFileSync(
    PYTHON,
    [
      path.resolve(__dirname, '..', 'sign_in_for_tests.py'),
      '--fake',
      env.fake_google,
      '--home',
      env.home,
      '--account',
      BOB,
      '--project',
      'bob-ee-project',
      '--profile',
      'bob'
    ],
    { stdio: 'pipe' }
  );
}

/**
 * Who the kernel's google.auth.default() and ee act as, asked of the fake Google: the e-mail
 * tokeninfo gives for google-auth's token, and whether ee's token is the same account's
 * (the same subject; ee's token carries no e-mail scope).
 */
function whoCell(fake: string): string {
  return [
    'import json, requests, ee, google.auth, google.auth.transport.requests as r',
    `FAKE = ${JSON.stringify(fake)}`,
    'def info(t): return requests.get(FAKE + "/tokeninfo", params={"access_token": t}).json()',
    'c, _ = google.auth.default(); c.refresh(r.Request())',
    'ee.Initialize(opt_url=FAKE)',
    'e = ee.data._get_state().credentials; e.refresh(r.Request())',
    'g, i = info(c.token), info(e.token)',
    'print("WHO", g.get("email"), "same" if i.get("sub") == g.get("sub") else i.get("sub"))'
  ].join('\n');
}

/** A file of the standard places or of a profile's own directory, parsed. */
function readHomeJson(...parts: string[]): any {
  return JSON.parse(
    fs.readFileSync(path.join(testEnv().home, ...parts), 'utf-8')
  );
}

const BOB_ADC = [
  PROFILES_ROOT,
  'profiles',
  'bob',
  'application_default_credentials.json'
];
const STANDARD_ADC = [
  '.config',
  'gcloud',
  'application_default_credentials.json'
];

function notebookJson(source: string, metadata: object = {}): string {
  return JSON.stringify({
    cells: [
      {
        cell_type: 'code',
        execution_count: null,
        metadata: {},
        outputs: [],
        source
      }
    ],
    metadata: {
      kernelspec: {
        display_name: 'Python 3 (ipykernel)',
        language: 'python',
        name: 'python3'
      },
      ...metadata
    },
    nbformat: 4,
    nbformat_minor: 5
  });
}

function statusItem(page: IJupyterLabPageFixture) {
  return page.locator('#jp-main-statusbar .jp-GoogleAuth-statusItem');
}

/** The id of the open notebook panel of `file`. */
async function panelId(
  page: IJupyterLabPageFixture,
  file: string
): Promise<string> {
  let id = '';
  await expect
    .poll(async () => {
      id = await page.evaluate(name => {
        const app = (window as any).jupyterapp;
        for (const widget of app.shell.widgets('main')) {
          if (widget.context?.path === name) {
            return widget.id as string;
          }
        }
        return '';
      }, file);
      return id;
    })
    .not.toBe('');
  return id;
}

async function open(
  page: IJupyterLabPageFixture,
  file: string,
  mode?: string
): Promise<string> {
  await page.evaluate(
    ([name, how]) =>
      (window as any).jupyterapp.commands.execute('docmanager:open', {
        path: name,
        options: how ? { mode: how } : undefined
      }),
    [file, mode ?? ''] as const
  );
  const id = await panelId(page, file);
  // The kernel is up (the ee route installed once it was ready).
  await expect(
    page.locator(`#${id}[data-google-auth-route="installed"]`)
  ).toHaveCount(1, { timeout: 60_000 });
  return id;
}

async function activate(page: IJupyterLabPageFixture, id: string) {
  await page.evaluate(
    panel => (window as any).jupyterapp.shell.activateById(panel),
    id
  );
}

/** Runs the notebook's cell; "<google.auth account> same" when ee acts as that account. */
async function who(page: IJupyterLabPageFixture, id: string): Promise<string> {
  await activate(page, id);
  const output = page.locator(`#${id} .jp-OutputArea-output`);
  await page.evaluate(async () => {
    const app = (window as any).jupyterapp;
    await app.commands.execute('notebook:clear-all-cell-outputs');
    await app.commands.execute('notebook:run-all-cells');
  });
  await expect(output).toContainText(/WHO \S+ \S+/, { timeout: 60_000 });
  const text = (await output.textContent()) ?? '';
  return text.match(/WHO (\S+ \S+)/)![1];
}

async function openMenu(page: IJupyterLabPageFixture) {
  // The account part of the split item, or the whole item when it shows the notebook's own
  // account (one target, which opens the profiles menu).
  const bar = '#jp-main-statusbar';
  await page
    .locator(`${bar} .jp-GoogleAuth-statusAccount`)
    .or(page.locator(`${bar} .jp-GoogleAuth-statusItem:not(.jp-mod-split)`))
    .click();
  const menu = page.locator('.jp-GoogleAuth-profilesMenu');
  await expect(menu).toBeVisible();
  return menu;
}

async function setTheme(page: IJupyterLabPageFixture, theme: string) {
  await page.evaluate(
    name =>
      (window as any).jupyterapp.commands.execute('apputils:change-theme', {
        theme: name
      }),
    theme
  );
  await expect(page.locator('body')).toHaveAttribute(
    'data-jp-theme-light',
    theme === 'JupyterLab Light' ? 'true' : 'false'
  );
}

async function switchTo(page: IJupyterLabPageFixture, account: string) {
  const menu = await openMenu(page);
  await menu
    .locator('.lm-Menu-item[data-command="google-auth:switch-profile"]', {
      hasText: account
    })
    .click();
  await expect(menu).toHaveCount(0);
}

test.describe('A notebook bound to a profile', () => {
  test.use({ mockSettings: MANUAL_START_SETTINGS });

  const forget = () => {
    clearCredentials();
    fs.rmSync(path.join(testEnv().home, PROFILES_ROOT), {
      recursive: true,
      force: true
    });
  };
  test.beforeEach(forget);
  test.afterEach(async ({ page }) => {
    await page.evaluate(() =>
      (window as any).jupyterapp.serviceManager.sessions.shutdownAll()
    );
    forget();
  });

  test('bind from the menu; each kernel acts as its own account, after a switch and a reload', async ({
    page,
    tmpPath
  }) => {
    const fake = testEnv().fake_google;
    signIn('ee-alice');
    addBobProfile();
    const first = `${tmpPath}/alice-notebook.ipynb`;
    const second = `${tmpPath}/bob-notebook.ipynb`;
    for (const file of [first, second]) {
      await page.contents.uploadContent(
        notebookJson(whoCell(fake)),
        'text',
        file
      );
    }
    await page.reload();
    await expect(statusItem(page)).toHaveText('alice@example.com · ee-alice');

    // Side by side.
    const a = await open(page, first);
    const b = await open(page, second, 'split-right');
    await activate(page, b);

    // Bind: 1. the status item, 2. "Use in this notebook: bob…".
    const menu = await openMenu(page);
    const bind = menu.locator(
      '.lm-Menu-item[data-command="google-auth:bind-notebook"]'
    );
    await expect(bind).toHaveCount(1);
    await expect(bind).toHaveText(
      /Use in this notebook: bob: bob@example.com · bob-ee-project/
    );
    await menu.screenshot({ path: screenshotPath('binding-menu-light') });
    await bind.click();
    await expect(page.locator(`#${b}`)).toHaveAttribute(
      'data-google-auth-binding',
      'bound'
    );
    await expect(statusItem(page)).toHaveText(
      'This notebook: bob@example.com · bob-ee-project'
    );
    await expect(statusItem(page)).toHaveAttribute(
      'title',
      /active account, alice@example.com/
    );
    await statusItem(page).screenshot({
      path: screenshotPath('binding-status-light')
    });
    expect(await who(page, a)).toBe(`${ALICE} same`);
    // The other notebook's status item is the active account's.
    await expect(statusItem(page)).toHaveText('alice@example.com · ee-alice');
    expect(await who(page, b)).toBe(`${BOB} same`);

    // Switch the active profile to bob and back: the bound kernel stays bob's.
    await switchTo(page, BOB);
    await expect(statusItem(page)).toHaveText(
      'bob@example.com · bob-ee-project'
    );
    expect(await who(page, a)).toBe(`${BOB} same`);
    expect(await who(page, b)).toBe(`${BOB} same`);
    await switchTo(page, 'ee-alice');
    await expect(statusItem(page)).toHaveText(
      'This notebook: bob@example.com · bob-ee-project'
    );
    expect(await who(page, a)).toBe(`${ALICE} same`);
    expect(await who(page, b)).toBe(`${BOB} same`);

    // Saved with the profile's name only; after a reload the kernel is bound again.
    await activate(page, b);
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('docmanager:save')
    );
    const saved = await page.evaluate(
      async name =>
        (await (window as any).jupyterapp.serviceManager.contents.get(name))
          .content.metadata.google_auth,
      second
    );
    expect(saved).toEqual({ profile: 'bob' });
    // JupyterLab restores both notebooks (no Launcher, which galata's readiness waits for).
    // (galata's page.reload takes waitForIsReady; Playwright's type does not name it).
    await (
      page as unknown as {
        reload(options: { waitForIsReady: boolean }): Promise<unknown>;
      }
    ).reload({ waitForIsReady: false });
    await expect(statusItem(page)).toBeVisible();
    const a2 = await open(page, first);
    const b2 = await open(page, second, 'split-right');
    await expect(page.locator(`#${b2}`)).toHaveAttribute(
      'data-google-auth-binding',
      'bound'
    );
    expect(await who(page, b2)).toBe(`${BOB} same`);
    expect(await who(page, a2)).toBe(`${ALICE} same`);

    // Light, dark and 480 px: the menu with the binding items, the bound status item.
    await activate(page, b2);
    await expect(statusItem(page)).toContainText('This notebook:');
    await setTheme(page, 'JupyterLab Dark');
    let shown = await openMenu(page);
    await shown.screenshot({ path: screenshotPath('binding-menu-dark') });
    await page.keyboard.press('Escape');
    await expect(shown).toHaveCount(0);
    await statusItem(page).screenshot({
      path: screenshotPath('binding-status-dark')
    });
    await setTheme(page, 'JupyterLab Light');
    await page.setViewportSize({ width: 480, height: 800 });
    await expect(statusItem(page)).toBeVisible();
    shown = await openMenu(page);
    const box = await shown.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 480).toBeTruthy();
    await page.screenshot({ path: screenshotPath('binding-menu-480') });

    // Undo: 1. the status item, 2. "Use the active account in this notebook".
    await shown
      .locator('.lm-Menu-item', {
        hasText: 'Use the active account in this notebook'
      })
      .click();
    await expect(page.locator(`#${b2}`)).not.toHaveAttribute(
      'data-google-auth-binding'
    );
    await expect(statusItem(page)).toHaveText('alice@example.com · ee-alice');
    await page.setViewportSize({ width: 1280, height: 720 });
    expect(await who(page, b2)).toBe(`${ALICE} same`);
  });

  test('ee.Authenticate() in a bound notebook signs into its profile, not the active one', async ({
    page,
    context,
    tmpPath
  }) => {
    signIn('ee-alice');
    addBobProfile();
    const before = readHomeJson(...BOB_ADC).refresh_token;
    const alice = readHomeJson(...STANDARD_ADC).refresh_token;
    const file = `${tmpPath}/bob-signs-in.ipynb`;
    await page.contents.uploadContent(
      notebookJson('import ee; ee.Authenticate(force=True)\nprint("DONE")', {
        google_auth: { profile: 'bob' }
      }),
      'text',
      file
    );
    await page.reload();
    const id = await open(page, file);
    await expect(page.locator(`#${id}`)).toHaveAttribute(
      'data-google-auth-binding',
      'bound'
    );
    await page.evaluate(() => {
      void (window as any).jupyterapp.commands.execute(
        'notebook:run-all-cells'
      );
    });
    const panel = page.locator(`#${id} .jp-OutputArea .jp-GoogleAuth-panel`);
    // The panel says where this sign-in goes before anything is clicked.
    await expect(panel.locator('.jp-GoogleAuth-statusLine')).toHaveText(
      'This sign-in goes into this notebook’s own profile; other notebooks keep theirs.',
      { timeout: 30_000 }
    );
    const signIn_ = panel.locator('.jp-GoogleAuth-signIn');
    await expect(signIn_).toBeEnabled({ timeout: 20_000 });
    // Manual start (this file's settings): Sign in, then the panel's own consent button.
    await signIn_.click();
    const tab = await consentInNewTab(context, panel, { account: BOB });
    await expect(tab.locator('h1')).toHaveText('Signed in');
    await tab.close();
    // The cell goes on by itself; bob's own files hold the new sign-in, alice's are as they were.
    await expect(
      page.locator(`#${id} .jp-OutputArea-output`).last()
    ).toContainText('DONE', { timeout: 60_000 });
    await expect
      .poll(() => readHomeJson(...BOB_ADC).refresh_token)
      .not.toBe(before);
    expect(readHomeJson(...BOB_ADC).account).toBe(BOB);
    expect(readHomeJson(...STANDARD_ADC).refresh_token).toBe(alice);
    await expect(statusItem(page)).toHaveText(
      'This notebook: bob@example.com · bob-ee-project'
    );
  });

  test('a notebook naming a profile this home lacks offers to sign in as it', async ({
    page,
    tmpPath
  }) => {
    signIn('ee-alice');
    addBobProfile();
    const file = `${tmpPath}/carol.ipynb`;
    await page.contents.uploadContent(
      notebookJson('print(1)', { google_auth: { profile: 'carol' } }),
      'text',
      file
    );
    await page.reload();
    const id = await open(page, file);
    await expect(page.locator(`#${id}`)).toHaveAttribute(
      'data-google-auth-binding',
      'missing'
    );
    const toast = page.locator('.Toastify__toast', {
      hasText:
        "the Google account profile 'carol', which this Jupyter does not have"
    });
    await expect(toast).toContainText('its kernel uses alice@example.com');
    await expect(statusItem(page)).toHaveText('This notebook: carol not used');
    await toast.screenshot({ path: screenshotPath('binding-missing-light') });

    // "Sign in as carol": the sign-in panel, whose flow makes a new profile named carol.
    const started = page.waitForRequest(
      request =>
        new URL(request.url()).pathname.endsWith('/google-auth/flows') &&
        request.method() === 'POST'
    );
    await toast.getByRole('button', { name: 'Sign in as carol' }).click();
    const panel = page.locator(`#${id} .jp-GoogleAuth-panel`);
    await panel.locator('.jp-GoogleAuth-signIn').click();
    const body = (await started).postDataJSON();
    expect(body).toMatchObject({ add_profile: true, profile_name: 'carol' });
    // Leave no sign-in open behind (it would hold one of the user's pending flows).
    await panel.locator('.jp-GoogleAuth-cancel').click();
    await expect(panel.locator('.jp-GoogleAuth-statusLine')).toHaveText(
      'Sign-in cancelled.'
    );
  });
});
