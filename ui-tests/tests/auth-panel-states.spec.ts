/**
 * Screenshots of every state of the sign-in panel, each in the light theme, the dark theme and
 * at 480 px wide (ui-tests/screenshots/panel-<state>-{light,dark,480}.png), with the checks
 * that the state is the one named: first open, waiting for Google, the paste field, success
 * with the project picker, already signed in, and the errors (denied, a refused paste).
 */
import { expect, test, type IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

import {
  chooseMode,
  clearCredentials,
  consentInNewTab,
  expectSuccess,
  MANUAL_START_SETTINGS,
  openAuthPanel,
  pasteAndSubmit,
  screenshotPath,
  testEnv
} from './flows-helpers';
import { expectNoOverflow } from './screens';

/** The panel in light, dark, and in a 480 px wide window; no horizontal overflow in any. */
async function shoot(
  page: IJupyterLabPageFixture,
  panel: Locator,
  state: string
): Promise<void> {
  const noOverflow = () => expectNoOverflow(panel);
  await panel.screenshot({ path: screenshotPath(`panel-${state}-light`) });
  await noOverflow();
  await page.theme.setDarkTheme();
  await panel.screenshot({ path: screenshotPath(`panel-${state}-dark`) });
  await page.theme.setLightTheme();
  const size = page.viewportSize()!;
  // A phone-sized window, with the side bars folded as a user there would.
  await page.sidebar.close('left');
  await page.sidebar.close('right');
  await page.setViewportSize({ width: 480, height: size.height });
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: screenshotPath(`panel-${state}-480`) });
  await noOverflow();
  await page.setViewportSize(size);
}

test.describe('Sign-in panel states', () => {
  test.use({ mockSettings: MANUAL_START_SETTINGS });
  test.beforeEach(() => clearCredentials(testEnv()));

  test('first open, waiting, paste, error, success with the project picker, signed in', async ({
    page,
    context
  }) => {
    const panel = await openAuthPanel(page, 'states.ipynb');
    // One action and one line first; the rest folded.
    await expect(panel.locator('.jp-GoogleAuth-signIn')).toBeVisible();
    await expect(panel.locator('.jp-GoogleAuth-statusLine')).toContainText(
      'Not signed in'
    );
    await expect(panel.locator('.jp-GoogleAuth-modeSelector')).toBeHidden();
    await shoot(page, panel, 'first-open');

    await panel.locator('.jp-GoogleAuth-signIn').click();
    await expect(panel.locator('.jp-GoogleAuth-flow')).toHaveAttribute(
      'data-phase',
      'awaiting-consent'
    );
    await shoot(page, panel, 'waiting');

    // Denied: the error with its help.
    const denied = await consentInNewTab(context, panel, { decision: 'deny' });
    await expect(
      panel.locator('.jp-GoogleAuth-flow [role="alert"]')
    ).toBeVisible({ timeout: 15_000 });
    await denied.close();
    await shoot(page, panel, 'error-denied');
    await panel.locator('.jp-GoogleAuth-retry').click();

    // A paste mode: the field, then a refused paste.
    await chooseMode(panel, 'notebook');
    await panel.locator('.jp-GoogleAuth-signIn').click();
    await expect(panel.locator('.jp-GoogleAuth-pasteInput')).toBeVisible();
    await shoot(page, panel, 'paste');
    await pasteAndSubmit(panel, 'not a code');
    await expect(
      panel.locator('.jp-GoogleAuth-paste [role="alert"]')
    ).toBeVisible();
    await shoot(page, panel, 'error-paste');

    const tab = await consentInNewTab(context, panel);
    const code = (await tab.locator('#code').textContent())!.trim();
    await tab.close();
    await pasteAndSubmit(panel, code);
    await expectSuccess(panel);
    await expect(
      panel.locator('.jp-GoogleAuth-projectStep [role="option"]').first()
    ).toBeVisible({ timeout: 15_000 });
    await shoot(page, panel, 'success-project');

    // Escape closes the panel; a new one says who is signed in.
    await panel.locator('.jp-GoogleAuth-close').click();
    await expect(panel).toHaveCount(0);
    await page
      .locator(
        '.jp-NotebookPanel-toolbar [data-command="google-auth:authenticate"]'
      )
      .click();
    await expect(panel.locator('.jp-GoogleAuth-signedIn')).toBeVisible();
    await expect(panel.locator('.jp-GoogleAuth-who')).toContainText(
      'alice@example.com'
    );
    await shoot(page, panel, 'signed-in');
    await panel.locator('.jp-GoogleAuth-switch').focus();
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
  });
});
