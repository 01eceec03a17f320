import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { StatusLineKey } from '../../core';

/**
 * The one line that says where the sign-in stands. The model chooses the line
 * (`statusLine` in src/core/panel.ts); each is a literal here so translators find it.
 */
export function StatusLine(props: {
  line: StatusLineKey;
  trans: TranslationBundle;
}): JSX.Element {
  return (
    <p className="jp-GoogleAuth-statusLine" role="status" aria-live="polite">
      {statusText(props.line, props.trans)}
    </p>
  );
}

export function statusText(
  line: StatusLineKey,
  trans: TranslationBundle
): string {
  switch (line) {
    case 'no-server':
      return trans.__('Could not ask the server how to sign in.');
    case 'looking':
      return trans.__('Looking at where this server runs…');
    case 'opening':
      return trans.__('Opening Google’s sign-in page…');
    case 'consent-in-tab':
      return trans.__(
        'Google’s sign-in page is open in a new tab: choose your account and Allow.'
      );
    case 'consent-then-paste':
      return trans.__(
        'Allow access on Google’s page, then paste what it shows here.'
      );
    case 'finishing':
      return trans.__('Finishing the sign-in…');
    case 'project-set':
      return trans.__('Signed in, project set.');
    case 'choose-project':
      return trans.__('Signed in. One more step: choose your project.');
    case 'profile-added':
      return trans.__(
        'Added as a new profile. Switch to it from the Google item in the status bar.'
      );
    case 'already-signed-in':
      return trans.__('Already signed in.');
    case 'did-not-finish':
      return trans.__('The sign-in did not finish.');
    case 'did-not-finish-still-signed-in':
      return trans.__(
        'The new sign-in did not finish; the earlier one still works.'
      );
    case 'cancelled':
      return trans.__('Sign-in cancelled.');
    case 'signed-in':
      return trans.__('You are signed in to Google.');
    case 'still-signed-in':
      return trans.__(
        'You are still signed in; signing in again replaces that sign-in.'
      );
    case 'adding-profile':
      return trans.__(
        'This sign-in adds another account; the one in use stays as it is.'
      );
    case 'into-profile':
      return trans.__(
        'This sign-in goes into this notebook’s own profile; other notebooks keep theirs.'
      );
    case 'signed-out-tab':
      return trans.__('Not signed in. Google’s page opens in a new tab.');
    case 'signed-out':
      return trans.__('Not signed in.');
  }
}
