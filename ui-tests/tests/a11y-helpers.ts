/**
 * The accessibility checks of accessibility.spec.ts: axe-core (from npm, injected into the
 * page) on the extension's own elements, and a contrast measure of our own for every text
 * node, computed from the computed styles (axe leaves text it cannot place on a background,
 * e.g. over a translucent badge or a colour written as color-mix(), as "needs review").
 */
import { expect, type IJupyterLabPageFixture } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';

/** WCAG 2 AA for body text; every text of ours is body-sized, so one threshold for all. */
export const MIN_CONTRAST = 4.5;
const FAILING_IMPACTS = ['moderate', 'serious', 'critical'];

export interface IAxeFinding {
  rule: string;
  impact: string;
  nodes: string[];
}

export interface ITextContrast {
  text: string;
  ratio: number;
  color: string;
  background: string;
  element: string;
}

/** Loads axe-core into the page once (a page reload or a new page needs it again). */
async function injectAxe(page: IJupyterLabPageFixture): Promise<void> {
  if (await page.evaluate(() => 'axe' in window)) {
    return;
  }
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
}

/** axe's violations of impact moderate or above inside the elements `selectors` match. */
export async function axeFindings(
  page: IJupyterLabPageFixture,
  selectors: string[]
): Promise<IAxeFinding[]> {
  await injectAxe(page);
  const violations = await page.evaluate(
    async include =>
      (
        await (window as any).axe.run(
          { include: include.map(s => [s]) },
          { resultTypes: ['violations'] }
        )
      ).violations.map((v: any) => ({
        rule: v.id,
        impact: v.impact,
        nodes: v.nodes.map(
          (n: any) => `${n.target.join(' ')}: ${n.failureSummary}`
        )
      })),
    selectors
  );
  return violations.filter((v: IAxeFinding) =>
    FAILING_IMPACTS.includes(v.impact)
  );
}

/**
 * Every visible text node inside `selectors` with its contrast ratio against the background
 * it is painted on: the element's computed colour (times the opacity of its ancestors) over
 * the backgrounds of its ancestors, composited from the first opaque one. Colours go through
 * a canvas so any CSS colour syntax the browser computes (color-mix, color(srgb …)) is read.
 */
export async function textContrasts(
  page: IJupyterLabPageFixture,
  selectors: string[]
): Promise<ITextContrast[]> {
  return page.evaluate(roots => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    type RGBA = [number, number, number, number];
    const rgba = (css: string): RGBA => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = '#000';
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      return [r, g, b, a / 255];
    };
    const over = (top: RGBA, bottom: RGBA): RGBA => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      const mix = (i: number) =>
        a === 0
          ? 0
          : (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    const luminance = ([r, g, b]: RGBA) => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const hex = (c: RGBA) =>
      '#' +
      c
        .slice(0, 3)
        .map(v => Math.round(v).toString(16).padStart(2, '0'))
        .join('');
    const describe = (e: Element) =>
      e.tagName.toLowerCase() +
      [...e.classList].map(c => `.${c}`).join('') +
      (e.getAttribute('data-ee-state')
        ? `[data-ee-state=${e.getAttribute('data-ee-state')}]`
        : '');
    /** The background the element is painted on, through its ancestors down from the page. */
    const background = (element: Element): RGBA => {
      const layers: RGBA[] = [];
      for (let e: Element | null = element; e; e = e.parentElement) {
        const layer = rgba(getComputedStyle(e).backgroundColor);
        if (layer[3] > 0) {
          layers.push(layer);
          if (layer[3] === 1) {
            break;
          }
        }
      }
      return layers.reduceRight<RGBA>(
        (below, layer) => over(layer, below),
        [255, 255, 255, 1]
      );
    };
    const opacity = (element: Element) => {
      let value = 1;
      for (let e: Element | null = element; e; e = e.parentElement) {
        value *= Number(getComputedStyle(e).opacity);
      }
      return value;
    };
    const found: ITextContrast[] = [];
    for (const root of roots.flatMap(s => [...document.querySelectorAll(s)])) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement!;
        const text = node.textContent!.trim();
        const range = document.createRange();
        range.selectNodeContents(node);
        const box = range.getBoundingClientRect();
        if (
          !text ||
          box.width < 2 ||
          box.height < 2 ||
          !element.checkVisibility({ visibilityProperty: true }) ||
          // WCAG 1.4.3 exempts inactive controls.
          element.closest(':disabled, [aria-disabled="true"]')
        ) {
          continue;
        }
        const bg = background(element);
        const fg = rgba(getComputedStyle(element).color);
        fg[3] *= opacity(element);
        const shown = over(fg, bg);
        const [hi, lo] = [luminance(shown), luminance(bg)].sort(
          (a, b) => b - a
        );
        found.push({
          text: text.slice(0, 40),
          ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100,
          color: hex(shown),
          background: hex(bg),
          element: describe(element)
        });
      }
    }
    return found;
  }, selectors);
}

/**
 * Both checks on `selectors` in the page's current theme, each finding named in the failure.
 * With A11Y_REPORT set, every measured text is appended to that file (the figures in the
 * issue's note come from it).
 */
export async function expectAccessible(
  page: IJupyterLabPageFixture,
  state: string,
  selectors: string[]
): Promise<void> {
  await expect(page.locator(selectors.join(', ')).first()).toBeVisible();
  const contrasts = await textContrasts(page, selectors);
  expect(contrasts.length, `${state}: texts measured`).toBeGreaterThan(0);
  const report = process.env.A11Y_REPORT;
  if (report) {
    const theme = await page.evaluate(() =>
      document.body.getAttribute('data-jp-theme-name')
    );
    const lines = contrasts.map(c => JSON.stringify({ state, theme, ...c }));
    fs.mkdirSync(path.dirname(path.resolve(report)), { recursive: true });
    fs.appendFileSync(report, lines.join('\n') + '\n');
  }
  // Soft: one run lists every finding of every state and theme, not the first one only.
  expect
    .soft(
      contrasts.filter(c => c.ratio < MIN_CONTRAST),
      `${state}: texts under ${MIN_CONTRAST}:1`
    )
    .toEqual([]);
  expect.soft(await axeFindings(page, selectors), `${state}: axe`).toEqual([]);
}

/**
 * The checks in the light theme, then in the dark one; the page is left light. With `shot`,
 * the first selector's element is also saved as screenshots/a11y-<shot>-<light|dark>.png.
 */
export async function expectAccessibleInBothThemes(
  page: IJupyterLabPageFixture,
  state: string,
  selectors: string[],
  shot?: string
): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') {
      await page.theme.setDarkTheme();
    }
    await expectAccessible(page, `${state} (${theme})`, selectors);
    if (shot) {
      await page
        .locator(selectors[0])
        .first()
        .screenshot({
          path: path.join(
            __dirname,
            '..',
            'screenshots',
            `a11y-${shot}-${theme}.png`
          )
        });
    }
  }
  await page.theme.setLightTheme();
}
