/**
 * Every state says what is true and what to do next (issue 18): a wrong paste keeps the
 * sign-in open, a failed sign-in again says the earlier one still works, a project that cannot
 * work says so in the selector, the status item and the panel, and an empty list says why.
 * Screenshots of each state in light, dark and 480 px (ui-tests/screenshots/states-*).
 */
import { expect, test, type IJupyterLabPageFixture } from '@jupyterlab/galata';
import * as fs from 'fs';

import {
  chooseMode,
  clearCredentials as clearFlowCredentials,
  consentInNewTab,
  expectSuccess,
  MANUAL_START_SETTINGS,
  openAuthPanel,
  pasteAndSubmit,
  testEnv
} from './flows-helpers';
import {
  clearCredentials,
  control,
  defaultAliceProjects,
  homeFile,
  restoreAliceProjects,
  signIn
} from './projects-helpers';
import { shootStates } from './states-helpers';
import { newNotebook } from './notebook-helpers';

const RECENT_FILE = '.config/jupyterlab-google-auth/recent-projects.json';
const AUTHENTICATE =
  '.jp-NotebookPanel-toolbar [data-command="google-auth:authenticate"]';

function statusItem(page: IJupyterLabPageFixture) {
  return page.locator('#jp-main-statusbar .jp-GoogleAuth-statusItem');
}

test.describe('Recoverable sign-in states', () => {
  test.use({ mockSettings: MANUAL_START_SETTINGS });
  test.beforeEach(() => clearFlowCredentials(testEnv()));

  test('a wrong paste keeps the sign-in open; a failed sign-in again keeps the old one', async ({
    page,
    context
  }) => {
    test.setTimeout(240_000); // three screenshots of each of two states: slow on a loaded box
    const panel = await openAuthPanel(page, 'paste-mistakes.ipynb');
    await chooseMode(panel, 'notebook');
    await panel.locator('.jp-GoogleAuth-signIn').click();
    const tab = await consentInNewTab(context, panel);
    const code = (await tab.locator('#code').textContent())!.trim();
    await tab.close();

    // Half a code: Google does not know it; the field stays, with the focus and the words.
    const field = panel.locator('.jp-GoogleAuth-pasteInput');
    const error = panel.locator('.jp-GoogleAuth-paste [role="alert"]');
    await pasteAndSubmit(panel, code.slice(0, 20));
    await expect(error).toContainText('part of it is missing');
    await expect(error).toContainText('This sign-in is still open');
    await expect(error).not.toContainText('7 days');
    await expect(field).toBeFocused();
    await expect(panel.locator('.jp-GoogleAuth-flow')).toHaveAttribute(
      'data-phase',
      'awaiting-paste'
    );
    await shootStates(page, panel, 'states-paste-incomplete');

    // The whole code still finishes the same sign-in.
    await pasteAndSubmit(panel, code);
    await expectSuccess(panel);
    await panel.locator('.jp-GoogleAuth-close').click();

    // Sign in again (the same mode starts at once), paste the code already used: refused
    // here, before Google would revoke what it gave for it; the sign-in still open.
    await page.locator(AUTHENTICATE).click();
    await panel.locator('.jp-GoogleAuth-force').click();
    await expect(field).toBeVisible();
    await pasteAndSubmit(panel, code);
    await expect(error).toContainText('This code was already used');
    await expect(field).toBeFocused();
    await shootStates(page, panel, 'states-paste-used');

    // Cancelled: the earlier sign-in is untouched, and the panel says so.
    await panel.locator('.jp-GoogleAuth-cancel').click();
    await panel.locator('.jp-GoogleAuth-retry').click();
    await expect(panel.locator('.jp-GoogleAuth-statusLine')).toHaveText(
      'You are still signed in; signing in again replaces that sign-in.'
    );

    // A loopback sign-in again that Google refuses: the old sign-in still works.
    await chooseMode(panel, 'loopback');
    await panel.locator('.jp-GoogleAuth-signIn').click();
    const denied = await consentInNewTab(context, panel, { decision: 'deny' });
    await expect(panel.locator('.jp-GoogleAuth-statusLine')).toHaveText(
      'The new sign-in did not finish; the earlier one still works.',
      { timeout: 15_000 }
    );
    await denied.close();
    await expect(statusItem(page)).toContainText('alice@example.com');
  });
});

test.describe('A project that cannot work', () => {
  test.beforeEach(async ({ page }) => {
    await defaultAliceProjects();
    signIn();
    await page.reload();
  });

  test.afterEach(async () => {
    await restoreAliceProjects();
    clearCredentials();
  });

  test('ready projects first; an unready choice is said in the selector, the status item and the panel', async ({
    page
  }) => {
    test.setTimeout(240_000);
    await statusItem(page).locator('.jp-GoogleAuth-statusProject').click();
    const dialog = page.locator('.jp-GoogleAuth-selectorDialog');
    // The project that works for Earth Engine leads, preselected.
    const first = dialog.locator('[role="option"]').first();
    await expect(first).toHaveAttribute('data-project', 'ee-alice', {
      timeout: 20_000
    });
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await expect(first.locator('[data-ee-state="ready"]')).toBeVisible();

    // Not registered, and no permission to bill it: said in one place, the dialog stays.
    await dialog.locator('[data-project="alice-unregistered"]').click();
    const notice = dialog.locator('.jp-GoogleAuth-choiceNotice');
    await expect(notice).toContainText('not registered for Earth Engine');
    await expect(
      notice.getByRole('link', {
        name: 'Register the project for Earth Engine'
      })
    ).toHaveAttribute(
      'href',
      'https://code.earthengine.google.com/register?project=alice-unregistered'
    );
    await expect(dialog.locator('.jp-GoogleAuth-selectorWho')).toContainText(
      'Current project: alice-unregistered.'
    );
    await expect(dialog.locator('[role="option"]').first()).toBeVisible();
    await shootStates(page, dialog, 'states-choice-unready', { modal: true });
    await notice
      .getByRole('button', { name: 'Keep alice-unregistered' })
      .click();
    await expect(dialog).toHaveCount(0);

    // The status item carries it: a warning, with the reason in its title.
    const item = statusItem(page);
    await expect(item).toHaveAttribute('data-state', 'warning');
    await expect(item).toHaveAttribute(
      'title',
      /Project alice-unregistered is not registered for Earth Engine/
    );
    await expect(item).toHaveText('alice@example.com · alice-unregistered');

    // So does the panel, with the fix and the way to another project.
    await newNotebook(page, 'unready.ipynb');
    await page.locator(AUTHENTICATE).click();
    const panel = page.locator('.jp-GoogleAuth-panel');
    const problem = panel.locator('.jp-GoogleAuth-projectProblem');
    await expect(problem).toContainText('not registered for Earth Engine');
    await expect(problem.locator('a')).toHaveAttribute(
      'href',
      'https://code.earthengine.google.com/register?project=alice-unregistered'
    );
    await expect(panel.locator('.jp-GoogleAuth-chooseProject')).toHaveText(
      'Choose another project'
    );
    await shootStates(page, panel, 'states-panel-unready');
  });

  test('an empty list says why and the ways on', async ({ page }) => {
    test.setTimeout(120_000);
    await control('projects', { account: 'alice@example.com', projects: [] });
    // No recent choices either (earlier specs chose some): the list is truly empty.
    fs.rmSync(homeFile(RECENT_FILE), { force: true });
    await statusItem(page).locator('.jp-GoogleAuth-statusProject').click();
    const dialog = page.locator('.jp-GoogleAuth-selectorDialog');
    const empty = dialog.locator('.jp-GoogleAuth-emptyList');
    await expect(empty).toContainText('This account can see no projects.');
    await expect(empty).toContainText('ee-<your-name>');
    await expect(
      empty.getByRole('link', { name: 'Create a project' })
    ).toHaveAttribute('href', 'https://console.cloud.google.com/projectcreate');
    await shootStates(page, dialog, 'states-empty-list', { modal: true });
  });
});
