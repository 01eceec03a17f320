import type { TranslationBundle } from '@jupyterlab/translation';
import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import { CHECKABLE_SECRETS, type ISecretEntry } from '../../core';

/** What the last check found, worded for the row (the server's sentence, and its link). */
function CheckResult(props: {
  entry: ISecretEntry;
  trans: TranslationBundle;
}): JSX.Element | null {
  const check = props.entry.check;
  if (!check) {
    return null;
  }
  const ok = check.state === 'ok';
  return (
    <p
      className={ok ? 'jp-GoogleAuth-secretOk' : 'jp-GoogleAuth-error'}
      data-check={check.state}
    >
      {check.message}{' '}
      {check.link && (
        <a href={check.link} target="_blank" rel="noopener noreferrer">
          {check.state === 'api_disabled'
            ? props.trans.__('Turn the API on')
            : props.trans.__('Create a key')}
        </a>
      )}
    </p>
  );
}

/**
 * One secret: its name and last four characters (never the value), the current notebook's
 * access switch, "set in kernels", and Check / Delete.
 */
export function SecretRow(props: {
  entry: ISecretEntry;
  /** The current notebook's access, or null when no notebook is open. */
  granted: boolean | null;
  busy: boolean;
  onGrant: (granted: boolean) => void;
  onEnv: (env: boolean) => void;
  onCheck: () => void;
  onDelete: () => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { entry, trans } = props;
  const id = React.useId();
  return (
    <li className="jp-GoogleAuth-secret" data-secret={entry.name}>
      <div className="jp-GoogleAuth-secretHead">
        <code className="jp-GoogleAuth-secretName">{entry.name}</code>
        <span className="jp-GoogleAuth-secretHint">
          {entry.last4 ? `••••${entry.last4}` : '••••'}
        </span>
      </div>
      <label className="jp-GoogleAuth-secretsCheckbox" htmlFor={`${id}-access`}>
        <input
          id={`${id}-access`}
          type="checkbox"
          role="switch"
          checked={props.granted === true}
          disabled={props.granted === null || props.busy}
          onChange={e => props.onGrant(e.target.checked)}
        />
        {trans.__('Notebook access')}
      </label>
      <label className="jp-GoogleAuth-secretsCheckbox" htmlFor={`${id}-env`}>
        <input
          id={`${id}-env`}
          type="checkbox"
          checked={entry.env}
          disabled={props.busy}
          onChange={e => props.onEnv(e.target.checked)}
        />
        {trans.__('Set in kernels')}
      </label>
      <CheckResult entry={entry} trans={trans} />
      <div className="jp-GoogleAuth-secretActions">
        {CHECKABLE_SECRETS.includes(entry.name) && (
          <Button
            minimal
            disabled={props.busy}
            onClick={props.onCheck}
            title={trans.__(
              'Ask the Generative Language API whether the key works'
            )}
          >
            {trans.__('Check')}
          </Button>
        )}
        <Button
          minimal
          disabled={props.busy}
          onClick={props.onDelete}
          aria-label={trans.__('Delete %1', entry.name)}
        >
          {trans.__('Delete')}
        </Button>
      </div>
    </li>
  );
}
