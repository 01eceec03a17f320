import { expect, test } from '@playwright/test';

// Plain Playwright (not Galata's fixtures, which expect the JupyterLab shell).
const EMPTY_NOTEBOOK = {
  cells: [
    {
      cell_type: 'code',
      source: '',
      metadata: {},
      outputs: [],
      execution_count: null
    }
  ],
  metadata: {},
  nbformat: 4,
  nbformat_minor: 5
};

test('the extension loads in Notebook 7 and opens its panel', async ({
  page,
  request
}) => {
  const path = 'notebook7-check.ipynb';
  const put = await request.put(`/api/contents/${path}`, {
    data: { type: 'notebook', format: 'json', content: EMPTY_NOTEBOOK }
  });
  expect(put.ok()).toBeTruthy();
  await page.goto(`/notebooks/${path}`);

  const button = page.locator(
    '.jp-NotebookPanel-toolbar [data-command="google-auth:authenticate"]'
  );
  await expect(button).toBeVisible({ timeout: 30000 });
  // The notebook has no kernel recorded, so Notebook 7 asks for one: take the default.
  const kernelDialog = page.locator('.jp-Dialog');
  await kernelDialog.getByRole('button', { name: 'Select' }).click();
  await expect(kernelDialog).toHaveCount(0);
  await button.click();
  const panel = page.locator('.jp-GoogleAuth-panel');
  await expect(panel.locator('[data-environment-class]')).toHaveAttribute(
    'data-environment-class',
    'local'
  );
  await request.delete(`/api/contents/${path}`);
});
