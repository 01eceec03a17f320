/**
 * Two Google accounts side by side: alice is signed in, bob is added as a second profile
 * ("Add account", the sign-in's own actions), and switching is two actions (the status bar
 * item, then bob in its menu). The menu is photographed in light, dark and at 480 px.
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
import { runFromPalette } from './palette';
import {
  ADC_FILE,
  clearCredentials,
  EE_FILE,
  readJson,
  signIn,
  testEnv
} from './projects-helpers';

const BOB = 'bob@example.com';
const PROFILES_ROOT = '.config/jupyterlab-google-auth';
// A profile's own item ("Use in this notebook: …" names the account too).
const SWITCH_ITEM = '.lm-Menu-item[data-command="google-auth:switch-profile"]';

function statusItem(page: IJupyterLabPageFixture) {
  return page.locator('#jp-main-statusbar .jp-GoogleAuth-statusItem');
}

/** The menu is offered once the service has heard of two profiles holding credentials. */
async function menuOffered(page: IJupyterLabPageFixture): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() =>
        (window as any).jupyterapp.commands.isEnabled(
          'google-auth:profiles-menu'
        )
      )
    )
    .toBe(true);
}

async function openMenu(page: IJupyterLabPageFixture) {
  await statusItem(page).click();
  const menu = page.locator('.jp-GoogleAuth-profilesMenu');
  await expect(menu).toBeVisible();
  // alice, bob, "Use in this notebook" with the other one (a notebook is current), Add
  // account, Select project, credential status (and separators).
  await expect(
    menu.locator('.lm-Menu-item:not([data-type="separator"])')
  ).toHaveCount(6);
  return menu;
}

test.describe('Profiles', () => {
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

  test('sign in as alice, add bob, switch in two actions', async ({
    page,
    context
  }) => {
    signIn('ee-alice');
    await page.reload();
    await expect(statusItem(page)).toHaveText('alice@example.com · ee-alice');

    // Add account: the panel's own sign-in, written into a new profile.
    await page.notebook.createNew('profiles.ipynb');
    await runFromPalette(
      page,
      'Google: Add account',
      'google-auth:add-account'
    );
    const panel = page.locator('.jp-GoogleAuth-panel');
    await panel.locator('.jp-GoogleAuth-signIn').click();
    const tab = await consentInNewTab(context, panel, { account: BOB });
    await expect(tab.locator('h1')).toHaveText('Signed in');
    await tab.close();
    await expectSuccess(panel, BOB);
    // The active identity did not change, and no project step is offered for bob.
    await expect(statusItem(page)).toHaveText('alice@example.com · ee-alice');
    expect(readJson(ADC_FILE).account).toBe('alice@example.com');
    await expect(panel.locator('.jp-GoogleAuth-projectStep')).toHaveCount(0);
    await expect(panel.locator('.jp-GoogleAuth-statusLine')).toContainText(
      'Added as a new profile'
    );

    // Switch: 1. the status bar item, 2. bob in its menu.
    await menuOffered(page);
    const menu = await openMenu(page);
    const alice = menu.locator(SWITCH_ITEM, { hasText: 'ee-alice' });
    await expect(alice).toHaveClass(/lm-mod-toggled/);
    await menu.screenshot({ path: screenshotPath('profiles-menu-light') });
    await menu.locator(SWITCH_ITEM, { hasText: BOB }).click();
    await expect(statusItem(page)).toContainText(BOB);
    expect(readJson(ADC_FILE).account).toBe(BOB);
    expect(readJson(EE_FILE).refresh_token).toBeTruthy();

    // And back, the same two actions; alice's project came back with her.
    const again = await openMenu(page);
    await again.locator(SWITCH_ITEM, { hasText: 'ee-alice' }).click();
    await expect(statusItem(page)).toHaveText('alice@example.com · ee-alice');
    expect(readJson(EE_FILE).project).toBe('ee-alice');

    // The menu in dark and at 480 px.
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('apputils:change-theme', {
        theme: 'JupyterLab Dark'
      })
    );
    await expect(page.locator('body')).toHaveAttribute(
      'data-jp-theme-light',
      'false'
    );
    let shown = await openMenu(page);
    await shown.screenshot({ path: screenshotPath('profiles-menu-dark') });
    await page.keyboard.press('Escape');
    await expect(shown).toHaveCount(0);
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('apputils:change-theme', {
        theme: 'JupyterLab Light'
      })
    );
    await expect(page.locator('body')).toHaveAttribute(
      'data-jp-theme-light',
      'true'
    );
    // At 480 px JupyterLab hides the status bar: the palette's "Google: Switch account".
    await page.setViewportSize({ width: 480, height: 800 });
    await runFromPalette(
      page,
      'Google: Switch account',
      'google-auth:profiles-menu'
    );
    shown = page.locator('.jp-GoogleAuth-profilesMenu');
    await expect(shown.locator(SWITCH_ITEM, { hasText: BOB })).toBeVisible();
    const box = await shown.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 480).toBeTruthy();
    await page.screenshot({ path: screenshotPath('profiles-menu-480') });
  });
});
