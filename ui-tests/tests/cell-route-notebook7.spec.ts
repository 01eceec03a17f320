/**
 * The cell route in Notebook 7: ee.Authenticate() shows the panel in the cell's output and
 * the next cell runs once the sign-in is done. Plain Playwright (Galata's fixtures expect the
 * JupyterLab shell).
 */
import { expect, test } from '@playwright/test';

import {
  clearCredentials,
  consentInTabOpenedBy,
  testEnv
} from './flows-helpers';

const cell = (source: string) => ({
  cell_type: 'code',
  source,
  metadata: {},
  outputs: [],
  execution_count: null
});

test('ee.Authenticate() routed to the panel in Notebook 7', async ({
  page,
  context,
  request
}) => {
  clearCredentials(testEnv());
  const path = 'notebook7-cell-route.ipynb';
  const put = await request.put(`/api/contents/${path}`, {
    data: {
      type: 'notebook',
      format: 'json',
      content: {
        cells: [
          cell('import ee; ee.Authenticate()'),
          cell(
            "import json\nprint('refresh_token' in json.load(open(ee.oauth.get_credentials_path())))"
          )
        ],
        metadata: {
          kernelspec: {
            name: 'python3',
            display_name: 'Python 3',
            language: 'python'
          }
        },
        nbformat: 4,
        nbformat_minor: 5
      }
    }
  });
  expect(put.ok()).toBeTruthy();
  try {
    await page.goto(`/notebooks/${path}`);
    await expect(
      page.locator('.jp-NotebookPanel[data-google-auth-route="installed"]')
    ).toHaveCount(1, { timeout: 60_000 });

    await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
    await page
      .locator('.lm-Menu-itemLabel', { hasText: /^Run All Cells$/ })
      .click();

    const outputs = page.locator('.jp-Notebook .jp-Cell .jp-OutputArea');
    const panel = outputs.nth(0).locator('.jp-GoogleAuth-panel');
    await expect(panel).toBeVisible({ timeout: 30_000 });
    await expect(panel.locator('.jp-GoogleAuth-signIn')).toBeEnabled({
      timeout: 20_000
    });
    const tab = await consentInTabOpenedBy(
      context,
      panel.locator('.jp-GoogleAuth-signIn')
    );
    await expect(tab.locator('h1')).toHaveText('Signed in');
    await tab.close();

    // The project step asks; "Skip for now" lets the cell return without one, and says so.
    await panel.locator('.jp-GoogleAuth-skipProject').click();
    await expect(outputs.nth(1)).toHaveText('True', { timeout: 30_000 });
    const note = outputs.nth(0).locator('.jp-GoogleAuth-cellNote');
    await expect(note).toHaveAttribute('data-state', 'done');
    await expect(note).toContainText('No project chosen');
  } finally {
    clearCredentials(testEnv());
    await request.delete(`/api/contents/${path}`);
  }
});
