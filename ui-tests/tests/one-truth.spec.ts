/**
 * One source of truth: every view and every kernel follows a change made in any of them, at
 * a person's pace (a person reads a list for a few seconds before choosing). Real Chromium,
 * a real kernel running earthengine-api, the fake Google.
 */
import { expect, test, type IJupyterLabPageFixture } from '@jupyterlab/galata';
import * as fs from 'fs';

import {
  ActionLog,
  authenticate,
  clearCredentials,
  consentOnPage,
  expectSuccess,
  fakeControl,
  testEnv
} from './flows-helpers';
import { runFromPalette } from './palette';
import { cellOutput, notebookWith } from './notebook-helpers';
import {
  ADC_FILE,
  EE_FILE,
  homeFile,
  readJson,
  signIn
} from './projects-helpers';

const sandboxApi = (state: string) =>
  fakeControl(testEnv(), 'services', {
    project: 'alice-sandbox-1',
    service: 'earthengine.googleapis.com',
    state
  });

/** A person looks at what the panel shows before acting (not a wait for a state). */
const personReads = (page: IJupyterLabPageFixture) => page.waitForTimeout(3000);

/** What ee and the environment in the kernel say about the project. */
const PROJECT_IN_KERNEL =
  "import os\nprint(ee.data._get_state().cloud_api_user_project, os.environ.get('GOOGLE_CLOUD_PROJECT'))";

/** Waits for the kernel follow-up's notification (it runs after every followed change). */
async function followedTo(
  page: IJupyterLabPageFixture,
  text: string
): Promise<void> {
  await expect(
    page.locator('.Toastify__toast', { hasText: text }).last()
  ).toBeVisible({ timeout: 30_000 });
}

test.describe('One truth', () => {
  // alice-sandbox-1 is registered for Earth Engine; its API is turned on for these tests.
  test.beforeEach(async () => {
    clearCredentials(testEnv());
    await sandboxApi('ENABLED');
  });
  test.afterEach(async () => {
    clearCredentials(testEnv());
    await sandboxApi('DISABLED');
  });

  test('a kernel follows the project chosen in the panel’s step, by keyboard only; the panel follows a palette sign-out', async ({
    page,
    context
  }) => {
    const env = testEnv();
    signIn('ee-alice');
    await page.reload();
    await notebookWith(page, 'truth-panel.ipynb', [
      `import ee\nee.Initialize(opt_url='${env.fake_google}')\nprint(ee.data._get_state().cloud_api_user_project)`,
      PROJECT_IN_KERNEL
    ]);
    await page.notebook.runCell(0);
    await expect(cellOutput(page, 0)).toHaveText('ee-alice');

    // A new sign-in from the panel: Authenticate shows "signed in"; Switch account signs in.
    await page
      .locator(
        '.jp-NotebookPanel-toolbar [data-command="google-auth:authenticate"]'
      )
      .click();
    const panel = page.locator('.jp-GoogleAuth-panel');
    const pages = context.waitForEvent('page');
    await panel.locator('.jp-GoogleAuth-switch').click();
    const tab = await pages;
    await expect(tab.locator('h1')).toHaveText('Sign in', { timeout: 15_000 });
    // Google's tab is open: the panel's button to open it again is a quiet fallback, not
    // the primary action, and does not hold the focus.
    const again = panel.locator('.jp-GoogleAuth-consentAgain');
    await expect(again).toBeVisible();
    await expect(panel.locator('.jp-GoogleAuth-consentButton')).toHaveCount(0);
    expect(await again.evaluate(b => document.activeElement === b)).toBe(false);
    await consentOnPage(tab, new ActionLog());
    await expect(tab.locator('h1')).toHaveText('Signed in');
    await tab.close();
    await expectSuccess(panel);

    // The project step, from the keyboard only: the search box has the focus.
    const search = panel.locator(
      '.jp-GoogleAuth-projectStep .jp-GoogleAuth-search'
    );
    await expect
      .poll(() => search.evaluate(input => document.activeElement === input))
      .toBe(true);
    await personReads(page);
    await page.keyboard.type('sandbox');
    const row = panel.locator('[data-project="alice-sandbox-1"]');
    await expect(row).toBeVisible({ timeout: 15_000 });
    await page.keyboard.press('ArrowDown');
    await expect(row).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(panel.locator('.jp-GoogleAuth-projectSet')).toContainText(
      'alice-sandbox-1'
    );
    expect(readJson(EE_FILE).project).toBe('alice-sandbox-1');

    // The kernel that ran ee.Initialize() before the sign-in follows, and so does the bar.
    await followedTo(page, 'project: alice-sandbox-1');
    await expect(
      page.locator('#jp-main-statusbar .jp-GoogleAuth-statusItem')
    ).toContainText('alice-sandbox-1');
    await page.notebook.runCell(1);
    await expect(cellOutput(page, 1)).toHaveText(
      'alice-sandbox-1 alice-sandbox-1'
    );

    // Sign out from the palette: the panel stops saying "signed in".
    await personReads(page);
    await runFromPalette(page, 'Google: Sign out', 'google-auth:sign-out');
    await page.locator('.jp-Dialog .jp-mod-accept').click();
    await expect(panel.locator('.jp-GoogleAuth-statusLine')).toContainText(
      'Not signed in'
    );
    await expect(panel.locator('.jp-GoogleAuth-signIn')).toBeVisible();
    await expect(panel).not.toContainText('Signed in as');
    await expect(
      page.locator('#jp-main-statusbar .jp-GoogleAuth-statusItem')
    ).toContainText('signed out');
  });

  test('authenticate(project=…) in a cell sets the project without asking, and a kernel follows', async ({
    page
  }) => {
    const env = testEnv();
    signIn('ee-alice');
    await page.reload();
    await notebookWith(page, 'truth-cell.ipynb', [
      `import ee\nee.Initialize(opt_url='${env.fake_google}')\nprint(ee.data._get_state().cloud_api_user_project)`,
      // The test sign-in holds the earthengine scope (not the whole Earth Engine preset).
      "from jupyterlab_google_auth import authenticate\nprint(authenticate(scopes=['https://www.googleapis.com/auth/earthengine'], project='alice-sandbox-1').project)",
      PROJECT_IN_KERNEL
    ]);
    await page.notebook.runCell(0);
    await expect(cellOutput(page, 0)).toHaveText('ee-alice');
    await page.notebook.runCell(1);
    await expect(cellOutput(page, 1)).toContainText('alice-sandbox-1', {
      timeout: 30_000
    });
    await followedTo(page, 'project: alice-sandbox-1');
    await page.notebook.runCell(2);
    await expect(cellOutput(page, 2)).toHaveText(
      'alice-sandbox-1 alice-sandbox-1'
    );
  });

  test('a kernel follows the project chosen in another cell’s output', async ({
    page
  }) => {
    const env = testEnv();
    signIn('ee-alice');
    await page.reload();
    await notebookWith(page, 'truth-cell-step.ipynb', [
      `import ee\nee.Initialize(opt_url='${env.fake_google}')\nprint(ee.data._get_state().cloud_api_user_project)`,
      "from jupyterlab_google_auth import authenticate\nprint(authenticate(scopes=['https://www.googleapis.com/auth/earthengine']).project)",
      PROJECT_IN_KERNEL
    ]);
    await page.notebook.runCell(0);
    await expect(cellOutput(page, 0)).toHaveText('ee-alice');
    // The project is gone from the files (as after `earthengine authenticate`): neither
    // the Earth Engine file nor ADC names one, so the next authenticate() asks in its output.
    const { project, ...ee } = readJson(EE_FILE);
    expect(project).toBe('ee-alice');
    fs.writeFileSync(homeFile(EE_FILE), JSON.stringify(ee));
    const { quota_project_id: quota, ...adc } = readJson(ADC_FILE);
    expect(quota).toBe('ee-alice');
    fs.writeFileSync(homeFile(ADC_FILE), JSON.stringify(adc));

    await page.notebook.selectCells(1);
    await page.evaluate(() => {
      void (window as any).jupyterapp.commands.execute('notebook:run-cell');
    });
    const step = cellOutput(page, 1).locator('.jp-GoogleAuth-projectStep');
    const row = step.locator('[data-project="alice-sandbox-1"]');
    await expect(row).toBeVisible({ timeout: 30_000 });
    await personReads(page);
    await row.click();
    await expect(cellOutput(page, 1)).toContainText('alice-sandbox-1', {
      timeout: 30_000
    });
    await followedTo(page, 'project: alice-sandbox-1');
    await page.notebook.runCell(2);
    await expect(cellOutput(page, 2)).toHaveText(
      'alice-sandbox-1 alice-sandbox-1'
    );
  });
});
