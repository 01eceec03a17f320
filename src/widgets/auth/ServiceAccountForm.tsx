import type { TranslationBundle } from '@jupyterlab/translation';
import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { IAuthClient, ServiceAccountStored } from '../../api';
import { explainError, parseJsonText, type ParsedJson } from '../../core';
import { toErrorBody } from './errors';
import { FileList } from './FlowResult';
import { readJsonFile } from './files';

type Outcome =
  | { kind: 'stored'; stored: ServiceAccountStored }
  | { kind: 'error'; message: string; help: string }
  | null;

/**
 * A service-account JSON key, by file picker or paste. Checked for size and JSON in the
 * browser, validated and stored by the server as the ADC file; the key is never shown back.
 */
export function ServiceAccountForm(props: {
  client: IAuthClient;
  onStored: () => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { trans } = props;
  const id = React.useId();
  const [text, setText] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const [outcome, setOutcome] = React.useState<Outcome>(null);

  const store = async (parsed: ParsedJson) => {
    if (!parsed.ok) {
      setOutcome({ kind: 'error', message: parsed.message, help: '' });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const stored = await props.client.storeServiceAccount(parsed.value);
      setText(''); // the private key leaves the page once stored
      setOutcome({ kind: 'stored', stored });
      props.onStored();
    } catch (error) {
      const body = toErrorBody(error);
      setOutcome({
        kind: 'error',
        message: body.message,
        help: explainError(body.code, body.help)
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      className="jp-GoogleAuth-serviceAccount"
      aria-label={trans.__('Service-account key')}
    >
      <p>
        {trans.__(
          'Stores a service-account JSON key as the Application Default Credentials on the kernel host, for unattended work.'
        )}
      </p>
      <label htmlFor={`${id}-file`}>{trans.__('Key file (.json)')}</label>{' '}
      <input
        id={`${id}-file`}
        type="file"
        accept=".json,application/json"
        className="jp-GoogleAuth-keyFile"
        disabled={busy}
        onChange={async event => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) {
            await store(await readJsonFile(file));
          }
        }}
      />
      <form
        onSubmit={event => {
          event.preventDefault();
          void store(parseJsonText(text));
        }}
      >
        <label htmlFor={`${id}-paste`}>
          {trans.__('Or paste the key’s JSON')}
        </label>
        <textarea
          id={`${id}-paste`}
          className="jp-mod-styled jp-GoogleAuth-keyPaste"
          rows={4}
          value={text}
          spellCheck={false}
          autoComplete="off"
          disabled={busy}
          onChange={event => setText(event.currentTarget.value)}
        />
        <Button
          type="submit"
          className="jp-GoogleAuth-storeKey"
          disabled={busy || !text.trim()}
        >
          {trans.__('Store key')}
        </Button>
      </form>
      {busy && (
        <p className="jp-GoogleAuth-progress" aria-live="polite">
          {trans.__('Checking the key…')}
        </p>
      )}
      {outcome?.kind === 'stored' && (
        <div className="jp-GoogleAuth-success" aria-live="polite">
          <p>
            <strong>
              {trans.__('Stored the key of %1.', outcome.stored.client_email)}
            </strong>{' '}
            {outcome.stored.project_id &&
              trans.__('Project: %1.', outcome.stored.project_id)}
          </p>
          {outcome.stored.tried === true && (
            <p>{trans.__('The token endpoint accepted the key.')}</p>
          )}
          <FileList files={outcome.stored.files} trans={trans} />
        </div>
      )}
      {outcome?.kind === 'error' && (
        <div className="jp-GoogleAuth-error" role="alert">
          <p>
            <strong>{outcome.message}</strong>
          </p>
          {outcome.help && <p className="jp-GoogleAuth-help">{outcome.help}</p>}
        </div>
      )}
    </section>
  );
}
