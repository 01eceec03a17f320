import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { CredentialsReport } from '../../core/types';
import { deriveStatus } from '../../core/status';
import { CredentialsView } from '../auth/CredentialsView';

/** "Show credential status": every source, which one each library uses, and the summary. */
export async function showStatusDialog(
  report: CredentialsReport,
  trans: TranslationBundle
): Promise<void> {
  const status = deriveStatus(report);
  const body = ReactWidget.create(
    <div className="jp-GoogleAuth-statusDialog" data-state={status.state}>
      <p className={status.warning ? 'jp-GoogleAuth-problems' : undefined}>
        <strong>{status.text}</strong> — {status.title}
      </p>
      <CredentialsView report={report} trans={trans} />
    </div>
  );
  await showDialog({
    title: trans.__('Google credentials'),
    body,
    buttons: [Dialog.okButton({ label: trans.__('Close') })]
  });
}
