import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { shortScope, type FlowResult, type WrittenFile } from '../../core';

const TARGET_LABELS: Record<string, string> = {
  earthengine: 'Earth Engine credentials',
  adc: 'Application Default Credentials'
};

/** What a successful sign-in got and where it was written. */
export function FlowSuccess(props: {
  result: FlowResult;
  trans: TranslationBundle;
}): JSX.Element {
  const { result, trans } = props;
  return (
    <div className="jp-GoogleAuth-success" data-account={result.account ?? ''}>
      <p>
        <strong>
          {result.account
            ? trans.__('Signed in as %1.', result.account)
            : trans.__('Signed in.')}
        </strong>
      </p>
      <ScopeList scopes={result.scopes} trans={trans} />
      {result.scope_note && (
        <p className="jp-GoogleAuth-note">{result.scope_note}</p>
      )}
      <FileList files={result.files} trans={trans} />
    </div>
  );
}

export function ScopeList(props: {
  scopes: string[];
  trans: TranslationBundle;
}): JSX.Element {
  return (
    <p className="jp-GoogleAuth-grantedScopes">
      {props.trans.__('Scopes:')}{' '}
      {props.scopes.length
        ? props.scopes.map(shortScope).join(', ')
        : props.trans.__('none reported')}
    </p>
  );
}

export function FileList(props: {
  files: WrittenFile[];
  trans: TranslationBundle;
}): JSX.Element | null {
  const { files, trans } = props;
  if (files.length === 0) {
    return null;
  }
  return (
    <ul className="jp-GoogleAuth-files" aria-label={trans.__('Files written')}>
      {files.map(file => (
        <li key={file.path} data-target={file.target}>
          {trans.__(TARGET_LABELS[file.target] ?? file.target)}:{' '}
          <code>{file.path}</code>
          {file.backup && (
            <span className="jp-GoogleAuth-hint">
              {' '}
              {trans.__('(the previous file was kept as %1)', file.backup)}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
