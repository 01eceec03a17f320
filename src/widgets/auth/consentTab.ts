/**
 * A browser tab opened synchronously inside the click that asked for a sign-in, before the
 * server has made the consent address: pop-up blockers allow a window.open only while the
 * click's user activation lasts, and the server's answer arrives after it. The tab shows one
 * line until it is sent to Google, and cannot reach back into JupyterLab (opener severed).
 */
import type { IConsentTab } from '../../core';

// The panel's model holds the tab until its start runs, so the interface is the model's.
export type { IConsentTab } from '../../core';

export function openConsentTab(waitingText: string): IConsentTab | null {
  // Not 'noopener': that makes window.open return null, and the tab could not be sent on.
  const tab = window.open('', '_blank');
  if (!tab) {
    return null; // blocked anyway: the panel's button opens the page instead
  }
  try {
    tab.opener = null;
    tab.document.title = waitingText;
    const line = tab.document.createElement('p');
    line.textContent = waitingText;
    line.style.font = '16px system-ui, sans-serif';
    line.style.margin = '2em';
    tab.document.body?.appendChild(line);
  } catch {
    // Not same-origin (a browser that opens about:blank elsewhere): the tab simply stays blank.
  }
  return {
    go(url: string): boolean {
      if (tab.closed) {
        return false;
      }
      tab.location.href = url;
      return true;
    },
    close(): void {
      if (!tab.closed) {
        tab.close();
      }
    }
  };
}

/**
 * A tab opened straight at a consent address the server already made (a flow prepared
 * before the click): the flow's `go` to that same address then leaves it as it is.
 */
export function openConsentTabAt(url: string): IConsentTab | null {
  const tab = window.open(url, '_blank');
  if (!tab) {
    return null;
  }
  try {
    tab.opener = null; // still about:blank here, so still ours to change
  } catch {
    // Already Google's: it cannot reach back into JupyterLab anyway (other origin).
  }
  return {
    go(next: string): boolean {
      if (tab.closed) {
        return false;
      }
      if (next !== url) {
        tab.location.href = next;
      }
      return true;
    },
    close(): void {
      if (!tab.closed) {
        tab.close();
      }
    }
  };
}
