import { expect, type IJupyterLabPageFixture } from '@jupyterlab/galata';

/**
 * Runs a command from the palette the way a user does: open it, type the label, click the
 * entry. Right after a notebook opens, JupyterLab moves focus to it and the modal palette
 * closes on blur, so the sequence is retried until the click lands.
 */
export async function runFromPalette(
  page: IJupyterLabPageFixture,
  label: string,
  command: string
): Promise<void> {
  const input = page.locator('#modal-command-palette input');
  const entry = page.locator(
    `#modal-command-palette [data-command="${command}"]`
  );
  await expect(async () => {
    if (!(await input.isVisible())) {
      await page.evaluate(() =>
        (window as any).jupyterapp.commands.execute(
          'apputils:activate-command-palette'
        )
      );
    }
    await input.fill(label, { timeout: 1000 });
    await entry.click({ timeout: 1000 });
  }).toPass({ timeout: 20000 });
}
