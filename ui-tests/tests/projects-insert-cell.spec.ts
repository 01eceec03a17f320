import { expect, test } from '@jupyterlab/galata';

import {
  clearCredentials,
  readJson,
  signIn,
  EE_FILE
} from './projects-helpers';
import { runFromPalette } from './palette';
import { newNotebook } from './notebook-helpers';

test.describe('Insert ee.Initialize cell', () => {
  test.afterEach(() => clearCredentials());

  test('inserts the cell below the active one with the current project', async ({
    page
  }) => {
    signIn('ee-alice');
    await newNotebook(page, 'ee-init.ipynb');
    await page.notebook.setCell(0, 'code', 'print("first")');
    await page.notebook.addCell('code', 'print("last")');
    await page.notebook.selectCells(0);

    await runFromPalette(
      page,
      'Google: Insert ee.Initialize cell',
      'google-auth:insert-ee-initialize'
    );
    await expect(page.locator('.jp-Notebook .jp-Cell')).toHaveCount(3);
    expect(await page.notebook.getCellTextInput(1)).toBe(
      "import ee\nee.Initialize(project='ee-alice')"
    );
    expect(await page.notebook.getCellType(1)).toBe('code');
    expect(await page.notebook.getCellTextInput(2)).toBe('print("last")');
  });

  test('opens the selector first when there is no project', async ({
    page
  }) => {
    signIn();
    await newNotebook(page, 'ee-init-choose.ipynb');
    await runFromPalette(
      page,
      'Google: Insert ee.Initialize cell',
      'google-auth:insert-ee-initialize'
    );

    const dialog = page.locator('.jp-GoogleAuth-selectorDialog');
    await dialog.locator('[data-project="alice-sandbox-1"]').click();
    // Its Earth Engine API is off: said with the fix before the cell is written.
    const notice = dialog.locator('.jp-GoogleAuth-choiceNotice');
    await expect(notice).toContainText(
      'The Earth Engine API is off in project alice-sandbox-1'
    );
    await notice.getByRole('button', { name: 'Keep alice-sandbox-1' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.locator('.jp-Notebook .jp-Cell')).toHaveCount(2);
    expect(await page.notebook.getCellTextInput(1)).toBe(
      "import ee\nee.Initialize(project='alice-sandbox-1')"
    );
    expect(readJson(EE_FILE).project).toBe('alice-sandbox-1');
  });
});
