import type { TranslationBundle } from '@jupyterlab/translation';
import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { ExportedToken, ImportedToken, TransferClient } from '../../api';
import type { EnvironmentReport } from '../../core';
import { toErrorBody } from './errors';

type Message = { kind: 'error' | 'done'; text: string } | null;

/**
 * Credentials for an ephemeral home (Binder, a hub without storage, CI): export the Earth
 * Engine sign-in as the EARTHENGINE_TOKEN value, behind an explicit confirmation, shown once
 * and only in this component's memory; or import such a value (pasted, or from the server's
 * environment). The server checks and writes it; nothing here is saved or logged.
 */
export function TokenTransfer(props: {
  environment?: EnvironmentReport;
  trans: TranslationBundle;
  /** The service's client: an import reports its change through the service's door. */
  client: TransferClient;
}): JSX.Element {
  const { trans, environment, client } = props;
  const id = React.useId();
  const [confirmed, setConfirmed] = React.useState(false);
  const [exported, setExported] = React.useState<ExportedToken | null>(null);
  const [pasted, setPasted] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const [message, setMessage] = React.useState<Message>(null);
  const exportAllowed = environment?.policy?.allow_token_export !== false;
  const fromEnv = environment?.token_in_environment ?? null;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
    } catch (error) {
      const body = toErrorBody(error);
      setMessage({
        kind: 'error',
        text: [body.message, body.help].filter(Boolean).join(' ')
      });
    } finally {
      setBusy(false);
    }
  };

  const imported = (result: ImportedToken) => {
    setPasted(''); // the value leaves the page once stored
    const who = result.account ?? trans.__('your account');
    setMessage({
      kind: 'done',
      text: trans.__(
        'Imported: signed in as %1. %2 files written.',
        who,
        result.files.length
      )
    });
  };

  return (
    <section
      className="jp-GoogleAuth-transfer"
      aria-label={trans.__('Credentials for another machine')}
    >
      <h3>{trans.__('Export')}</h3>
      {!exportAllowed ? (
        <p className="jp-GoogleAuth-reason">
          {trans.__('Export is turned off by your administrator.')}
        </p>
      ) : exported ? (
        <div className="jp-GoogleAuth-exported">
          <p role="alert">{exported.warning}</p>
          <label htmlFor={`${id}-value`}>
            {trans.__('Value for %1', exported.name)}
          </label>
          <textarea
            id={`${id}-value`}
            readOnly
            rows={3}
            value={exported.value}
            onFocus={event => event.currentTarget.select()}
          />
          <div className="jp-GoogleAuth-actions">
            <Button
              onClick={() =>
                void navigator.clipboard?.writeText(exported.value)
              }
            >
              {trans.__('Copy')}
            </Button>
            <Button
              minimal
              onClick={() => {
                setExported(null);
                setConfirmed(false);
              }}
            >
              {trans.__('Hide')}
            </Button>
          </div>
        </div>
      ) : (
        <div>
          <label>
            <input
              type="checkbox"
              checked={confirmed}
              onChange={event => setConfirmed(event.currentTarget.checked)}
            />{' '}
            {trans.__(
              'I understand that anyone who has the exported value can use my Google account.'
            )}
          </label>
          <Button
            disabled={!confirmed || busy}
            onClick={() =>
              void run(async () => setExported(await client.exportToken()))
            }
          >
            {trans.__('Export as EARTHENGINE_TOKEN')}
          </Button>
        </div>
      )}

      <h3>{trans.__('Import')}</h3>
      {fromEnv && (
        <Button
          disabled={busy}
          onClick={() =>
            void run(async () => imported(await client.importFromEnvironment()))
          }
        >
          {trans.__('Use the credentials in %1', fromEnv)}
        </Button>
      )}
      <label htmlFor={`${id}-paste`}>
        {trans.__(
          'Paste credentials JSON (the content of ~/.config/earthengine/credentials)'
        )}
      </label>
      <textarea
        id={`${id}-paste`}
        rows={3}
        spellCheck={false}
        autoComplete="off"
        value={pasted}
        onChange={event => setPasted(event.currentTarget.value)}
      />
      <Button
        disabled={busy || !pasted.trim()}
        onClick={() =>
          void run(async () => imported(await client.importToken(pasted)))
        }
      >
        {trans.__('Import')}
      </Button>
      {message && (
        <p
          role={message.kind === 'error' ? 'alert' : 'status'}
          className={
            message.kind === 'error'
              ? 'jp-GoogleAuth-error'
              : 'jp-GoogleAuth-success'
          }
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
