/**
 * Accessibility of the extension's own elements (issue 18, item 5): axe-core and a contrast
 * measure of every text (a11y-helpers.ts) on each panel state, the project selector, the
 * status item and its dialog, in the light and the dark theme. Any violation of impact
 * moderate or above, or any text under 4.5:1, fails.
 */
import { expect, test, type IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

import { expectAccessibleInBothThemes } from './a11y-helpers';
import {
  chooseMode,
  clearCredentials,
  consentInNewTab,
  expectSuccess,
  MANUAL_START_SETTINGS,
  openAuthPanel,
  pasteAndSubmit,
  testEnv
} from './flows-helpers';
import { runFromPalette } from './palette';
import {
  clearCredentials as clearProjectCredentials,
  defaultAliceProjects,
  signIn
} from './projects-helpers';

const PANEL = '.jp-GoogleAuth-panel';
const STATUS_ITEM = '#jp-main-statusbar .jp-GoogleAuth-statusItem';
const AUTHENTICATE =
  '.jp-NotebookPanel-toolbar [data-command="google-auth:authenticate"]';

/** Opens every folded section of the panel, so the checks see all it can show. */
async function unfoldAll(panel: Locator): Promise<void> {
  const folded = panel.locator('details:not([open]) > summary');
  while ((await folded.count()) > 0) {
    await folded.first().click();
  }
}

/** "Google: Show credential status" from the palette, checked, then closed. */
async function checkStatusDialog(
  page: IJupyterLabPageFixture,
  state: string
): Promise<void> {
  await runFromPalette(
    page,
    'Google: Show credential status',
    'google-auth:show-status'
  );
  const dialog = '.jp-Dialog-content:has(.jp-GoogleAuth-statusDialog)';
  await expect(
    page.locator(`${dialog} [data-source="earthengine"]`)
  ).toBeVisible();
  await expectAccessibleInBothThemes(page, state, [dialog]);
  await page.locator(dialog).getByRole('button', { name: 'Close' }).click();
  await expect(page.locator(dialog)).toHaveCount(0);
}

test.describe('Accessibility', () => {
  // Tall enough for the unfolded panel: its screenshots need it inside the window.
  test.use({
    mockSettings: MANUAL_START_SETTINGS,
    viewport: { width: 1280, height: 1600 }
  });
  test.beforeEach(() => clearCredentials(testEnv()));
  test.afterEach(() => clearProjectCredentials());

  test('every panel state, light and dark', async ({ page, context }) => {
    const panel = await openAuthPanel(page, 'a11y.ipynb');
    await unfoldAll(panel);
    await expect(panel.locator('.jp-GoogleAuth-modeSelector')).toBeVisible();
    await expectAccessibleInBothThemes(page, 'not signed in, mode choice', [
      PANEL,
      AUTHENTICATE
    ]);

    await panel.locator('.jp-GoogleAuth-signIn').click();
    await expect(panel.locator('.jp-GoogleAuth-flow')).toHaveAttribute(
      'data-phase',
      'awaiting-consent'
    );
    await expectAccessibleInBothThemes(page, 'flow waiting', [PANEL]);

    const denied = await consentInNewTab(context, panel, { decision: 'deny' });
    await expect(
      panel.locator('.jp-GoogleAuth-flow [role="alert"]')
    ).toBeVisible({ timeout: 15_000 });
    await denied.close();
    await expectAccessibleInBothThemes(page, 'error (denied)', [PANEL]);
    await panel.locator('.jp-GoogleAuth-retry').click();

    await chooseMode(panel, 'notebook');
    await panel.locator('.jp-GoogleAuth-signIn').click();
    await expect(panel.locator('.jp-GoogleAuth-pasteInput')).toBeVisible();
    await expectAccessibleInBothThemes(page, 'paste field', [PANEL]);

    await pasteAndSubmit(panel, 'not a code');
    await expect(
      panel.locator('.jp-GoogleAuth-paste [role="alert"]')
    ).toBeVisible();
    await expectAccessibleInBothThemes(page, 'paste error', [PANEL]);

    const tab = await consentInNewTab(context, panel);
    const code = (await tab.locator('#code').textContent())!.trim();
    await tab.close();
    await pasteAndSubmit(panel, code);
    await expectSuccess(panel);
    await expect(
      panel.locator('.jp-GoogleAuth-projectStep [role="option"]').first()
    ).toBeVisible({ timeout: 15_000 });
    await expectAccessibleInBothThemes(
      page,
      'signed in, project step',
      [PANEL],
      'panel-project-step'
    );

    await panel.locator('.jp-GoogleAuth-close').click();
    await expect(panel).toHaveCount(0);
    await page.locator(AUTHENTICATE).click();
    await expect(panel.locator('.jp-GoogleAuth-signedIn')).toBeVisible();
    await unfoldAll(panel);
    await expect(panel.locator('.jp-GoogleAuth-transfer')).toBeVisible();
    await expectAccessibleInBothThemes(
      page,
      'already signed in',
      [PANEL],
      'panel-signed-in-unfolded'
    );
  });

  test('project selector, status item and its dialog, light and dark', async ({
    page
  }) => {
    await defaultAliceProjects();
    // No project yet: the status item's warning state.
    signIn();
    await page.reload();
    const item = page.locator(STATUS_ITEM);
    await expect(item).toHaveClass(/jp-mod-warning/);
    await expectAccessibleInBothThemes(
      page,
      'status item, warning',
      [STATUS_ITEM],
      'status-warning'
    );
    await checkStatusDialog(page, 'credential status dialog, no project');

    // The project part of the item (its account part opens the profiles menu).
    await item.locator('.jp-GoogleAuth-statusProject').click();
    const dialog = page.locator('.jp-GoogleAuth-selectorDialog');
    await expect(dialog.locator('.jp-GoogleAuth-search')).toBeFocused();
    // Each readiness state as a badge: a project keeps its badge once highlighted.
    for (const [project, state] of [
      ['alice-sandbox-1', 'disabled'],
      ['alice-unregistered', 'unregistered'],
      ['team-shared-data', 'denied'],
      ['ee-alice', 'ready']
    ]) {
      await dialog.locator(`[data-project="${project}"]`).hover();
      await expect(
        dialog.locator(`[data-project="${project}"] [data-ee-state="${state}"]`)
      ).toBeVisible();
    }
    // The highlighted ready project: its name on the highlight, its APIs enabled and not.
    await expect(dialog.locator('.jp-mod-active')).toHaveAttribute(
      'data-project',
      'ee-alice'
    );
    await expect(
      dialog.locator('.jp-GoogleAuth-serviceState.jp-mod-enabled')
    ).toBeVisible();
    await expectAccessibleInBothThemes(page, 'project selector (ready)', [
      '.jp-GoogleAuth-selectorDialog .jp-Dialog-content'
    ]);
    await dialog.locator('[data-project="alice-sandbox-1"]').hover();
    await expect(
      dialog.locator('.jp-GoogleAuth-earthEngine [data-ee-state="disabled"]')
    ).toBeVisible();
    await expectAccessibleInBothThemes(page, 'project selector (disabled)', [
      '.jp-GoogleAuth-selectorDialog .jp-Dialog-content'
    ]);
    await dialog.locator('[data-project="ee-alice"]').click();
    await expect(dialog).toHaveCount(0);
    await expect(item).not.toHaveClass(/jp-mod-warning/);
    await expectAccessibleInBothThemes(page, 'status item, signed in', [
      STATUS_ITEM
    ]);

    await checkStatusDialog(page, 'credential status dialog, signed in');
  });
});
