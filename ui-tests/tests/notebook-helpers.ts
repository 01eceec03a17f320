/**
 * Notebooks for the specs that run code in a real kernel: one with given cells, its kernel
 * started and the ee route installed; and the output area of a cell.
 */
import { expect, type IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

/** An empty notebook with one code cell, for the Python kernel (so it starts without a dialog). */
const EMPTY_NOTEBOOK = {
  cells: [
    {
      cell_type: 'code',
      execution_count: null,
      id: 'first',
      metadata: {},
      outputs: [],
      source: ''
    }
  ],
  metadata: {
    kernelspec: {
      display_name: 'Python 3 (ipykernel)',
      language: 'python',
      name: 'python3'
    },
    language_info: { name: 'python' }
  },
  nbformat: 4,
  nbformat_minor: 5
};

/**
 * A new notebook named `name` in the file browser's folder, open and current, its kernel
 * starting. The file is written under its name before it opens, so the kernel starts knowing
 * which notebook it belongs to. Galata's `createNew(name)` instead renames "Untitled.ipynb"
 * a moment after opening it; when that rename lands while the session is still being created,
 * JupyterLab gives the session the name it had at the start, and the kernel (grants, "set in
 * kernels" variables, bindings) and the page then disagree about which notebook it is. No
 * person renames a notebook within milliseconds of creating it.
 */
export async function newNotebook(
  page: IJupyterLabPageFixture,
  name: string
): Promise<void> {
  const folder = await page.filebrowser.getCurrentDirectory();
  const path = folder ? `${folder}/${name}` : name;
  await page.contents.uploadContent(
    JSON.stringify(EMPTY_NOTEBOOK),
    'text',
    path
  );
  // Returns nothing: the widget the command resolves to cannot cross into the test.
  await page.evaluate(async path => {
    await (window as any).jupyterapp.commands.execute('docmanager:open', {
      path,
      factory: 'Notebook'
    });
  }, path);
  await expect(page.activity.getTabLocator(name)).toBeVisible();
  const panel = (await page.activity.getPanelLocator(name))!;
  await expect(panel.locator('.jp-Cell')).toHaveCount(1);
}

/** A new notebook holding `sources`, its kernel started and the ee route installed. */
export async function notebookWith(
  page: IJupyterLabPageFixture,
  name: string,
  sources: string[]
): Promise<void> {
  await newNotebook(page, name);
  for (const [index, source] of sources.entries()) {
    if (index > 0) {
      await page.notebook.addCell('code', source);
    } else {
      await page.notebook.setCell(0, 'code', source);
    }
  }
  await expect(
    page.locator('.jp-NotebookPanel[data-google-auth-route="installed"]')
  ).toHaveCount(1, { timeout: 60_000 });
}

export function cellOutput(
  page: IJupyterLabPageFixture,
  index: number
): Locator {
  return page
    .locator('.jp-NotebookPanel .jp-Notebook .jp-Cell')
    .nth(index)
    .locator('.jp-OutputArea');
}
