/**
 * Narrow windows (issue 18, item 6): at 480 px Authenticate stays in the notebook toolbar
 * (one click, not behind the overflow menu) and the account stays in the status bar. Also
 * the screenshots of the panel, the selector, the status item and the toolbar in light,
 * dark and at 480 px (ui-tests/screenshots/a11y-<part>-<light|dark|480>.png).
 */
import { expect, test, type IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

import {
  MANUAL_START_SETTINGS,
  AUTHENTICATE_BUTTON,
  screenshotPath
} from './flows-helpers';
import {
  clearCredentials,
  defaultAliceProjects,
  signIn
} from './projects-helpers';
import { newNotebook } from './notebook-helpers';

const STATUS_ITEM = '#jp-main-statusbar .jp-GoogleAuth-statusItem';
const NARROW = { width: 480, height: 800 };

/** Whether the element's whole box is inside the window (nothing cut at an edge). */
async function insideWindow(locator: Locator): Promise<boolean> {
  return locator.evaluate(e => {
    const box = e.getBoundingClientRect();
    return (
      box.width > 0 &&
      box.left >= 0 &&
      box.top >= 0 &&
      box.right <= window.innerWidth &&
      box.bottom <= window.innerHeight
    );
  });
}

/**
 * A notebook whose toolbar has settled: JupyterLab's responsive toolbar moves what does not
 * fit behind its "…" opener after measuring, so at 480 px the opener showing is the sign it
 * has run; in a wide window everything stays, up to the kernel's name at the end.
 */
async function notebookWithSettledToolbar(
  page: IJupyterLabPageFixture,
  name: string
): Promise<Locator> {
  await page.sidebar.close('left');
  await page.sidebar.close('right');
  await newNotebook(page, name);
  const toolbar = page.locator('.jp-NotebookPanel-toolbar');
  const narrow = page.viewportSize()!.width <= NARROW.width;
  await expect(
    toolbar.locator(
      narrow
        ? '.jp-Toolbar-responsive-opener'
        : '[data-jp-item-name="kernelName"]'
    )
  ).toBeVisible();
  return toolbar;
}

/** Light and dark shots of `part` at the window's current width, named with `suffix`. */
async function shootThemes(
  page: IJupyterLabPageFixture,
  locator: Locator,
  part: string
): Promise<void> {
  await locator.screenshot({ path: screenshotPath(`a11y-${part}-light`) });
  await page.theme.setDarkTheme();
  await locator.screenshot({ path: screenshotPath(`a11y-${part}-dark`) });
  await page.theme.setLightTheme();
}

test.describe('Narrow window (480 px)', () => {
  test.use({ mockSettings: MANUAL_START_SETTINGS, viewport: NARROW });
  test.afterEach(() => clearCredentials());

  test('Authenticate stays in the toolbar, one click away', async ({
    page
  }) => {
    clearCredentials();
    await page.reload();
    await notebookWithSettledToolbar(page, 'narrow.ipynb');
    const button = page.locator(AUTHENTICATE_BUTTON);
    await expect(button).toBeVisible();
    expect(await insideWindow(button)).toBe(true);
    // Its name stays for assistive technology while the label is folded to the icon.
    await expect(button).toHaveAccessibleName('Authenticate');
    await button.click();
    await expect(
      page.locator('.jp-GoogleAuth-panel .jp-GoogleAuth-signIn')
    ).toBeVisible();
  });

  test('the account stays visible in the status bar', async ({ page }) => {
    signIn('ee-alice');
    await page.reload();
    await notebookWithSettledToolbar(page, 'narrow-status.ipynb');
    const item = page.locator(STATUS_ITEM);
    await expect(item).toBeVisible();
    await expect(item).toHaveText('alice@example.com · ee-alice');
    expect(await insideWindow(item)).toBe(true);
    // The text may end in an ellipsis, but the account's start is shown.
    const shown = await item
      .locator('.jp-GoogleAuth-statusText')
      .evaluate(e => e.getBoundingClientRect().width);
    expect(shown).toBeGreaterThan(60);
  });

  test('screenshots: toolbar, panel, status item, selector; light, dark, 480 px', async ({
    page
  }) => {
    await defaultAliceProjects();
    signIn('ee-alice');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.reload();
    const toolbar = await notebookWithSettledToolbar(page, 'shots.ipynb');
    for (const width of ['wide', '480'] as const) {
      if (width === '480') {
        await page.setViewportSize(NARROW);
        await expect(
          toolbar.locator('.jp-Toolbar-responsive-opener')
        ).toBeVisible();
      }
      // At 480 px one shot (light) per part; light and dark at full width.
      const shoot = async (locator: Locator, part: string) =>
        width === '480'
          ? locator.screenshot({ path: screenshotPath(`a11y-${part}-480`) })
          : shootThemes(page, locator, part);

      await shoot(toolbar, 'toolbar');
      // The whole status bar: at 480 px it shows what JupyterLab keeps beside the account.
      await shoot(page.locator('#jp-main-statusbar'), 'statusbar');
      await page.locator(AUTHENTICATE_BUTTON).click();
      const panel = page.locator('.jp-GoogleAuth-panel');
      await expect(panel.locator('.jp-GoogleAuth-signedIn')).toBeVisible();
      await shoot(panel, 'panel');
      await panel.locator('.jp-GoogleAuth-close').click();
      await expect(panel).toHaveCount(0);

      // The project part (the account part opens the profiles menu).
      await page.locator(`${STATUS_ITEM} .jp-GoogleAuth-statusProject`).click();
      const dialog = page.locator('.jp-GoogleAuth-selectorDialog');
      for (const project of ['alice-sandbox-1', 'ee-alice']) {
        await dialog.locator(`[data-project="${project}"]`).hover();
        await expect(
          dialog.locator(`[data-project="${project}"] [data-ee-state]`)
        ).toBeVisible();
      }
      await shoot(dialog.locator('.jp-Dialog-content'), 'selector');
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
    }
  });
});
