/**
 * Notebooks for the specs that run code in a real kernel: one with given cells, its kernel
 * started and the ee route installed; and the output area of a cell.
 */
import { expect, type IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

/** A new notebook holding `sources`, its kernel started and the ee route installed. */
export async function notebookWith(
  page: IJupyterLabPageFixture,
  name: string,
  sources: string[]
): Promise<void> {
  await page.notebook.createNew(name);
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
