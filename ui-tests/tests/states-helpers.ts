/**
 * Screenshots of one state of a view in the light theme, the dark theme and at 480 px wide
 * (ui-tests/screenshots/<name>-{light,dark,480}.png), checking that nothing visible spills
 * over the view's right edge in the light and narrow shots.
 */
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

import { screenshotPath } from './flows-helpers';
import { expectNoOverflow } from './screens';

export async function shootStates(
  page: IJupyterLabPageFixture,
  view: Locator,
  name: string,
  /** A modal dialog blocks the View menu that folds the side bars: leave them. */
  options: { modal?: boolean } = {}
): Promise<void> {
  const noOverflow = () => expectNoOverflow(view);
  await view.screenshot({ path: screenshotPath(`${name}-light`) });
  await noOverflow();
  await page.theme.setDarkTheme();
  await view.screenshot({ path: screenshotPath(`${name}-dark`) });
  await page.theme.setLightTheme();
  const size = page.viewportSize()!;
  // A phone-sized window, with the side bars folded as a user there would.
  if (!options.modal) {
    await page.sidebar.close('left');
    await page.sidebar.close('right');
  }
  await page.setViewportSize({ width: 480, height: size.height });
  await view.scrollIntoViewIfNeeded();
  await view.screenshot({ path: screenshotPath(`${name}-480`) });
  await noOverflow();
  await page.setViewportSize(size);
}
