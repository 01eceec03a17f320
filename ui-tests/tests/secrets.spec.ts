/**
 * The secret store in real Chromium against the real server, real kernels and the fake
 * Google (issue 20): a Gemini key is added in the Secrets panel and checked; a notebook's cell
 * calls `userdata.get`, the prompt in its output is answered Allow and the key is used with
 * google-genai (the model list reaches the fake), never shown; a second notebook is denied.
 * Nothing of the key is in what the browser received, the saved notebooks, the browser's
 * storage or the server's log. Screenshots of the panel and the prompt: light, dark, 480 px.
 */
import { expect, test, type IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

import { fakeControl, screenshotPath, testEnv } from './flows-helpers';
import { cellOutput, notebookWith } from './notebook-helpers';
import { expectNoOverflow } from './screens';
import { startSecretScan } from './secret-scan';

const STORE = ['.config', 'jupyterlab-google-auth', 'secrets.json'];

function clearStore(home: string): void {
  fs.rmSync(path.join(home, ...STORE), { force: true });
}

async function openSecrets(page: IJupyterLabPageFixture): Promise<Locator> {
  await page.sidebar.openTab('jp-GoogleAuth-secrets');
  const panel = page.locator('#jp-GoogleAuth-secrets');
  await expect(panel).toBeVisible();
  return panel;
}

/** Runs the first cell without waiting for it (it waits for the prompt's answer). */
async function runFirstCell(page: IJupyterLabPageFixture): Promise<Locator> {
  await page.notebook.selectCells(0);
  await page.evaluate(() => {
    void (window as any).jupyterapp.commands.execute('notebook:run-cell');
  });
  const prompt = cellOutput(page, 0).locator(
    '.jp-GoogleAuth-secretPrompt[data-state="pending"]'
  );
  await expect(prompt).toBeVisible({ timeout: 60_000 });
  return prompt;
}

/** `target` in light and dark, then in a 480 px window; nothing overflows. */
async function shoot(
  page: IJupyterLabPageFixture,
  target: Locator,
  name: string,
  foldLeft: boolean
): Promise<void> {
  await target.screenshot({ path: screenshotPath(`${name}-light`) });
  await expectNoOverflow(target);
  await page.theme.setDarkTheme();
  await target.screenshot({ path: screenshotPath(`${name}-dark`) });
  await page.theme.setLightTheme();
  const size = page.viewportSize()!;
  if (foldLeft) {
    await page.sidebar.close('left');
  }
  await page.sidebar.close('right');
  await page.setViewportSize({ width: 480, height: size.height });
  await target.scrollIntoViewIfNeeded();
  await target.screenshot({ path: screenshotPath(`${name}-480`) });
  await expectNoOverflow(target);
  await page.setViewportSize(size);
}

const useKey = (fake: string) =>
  [
    'from jupyterlab_google_auth import userdata',
    'from google import genai',
    "key = userdata.get('GEMINI_API_KEY')",
    `client = genai.Client(api_key=key, http_options={'base_url': '${fake}'})`,
    "print(len(list(client.models.list())), 'models listed with the stored key')"
  ].join('\n');

test.describe('Secrets', () => {
  // Two kernels, google-genai's import and six screenshots on a shared two-core machine.
  test.setTimeout(240_000);
  test.beforeEach(() => clearStore(testEnv().home));
  test.afterEach(() => clearStore(testEnv().home));

  test('a Gemini key: added once, allowed in one notebook, denied in another, never shown', async ({
    page,
    context,
    tmpPath
  }) => {
    const env = testEnv();
    const scan = startSecretScan(context);
    const { key } = await fakeControl(env, 'api-keys', { kind: 'valid' });

    // Add it in the panel; the value field is cleared and only the last four show.
    const panel = await openSecrets(page);
    await expect(panel.getByText('No secrets yet.')).toBeVisible();
    await expect(panel.getByLabel('Name')).toHaveValue('GEMINI_API_KEY');
    await panel.getByLabel('Value').fill(key);
    await panel.getByRole('button', { name: 'Add', exact: true }).click();
    const row = panel.locator('[data-secret="GEMINI_API_KEY"]');
    await expect(row).toContainText(`••••${key.slice(-4)}`);
    await expect(panel.getByLabel('Value')).toHaveValue('');
    await row.getByRole('button', { name: 'Check' }).click();
    await expect(row.locator('[data-check="ok"]')).toContainText(
      'The key works'
    );

    // A notebook asks; Allow; the key is used, never shown.
    await notebookWith(page, 'allowed.ipynb', [useKey(env.fake_google)]);
    await expect(row.getByRole('switch')).not.toBeChecked();
    const prompt = await runFirstCell(page);
    await expect(prompt).toContainText(
      'Allow this notebook to read GEMINI_API_KEY?'
    );
    await shoot(page, prompt, 'secrets-prompt', true);
    await page.sidebar.open('left');
    await prompt.getByRole('button', { name: 'Allow' }).click();
    await expect(cellOutput(page, 0)).toContainText(
      '3 models listed with the stored key',
      { timeout: 60_000 }
    );
    await expect(
      cellOutput(page, 0).locator('[data-state="allowed"]')
    ).toBeVisible();
    // The panel shows this notebook's access, granted by the Allow.
    await openSecrets(page);
    await expect(row.getByRole('switch')).toBeChecked();
    await shoot(page, panel, 'secrets-panel', false);
    await page.sidebar.open('left');

    // A second notebook: Deny.
    await page.notebook.save();
    await page.notebook.close();
    await notebookWith(page, 'denied.ipynb', [
      "from jupyterlab_google_auth import userdata\nuserdata.get('GEMINI_API_KEY')"
    ]);
    const second = await runFirstCell(page);
    await second.getByRole('button', { name: 'Deny' }).click();
    await expect(cellOutput(page, 0)).toContainText('NotebookAccessError', {
      timeout: 60_000
    });
    await expect(row.getByRole('switch')).not.toBeChecked();
    await page.notebook.save();

    // Nothing of the key anywhere the browser or the notebooks could keep it.
    await scan.check(page, {
      env,
      notebookPath: `${tmpPath}/denied.ipynb`,
      extraSecrets: [key]
    });
    const allowed = await page.evaluate(async p => {
      const response = await fetch(`/api/contents/${p}?content=1`);
      return response.text();
    }, `${tmpPath}/allowed.ipynb`);
    expect(allowed).toContain('models listed with the stored key');
    expect(allowed).not.toContain(key);
  });
});
