/**
 * Google accounts side by side, from the status bar item. Its account part opens the profiles
 * menu from the first profile on; its project part opens the project selector (one click, as
 * before profiles). With alice alone: "Add account" adds bob (the sign-in's own actions plus
 * one), switching is two actions, and "Manage accounts…" signs out and deletes a profile.
 * "Act as a service account…" adds an impersonated profile against the fake's IAM Credentials,
 * after a refusal that names the missing role. Every action a person takes is counted.
 */
import * as fs from 'fs';
import * as path from 'path';

import { expect, test, type IJupyterLabPageFixture } from '@jupyterlab/galata';

import {
  consentInNewTab,
  expectSuccess,
  MANUAL_START_SETTINGS,
  screenshotPath
} from './flows-helpers';
import {
  ADC_FILE,
  ALICE,
  clearCredentials,
  control,
  EE_FILE,
  readJson,
  signIn,
  testEnv
} from './projects-helpers';
import { newNotebook } from './notebook-helpers';

const BOB = 'bob@example.com';
const PROFILES_ROOT = '.config/jupyterlab-google-auth';
/** alice holds Service Account Token Creator on this one (ee-alice's pipeline)… */
const PIPELINE = 'pipeline@ee-alice.iam.gserviceaccount.com';
/** …and not on this one. */
const LOCKED = 'locked@ee-alice.iam.gserviceaccount.com';
const ROLE = 'roles/iam.serviceAccountTokenCreator';

function statusItem(page: IJupyterLabPageFixture) {
  return page.locator('#jp-main-statusbar .jp-GoogleAuth-statusItem');
}

/** What a person does, one entry per click or key; the counts are the figures. */
class Actions {
  readonly done: string[] = [];
  count(name: string): void {
    this.done.push(name);
  }
  since(mark: number): string[] {
    return this.done.slice(mark);
  }
}

/** Action: the account part of the status item. The menu lists ``profiles`` profiles. */
async function openMenu(
  page: IJupyterLabPageFixture,
  actions: Actions,
  profiles: number
) {
  await statusItem(page).locator('.jp-GoogleAuth-statusAccount').click();
  actions.count('status item: account');
  const menu = page.locator('.jp-GoogleAuth-profilesMenu');
  await expect(menu).toBeVisible();
  await expect(
    menu.locator(
      '.lm-Menu-item[data-type="command"][data-command="google-auth:switch-profile"]'
    )
  ).toHaveCount(profiles);
  return menu;
}

// Menu items other than "Use in this notebook: …" (binding, which names accounts too).
const NOT_BINDING =
  '.lm-Menu-item:not([data-command="google-auth:bind-notebook"])';

async function choose(
  menu: ReturnType<IJupyterLabPageFixture['locator']>,
  actions: Actions,
  text: string
) {
  await menu.locator(NOT_BINDING, { hasText: text }).click();
  actions.count(`menu: ${text}`);
}

function report(name: string, actions: string[]): void {
  test.info().annotations.push({
    type: name,
    description: `${actions.length} actions: ${actions.join(', ')}`
  });
}

async function setTheme(page: IJupyterLabPageFixture, dark: boolean) {
  await page.evaluate(
    theme =>
      (window as any).jupyterapp.commands.execute('apputils:change-theme', {
        theme
      }),
    dark ? 'JupyterLab Dark' : 'JupyterLab Light'
  );
  await expect(page.locator('body')).toHaveAttribute(
    'data-jp-theme-light',
    dark ? 'false' : 'true'
  );
}

test.describe('Profiles menu', () => {
  test.use({ mockSettings: MANUAL_START_SETTINGS });

  const forget = () => {
    clearCredentials();
    fs.rmSync(path.join(testEnv().home, PROFILES_ROOT), {
      recursive: true,
      force: true
    });
  };
  test.beforeEach(forget);
  test.afterEach(forget);

  test('one profile: the menu adds bob; switch in two actions; manage signs out and deletes', async ({
    page,
    context
  }) => {
    test.setTimeout(180_000);
    signIn('ee-alice');
    await page.reload();
    await expect(statusItem(page)).toHaveText(`${ALICE} · ee-alice`);
    await newNotebook(page, 'profiles.ipynb');
    const actions = new Actions();

    // The project part is still one click to the project selector.
    let mark = actions.done.length;
    await statusItem(page).locator('.jp-GoogleAuth-statusProject').click();
    actions.count('status item: project');
    const selector = page.locator('.jp-GoogleAuth-selectorDialog');
    // Ready once its search has the focus (Escape before that reaches no dialog).
    await expect(selector.locator('.jp-GoogleAuth-search')).toBeFocused();
    expect(actions.since(mark)).toHaveLength(1);
    report('change the project (to the selector)', actions.since(mark));
    // Its Close button (a first Escape may only fold the search's open list).
    await selector
      .locator('.jp-Dialog-footer')
      .getByRole('button', { name: 'Close' })
      .click();
    await expect(selector).toHaveCount(0);

    // Add account from the menu with alice alone: the menu, then the panel's own sign-in.
    mark = actions.done.length;
    let menu = await openMenu(page, actions, 1);
    await expect(
      menu.locator('.lm-Menu-item', { hasText: 'Act as a service account…' })
    ).toBeVisible();
    await menu.screenshot({ path: screenshotPath('profiles-menu-one') });
    await choose(menu, actions, 'Add account');
    const panel = page.locator('.jp-GoogleAuth-panel');
    // Where this sign-in goes, not "replaces that sign-in": alice stays.
    await expect(panel.locator('.jp-GoogleAuth-statusLine')).toHaveText(
      'This sign-in adds another account; the one in use stays as it is.'
    );
    await panel.locator('.jp-GoogleAuth-signIn').click();
    actions.count('panel: Sign in');
    const tab = await consentInNewTab(context, panel, { account: BOB });
    // consentInNewTab: the panel's consent button, bob's account, Allow.
    actions.count('panel: open Google');
    actions.count('Google: choose bob');
    actions.count('Google: Allow');
    await expect(tab.locator('h1')).toHaveText('Signed in');
    await tab.close();
    await expectSuccess(panel, BOB);
    // The sign-in's own four (Sign in, open Google, choose, Allow) plus the two that reach it,
    // where the toolbar's Authenticate is one: one more than a first sign-in.
    expect(actions.since(mark)).toHaveLength(6);
    report('add an account', actions.since(mark));
    await expect(panel.locator('.jp-GoogleAuth-statusLine')).toContainText(
      'Added as a new profile'
    );
    // The active identity did not change.
    await expect(statusItem(page)).toHaveText(`${ALICE} · ee-alice`);
    expect(readJson(ADC_FILE).account).toBe(ALICE);

    // Switch: 1. the account, 2. bob.
    mark = actions.done.length;
    menu = await openMenu(page, actions, 2);
    await expect(
      menu.locator(NOT_BINDING, { hasText: 'ee-alice' })
    ).toHaveClass(/lm-mod-toggled/);
    await menu.screenshot({ path: screenshotPath('profiles-menu-light') });
    await choose(menu, actions, BOB);
    await expect(statusItem(page)).toContainText(BOB);
    expect(readJson(ADC_FILE).account).toBe(BOB);
    expect(readJson(EE_FILE).refresh_token).toBeTruthy();
    expect(actions.since(mark)).toHaveLength(2);
    report('switch', actions.since(mark));

    // The menu in dark, and at 480 px (the item stays in the narrow status bar).
    await setTheme(page, true);
    menu = await openMenu(page, actions, 2);
    await menu.screenshot({ path: screenshotPath('profiles-menu-dark') });
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await setTheme(page, false);
    await page.setViewportSize({ width: 480, height: 800 });
    menu = await openMenu(page, actions, 2);
    const box = await menu.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 480).toBeTruthy();
    await page.screenshot({ path: screenshotPath('profiles-menu-480') });
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await page.setViewportSize({ width: 1280, height: 720 });

    // Manage: sign alice out (bob is in use), then delete her; her files stay as a backup.
    mark = actions.done.length;
    menu = await openMenu(page, actions, 2);
    await choose(menu, actions, 'Manage accounts…');
    const manage = page.locator('.jp-GoogleAuth-manageDialog');
    const alice = manage.locator(`[data-profile="${ALICE}"]`);
    const bob = manage.locator(`[data-profile="${BOB}"]`);
    await expect(bob).toContainText('in use');
    await expect(
      bob.getByRole('button', { name: `Delete ${BOB}` })
    ).toBeDisabled();
    await alice.getByRole('button', { name: `Sign out ${ALICE}` }).click();
    actions.count('manage: Sign out alice');
    await expect(alice).toContainText('signed out');
    await expect(manage.locator('[role="status"]')).toHaveText(
      `Signed out ${ALICE}; its files are kept as a backup.`
    );
    await manage
      .locator('.jp-Dialog-content')
      .screenshot({ path: screenshotPath('profiles-manage') });
    await alice.getByRole('button', { name: `Delete ${ALICE}` }).click();
    actions.count('manage: Delete alice');
    await expect(alice).toContainText(
      'Its files are moved to a backup folder, not erased.'
    );
    await alice.getByRole('button', { name: 'Delete', exact: true }).click();
    actions.count('manage: confirm Delete');
    await expect(alice).toHaveCount(0);
    expect(actions.since(mark)).toHaveLength(5); // the menu, Manage, Sign out, Delete, confirm
    report('delete a profile', actions.since(mark));
    const deleted = path.join(testEnv().home, PROFILES_ROOT, 'deleted');
    expect(
      fs.readdirSync(deleted).some(d => d.startsWith(`${ALICE}.bak-`))
    ).toBe(true);
    await manage.getByRole('button', { name: 'Close' }).click();
    await expect(manage).toHaveCount(0);
    // The menu heard of the deletion: bob alone.
    menu = await openMenu(page, actions, 1);
    await page.keyboard.press('Escape');
  });

  test('act as a service account from the menu: a refusal names the role, then switch to it', async ({
    page
  }) => {
    test.setTimeout(120_000);
    await control('impersonation', {
      email: PIPELINE,
      token_creators: [ALICE]
    });
    await control('impersonation', { email: LOCKED, token_creators: [] });
    signIn('ee-alice');
    await page.reload();
    await expect(statusItem(page)).toHaveText(`${ALICE} · ee-alice`);
    const actions = new Actions();

    let mark = actions.done.length;
    let menu = await openMenu(page, actions, 1);
    await choose(menu, actions, 'Act as a service account…');
    const dialog = page.locator('.jp-GoogleAuth-impersonateDialog');
    const email = dialog.locator('input[data-field="serviceAccount"]');
    await expect(email).toBeFocused();
    await expect(dialog).toContainText(`Acts with ${ALICE}'s sign-in`);

    // A typo is caught before Google is asked, in the field.
    await email.fill('locked');
    await email.press('Enter');
    await expect(dialog.locator('.jp-GoogleAuth-fieldError')).toContainText(
      "Enter the service account's e-mail address"
    );
    await expect(email).toHaveAttribute('aria-invalid', 'true');

    // Google refuses: the dialog stays open with the role to ask for.
    await email.fill(LOCKED);
    await dialog.getByRole('button', { name: 'Add profile' }).click();
    const refusal = dialog.locator('.jp-GoogleAuth-refusal');
    await expect(refusal).toContainText(
      `Google refused: ${ALICE} may not act as ${LOCKED} without ${ROLE}`
    );
    // The role is named once; the refusal is read before the next try, so it stays short.
    const refusalText = await refusal.innerText();
    expect(refusalText.split(ROLE)).toHaveLength(2);
    expect(refusalText.split(/\s+/).length).toBeLessThanOrEqual(40);
    await expect(email).toHaveValue(LOCKED);
    await dialog
      .locator('.jp-Dialog-content')
      .screenshot({ path: screenshotPath('profiles-impersonate-refused') });

    // Fixed in place: the profile is added and the dialog closes.
    mark = actions.done.length - 2; // the account part and the menu item opened the dialog
    await email.fill(PIPELINE);
    actions.count('dialog: type the service account e-mail');
    await dialog.getByRole('button', { name: 'Add profile' }).click();
    actions.count('dialog: Add profile');
    await expect(dialog).toHaveCount(0);
    expect(actions.since(mark)).toHaveLength(4);
    report('impersonate (menu to profile added)', actions.since(mark));
    // Added, not switched to.
    await expect(statusItem(page)).toHaveText(`${ALICE} · ee-alice`);

    // Switch to it in two actions.
    mark = actions.done.length;
    menu = await openMenu(page, actions, 2);
    const item = menu.locator(NOT_BINDING, { hasText: PIPELINE });
    await expect(item).toContainText('acting as a service account');
    await choose(menu, actions, PIPELINE);
    await expect(statusItem(page)).toContainText(PIPELINE);
    expect(actions.since(mark)).toHaveLength(2);
    const adc = readJson(ADC_FILE);
    expect(adc.type).toBe('impersonated_service_account');
    expect(adc.service_account_impersonation_url).toContain(PIPELINE);
    expect(adc.source_credentials.refresh_token).toBeTruthy();

    // Rename it from Manage accounts; the menu shows the new name.
    menu = await openMenu(page, actions, 2);
    await choose(menu, actions, 'Manage accounts…');
    const manage = page.locator('.jp-GoogleAuth-manageDialog');
    const row = manage.locator(`[data-profile="${PIPELINE}"]`);
    await row.getByRole('button', { name: `Rename ${PIPELINE}` }).click();
    const field = row.getByRole('textbox', {
      name: `New name for ${PIPELINE}`
    });
    await field.fill('pipeline');
    await field.press('Enter');
    await expect(manage.locator('[data-profile="pipeline"]')).toBeVisible();
    await expect(manage.locator('[role="status"]')).toHaveText(
      `Renamed ${PIPELINE} to pipeline.`
    );
    await manage.getByRole('button', { name: 'Close' }).click();
    await expect(manage).toHaveCount(0);
    menu = await openMenu(page, actions, 2);
    await expect(
      menu.locator(NOT_BINDING, { hasText: `pipeline: ${PIPELINE}` })
    ).toHaveClass(/lm-mod-toggled/);
    await page.keyboard.press('Escape');
  });
});
