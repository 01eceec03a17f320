import type { TranslationBundle } from '@jupyterlab/translation';
import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { CustomClientInfo } from '../../api';

/**
 * The user's own Desktop OAuth client: a file picker for client_secret.json (read and parsed
 * in the browser, sent as an object; the secret never comes back), or the client id once set.
 */
export function CustomClientUpload(props: {
  info: CustomClientInfo | null;
  busy: boolean;
  error: string | null;
  onUpload: (file: File) => void;
  onRemove: () => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { info, trans } = props;
  const id = React.useId();
  if (info?.configured) {
    return (
      <div className="jp-GoogleAuth-customClient" data-configured="true">
        <span>
          {trans.__('Your OAuth client:')}{' '}
          <code className="jp-GoogleAuth-clientId">
            {info.client_id ?? '?'}
          </code>{' '}
          {info.source === 'admin'
            ? trans.__('(set by the administrator)')
            : trans.__('(uploaded)')}
        </span>
        {info.source === 'upload' && (
          <Button
            small
            minimal
            className="jp-GoogleAuth-removeClient"
            disabled={props.busy}
            onClick={props.onRemove}
          >
            {trans.__('Remove')}
          </Button>
        )}
      </div>
    );
  }
  return (
    <div className="jp-GoogleAuth-customClient" data-configured="false">
      <label htmlFor={`${id}-file`}>
        {trans.__('Upload client_secret.json (Desktop app client)')}
      </label>{' '}
      <input
        id={`${id}-file`}
        type="file"
        accept=".json,application/json"
        className="jp-GoogleAuth-clientFile"
        disabled={props.busy}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={event => {
          const file = event.currentTarget.files?.[0];
          // Clear the picker so choosing the same file again fires a change.
          event.currentTarget.value = '';
          if (file) {
            props.onUpload(file);
          }
        }}
      />
      {props.error && (
        <p id={`${id}-error`} className="jp-GoogleAuth-fieldError" role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}
