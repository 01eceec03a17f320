import { expect, test } from '@playwright/test';

import { clearCredentials, signIn } from './projects-helpers';

// Plain Playwright (Galata's fixtures expect the JupyterLab shell).
const NOTEBOOK = {
  cells: [],
  metadata: {},
  nbformat: 4,
  nbformat_minor: 5
};

test.afterEach(() => clearCredentials());

test('Notebook 7 has no status bar: the item sits in the notebook toolbar', async ({
  page,
  request
}) => {
  signIn('ee-alice');
  const path = 'status-notebook7.ipynb';
  const put = await request.put(`/api/contents/${path}`, {
    data: { type: 'notebook', format: 'json', content: NOTEBOOK }
  });
  expect(put.ok()).toBeTruthy();
  await page.goto(`/notebooks/${path}`);

  const item = page.locator(
    '.jp-NotebookPanel-toolbar .jp-GoogleAuth-toolbarStatus .jp-GoogleAuth-statusItem'
  );
  await expect(item).toHaveText('alice@example.com · ee-alice', {
    timeout: 30000
  });
  await expect(page.locator('#jp-main-statusbar')).toHaveCount(0);
  await request.delete(`/api/contents/${path}`);
});
