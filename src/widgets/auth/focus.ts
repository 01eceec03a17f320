/** Where the panel moves the keyboard, and where it gives it back when it closes. */

/** Where the keyboard goes after each step, first match wins. */
const NEXT_STEP_SELECTORS = [
  '.jp-GoogleAuth-pasteInput:not(:disabled)',
  '.jp-GoogleAuth-projectStep .jp-GoogleAuth-search',
  '.jp-GoogleAuth-signIn:not(:disabled)',
  '.jp-GoogleAuth-switch',
  '.jp-GoogleAuth-retry',
  '.jp-GoogleAuth-consentButton'
];

/** Moves the keyboard to the next step inside `node`, once the pending render is done. */
export function focusNextStepIn(node: HTMLElement): void {
  // After the panel's next render (an update request runs in the next animation frame).
  requestAnimationFrame(() =>
    setTimeout(() => {
      // In order of preference, not of the DOM (a retry button precedes the project step).
      const next = NEXT_STEP_SELECTORS.map(selector =>
        node.querySelector<HTMLElement>(selector)
      ).find(element => element !== null);
      next?.focus({ preventScroll: true });
    })
  );
}

/** The element that has the keyboard now: it gets it back when the panel closes. */
export function focusedElement(): HTMLElement | null {
  return document.activeElement instanceof HTMLElement
    ? document.activeElement
    : null;
}

/** Gives the keyboard back to `opener`, unless it left the page or scrolled out of view. */
export function restoreFocus(opener: HTMLElement | null): void {
  if (opener?.isConnected && isInView(opener)) {
    opener.focus({ preventScroll: true });
  }
}

/** Focus never goes to an element scrolled out of view (the page would jump to it). */
function isInView(element: HTMLElement): boolean {
  const box = element.getBoundingClientRect();
  return (
    box.bottom > 0 && box.top < window.innerHeight && box.width + box.height > 0
  );
}
