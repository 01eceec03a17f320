import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { CredentialsReport } from '../../core/types';
import { deriveStatus, signInAgain, type SignInAgain } from '../../core/status';
import { CredentialsView } from '../auth/CredentialsView';
import { ProjectProblem } from '../projects/ProjectProblem';

/** "Show credential status": every source, which one each library uses, and the summary. */
export async function showStatusDialog(
  report: CredentialsReport,
  trans: TranslationBundle,
  /** Runs "Sign in again" with the recorded mode and preset (the reauthenticate command). */
  onSignInAgain?: (again: SignInAgain) => void
): Promise<void> {
  const status = deriveStatus(report, trans.__.bind(trans));
  const again = onSignInAgain ? signInAgain(report) : null;
  const body = ReactWidget.create(
    <div className="jp-GoogleAuth-statusDialog" data-state={status.state}>
      <p className={status.warning ? 'jp-GoogleAuth-problems' : undefined}>
        <strong>{status.text}</strong> — {status.title}
      </p>
      {status.fix && <ProjectProblem status={status} linkOnly />}
      {again && <SignInAgainNote again={again} trans={trans} />}
      <CredentialsView report={report} trans={trans} />
    </div>
  );
  const result = await showDialog({
    title: trans.__('Google credentials'),
    body,
    buttons: again
      ? [
          Dialog.cancelButton({ label: trans.__('Close') }),
          Dialog.okButton({ label: trans.__('Sign in again') })
        ]
      : [Dialog.okButton({ label: trans.__('Close') })]
  });
  if (again && result.button.accept) {
    onSignInAgain!(again);
  }
}

/** Why the sign-in ended, in words: the action is the dialog's one button. */
function SignInAgainNote(props: {
  again: SignInAgain;
  trans: TranslationBundle;
}): JSX.Element {
  const { again, trans } = props;
  return (
    <p className="jp-GoogleAuth-signInAgain" data-reason={again.reason}>
      {again.reason === 'reauth'
        ? trans.__(
            'Your organisation limits how long a Google sign-in lasts (a session-length policy set by its administrator), and this one has reached the limit. Sign in again to continue; it will happen again when the period ends.'
          )
        : trans.__(
            'Google ended this sign-in: it expired or was revoked (sign-ins through OAuth clients in testing mode, such as the Earth Engine notebook client, end after 7 days). Sign in again to continue.'
          )}
    </p>
  );
}
