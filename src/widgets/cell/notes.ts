import type { TranslationBundle } from '@jupyterlab/translation';

import type { CellSignIn } from '../../core';

/** Known reasons the kernel stopped waiting, in the user's language. */
function endedText(reason: string, trans: TranslationBundle): string | null {
  switch (reason) {
    case 'timeout':
      return trans.__(
        'The sign-in was not finished in time. Run the cell again to sign in.'
      );
    case 'interrupted':
      return trans.__('Sign-in cancelled: the kernel was interrupted.');
    case 'cancelled':
      return trans.__('Sign-in cancelled. Run the cell again to sign in.');
    default:
      return null;
  }
}

/**
 * The one line a cell shows once its sign-in is over, or for a request this session did not
 * make (a saved notebook reopened): never a live panel for those.
 */
export function cellNote(
  data: CellSignIn | null,
  trans: TranslationBundle
): HTMLElement {
  const node = document.createElement('p');
  node.className = 'jp-GoogleAuth-cellNote';
  node.dataset.state = data?.state ?? 'closed';
  if (data?.state === 'done') {
    node.classList.add('jp-GoogleAuth-success');
    const who = data.account
      ? trans.__('Signed in to Google as %1', data.account)
      : trans.__('Signed in to Google');
    // Skipped project step: say what ee.Initialize() needs, and where to set it later.
    node.textContent = data.project
      ? trans.__('%1 (project: %2).', who, data.project)
      : trans.__(
          '%1. No project chosen: pass project=… to ee.Initialize(), or choose one from the status bar.',
          who
        );
  } else if (data?.state === 'ended') {
    node.setAttribute('role', 'status');
    node.textContent =
      endedText(data.reason, trans) ??
      trans.__(
        'Sign-in failed (%1). Run the cell again to retry.',
        data.reason
      );
  } else if (data?.state === 'pending') {
    node.textContent = trans.__(
      'This sign-in request has ended. Run the cell again to sign in.'
    );
  } else {
    node.textContent = trans.__('Sign-in panel closed.');
  }
  return node;
}
