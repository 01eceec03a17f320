/**
 * Checks shared by the screenshot specs.
 */
import { expect } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

/** Every visible part of `panel` ends inside its right edge (nothing cut off when narrow). */
export async function expectNoOverflow(panel: Locator): Promise<void> {
  expect(
    await panel.evaluate(node => {
      const right = node.getBoundingClientRect().right + 1;
      return [...node.querySelectorAll<HTMLElement>('*')]
        .filter(e => e.offsetParent !== null && e.getClientRects().length)
        .filter(e => e.getBoundingClientRect().right > right)
        .map(
          e =>
            `${e.tagName}.${e.className} ${e.getBoundingClientRect().right} > ${right}`
        );
    })
  ).toEqual([]);
}
