/**
 * How `src/core` says things in the user's language without importing JupyterLab: each
 * function that builds a sentence takes a `Translate`, and the widgets pass their bundle's
 * `__` (`trans.__.bind(trans)`). Placeholders are JupyterLab's: `%1`, `%2`, … so the whole
 * sentence is one message to translate, not pieces glued together.
 */
export type Translate = (msgid: string, ...args: (string | number)[]) => string;

/** English, placeholders filled in as JupyterLab's translator does: the default. */
export const english: Translate = (msgid, ...args) =>
  msgid.replace(/%(\d+)/g, (whole, n: string) => {
    const value = args[Number(n) - 1];
    return value === undefined ? whole : String(value);
  });
