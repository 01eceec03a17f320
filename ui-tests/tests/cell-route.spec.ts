/**
 * The cell route in real Chromium against the real server, a real kernel and the fake Google:
 * `ee.Authenticate()` and `%google_auth` show the panel in the cell's output and the cell
 * finishes by itself once signed in; a project change re-initialises ee in a running kernel.
 */
import { expect, test, type IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

import {
  clearCredentials,
  consentInTabOpenedBy,
  fakeControl,
  screenshotPath,
  testEnv
} from './flows-helpers';
import { signIn } from './projects-helpers';
import { cellOutput, notebookWith } from './notebook-helpers';
import { startSecretScan } from './secret-scan';

const EE_API = 'earthengine.googleapis.com';

/**
 * Run All without waiting for the cells (the first one waits for the sign-in); returns the
 * panel once it shows in the first cell's output.
 */
async function runAllUntilPanel(
  page: IJupyterLabPageFixture
): Promise<Locator> {
  await page.evaluate(() => {
    void (window as any).jupyterapp.commands.execute('notebook:run-all-cells');
  });
  const panel = cellOutput(page, 0).locator('.jp-GoogleAuth-panel');
  await expect(panel).toBeVisible({ timeout: 30_000 });
  return panel;
}

/** Signs in through the panel in a cell (loopback, preselected on localhost). */
async function signInThroughCell(
  page: IJupyterLabPageFixture,
  context: any,
  panel: Locator
): Promise<void> {
  await expect(panel.locator('.jp-GoogleAuth-signIn')).toBeEnabled({
    timeout: 20_000
  });
  // The Sign in button opens Google's page itself (the default settings).
  const tab = await consentInTabOpenedBy(
    context,
    panel.locator('.jp-GoogleAuth-signIn')
  );
  await expect(tab.locator('h1')).toHaveText('Signed in');
  await tab.close();
}

test.describe('Cell route', () => {
  test.beforeEach(() => clearCredentials(testEnv()));
  test.afterEach(() => clearCredentials(testEnv()));

  test('ee.Authenticate() shows the panel in the cell, asks for the project, and Run All goes on to ee.Initialize()', async ({
    page,
    context,
    tmpPath
  }) => {
    const env = testEnv();
    const scan = startSecretScan(context);
    await notebookWith(page, 'ee-authenticate.ipynb', [
      'import ee; ee.Authenticate()',
      "import json\nprint('refresh_token' in json.load(open(ee.oauth.get_credentials_path())))",
      `ee.Initialize(opt_url='${env.fake_google}')\nprint(ee.data._get_state().cloud_api_user_project)`
    ]);
    const panel = await runAllUntilPanel(page);
    await expect(panel.locator('.jp-GoogleAuth-signIn')).toBeEnabled({
      timeout: 20_000
    });
    // The second cell waits its turn.
    await expect(cellOutput(page, 1)).toHaveText('');
    // The whole first cell: its code, then the panel in its output.
    await page.setViewportSize({ width: 1100, height: 1600 });
    const cell = page
      .locator('.jp-NotebookPanel .jp-Notebook .jp-Cell')
      .first();
    await cell.screenshot({ path: screenshotPath('cell-route-panel-light') });
    await page.theme.setDarkTheme();
    await cell.screenshot({ path: screenshotPath('cell-route-panel-dark') });
    await page.theme.setLightTheme();

    await signInThroughCell(page, context, panel);

    // Signed in, no project yet: the same panel asks for it, and the cell keeps waiting
    // (ee.Initialize() with no project would fall back to a project Google refuses).
    const step = panel.locator('.jp-GoogleAuth-projectStep');
    await expect(step).toBeVisible({ timeout: 20_000 });
    await expect(cellOutput(page, 1)).toHaveText('');
    await expect(step.locator('[data-project="ee-alice"]')).toBeVisible({
      timeout: 20_000
    });
    await cell.screenshot({ path: screenshotPath('cell-route-project-light') });
    await page.theme.setDarkTheme();
    await cell.screenshot({ path: screenshotPath('cell-route-project-dark') });
    await page.theme.setLightTheme();
    // A phone-sized window, with the side bars folded as a user there would.
    await page.sidebar.close('left');
    await page.sidebar.close('right');
    await page.setViewportSize({ width: 480, height: 1600 });
    await cell.screenshot({
      path: screenshotPath('cell-route-project-narrow')
    });
    await page.setViewportSize({ width: 1100, height: 1600 });
    await page.waitForTimeout(3000); // a person reads the list before choosing
    await step.locator('[data-project="ee-alice"]').click();

    // No click on the toolbar: the first cell ends by itself, the others run.
    await expect(cellOutput(page, 1)).toHaveText('True', { timeout: 30_000 });
    await expect(cellOutput(page, 2)).toHaveText('ee-alice', {
      timeout: 30_000
    });
    const note = cellOutput(page, 0).locator('.jp-GoogleAuth-cellNote');
    await expect(note).toHaveAttribute('data-state', 'done');
    await expect(note).toContainText('Signed in to Google');
    await expect(note).toContainText('project: ee-alice');
    await expect(
      cellOutput(page, 0).locator('.jp-GoogleAuth-panel')
    ).toHaveCount(0);
    await expect(
      page.locator(
        '.jp-Notebook .jp-Cell .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
      )
    ).toHaveCount(0);

    await scan.check(page, {
      env,
      notebookPath: `${tmpPath}/ee-authenticate.ipynb`
    });
  });

  test('%google_auth works the same, and Cancel stops the cell with a clear error', async ({
    page,
    context,
    tmpPath
  }) => {
    const env = testEnv();
    const scan = startSecretScan(context);
    await notebookWith(page, 'magic.ipynb', [
      '%load_ext jupyterlab_google_auth\n%google_auth --preset cloud --targets adc',
      "import json, os\nadc = os.path.expanduser('~/.config/gcloud/application_default_credentials.json')\nprint(json.load(open(adc))['type'])"
    ]);

    // First Cancel: the kernel hears of it through the server and raises.
    let panel = await runAllUntilPanel(page);
    // The magic's options reach the panel: the Cloud preset, only the ADC file.
    await expect(panel.locator('.jp-GoogleAuth-scopes select')).toHaveValue(
      'cloud'
    );
    await expect(panel.locator('[data-target="adc"] input')).toBeChecked();
    await expect(
      panel.locator('[data-target="earthengine"] input')
    ).not.toBeChecked();
    await panel.locator('.jp-GoogleAuth-close').click();
    await expect(cellOutput(page, 0)).toContainText('AuthenticationCancelled', {
      timeout: 15_000
    });
    await expect(cellOutput(page, 1)).toHaveText(''); // Run All stopped at the error

    panel = await runAllUntilPanel(page);
    await signInThroughCell(page, context, panel);
    await expect(cellOutput(page, 1)).toHaveText('authorized_user', {
      timeout: 30_000
    });
    await expect(
      cellOutput(page, 0).locator('.jp-GoogleAuth-cellNote')
    ).toHaveAttribute('data-state', 'done');
    await scan.check(page, { env, notebookPath: `${tmpPath}/magic.ipynb` });
  });

  test('a new kernel after the old one died gets the route again', async ({
    page
  }) => {
    // Whether ee.Authenticate is routed, and whether this kernel ran the cell before.
    const routed =
      "import ee\nprint(hasattr(ee.Authenticate, '__jupyterlab_google_auth_routed__'), 'before' in globals())\nbefore = 1";
    await notebookWith(page, 'restart.ipynb', [routed]);
    await page.notebook.runCell(0);
    await expect(cellOutput(page, 0)).toHaveText('True False');
    await page.notebook.runCell(0);
    await expect(cellOutput(page, 0)).toHaveText('True True');

    // The kernel dies; the server restarts it and the front end reconnects. (A restart from
    // the Kernel menu leaves this test server's kernels unusable even without this
    // extension, so the automatic restart stands in for it here.)
    const killAndWaitForNewKernel = async () => {
      await page.notebook.setCell(0, 'code', 'import os; os._exit(1)');
      await page.evaluate(() => {
        void (window as any).jupyterapp.commands.execute('notebook:run-cell');
      });
      await expect(
        page.locator('.jp-NotebookPanel[data-google-auth-route]')
      ).toHaveCount(0, { timeout: 30_000 });
      // JupyterLab says the kernel restarted.
      await page.locator('.jp-Dialog .jp-mod-accept').click();
      await page.notebook.setCell(0, 'code', routed);
    };
    await killAndWaitForNewKernel();
    await expect(
      page.locator('.jp-NotebookPanel[data-google-auth-route="installed"]')
    ).toHaveCount(1, { timeout: 60_000 });
    await page.notebook.runCell(0);
    await expect(cellOutput(page, 0)).toHaveText('True False'); // a new kernel, routed
  });

  test('a project change re-initialises ee in a running kernel', async ({
    page
  }) => {
    const env = testEnv();
    signIn('ee-alice');
    await fakeControl(env, 'services', {
      project: 'alice-sandbox-1',
      service: EE_API,
      state: 'ENABLED'
    });
    try {
      await page.reload();
      await notebookWith(page, 'follow.ipynb', [
        `import ee\nee.Initialize(project='ee-alice', opt_url='${env.fake_google}')\nprint(ee.data._get_state().cloud_api_user_project)`,
        "import os\ns = ee.data._get_state()\nprint(s.cloud_api_user_project, s.cloud_api_base_url == '" +
          env.fake_google +
          "', os.environ.get('GOOGLE_CLOUD_PROJECT'))"
      ]);
      await page.notebook.runCell(0);
      await expect(cellOutput(page, 0)).toContainText('ee-alice');

      // The item's project part opens the selector (its account part, the profiles menu).
      await page
        .locator('#jp-main-statusbar .jp-GoogleAuth-statusProject')
        .click();
      const dialog = page.locator('.jp-GoogleAuth-selectorDialog');
      await dialog.locator('.jp-GoogleAuth-search').fill('sandbox');
      await dialog.locator('[data-project="alice-sandbox-1"]').click();
      await expect(dialog).toHaveCount(0);

      // The notification names what happened and links to the setting.
      const toast = page.locator('.Toastify__toast', {
        hasText: 'Earth Engine was initialised again in 1 running kernel'
      });
      await expect(toast).toBeVisible({ timeout: 30_000 });
      await expect(
        toast.getByRole('button', { name: 'Settings' })
      ).toBeVisible();

      await page.notebook.runCell(1);
      await expect(cellOutput(page, 1)).toHaveText(
        'alice-sandbox-1 True alice-sandbox-1'
      );
    } finally {
      await fakeControl(env, 'services', {
        project: 'alice-sandbox-1',
        service: EE_API,
        state: 'DISABLED'
      });
    }
  });
});
