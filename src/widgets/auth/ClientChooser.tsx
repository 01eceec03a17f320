import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { clientsFor, type ClientKind, type SignInMode } from '../../core';

const LABELS: Record<ClientKind, string> = {
  earthengine: 'Earth Engine’s public client',
  custom: 'Your own OAuth client (client_secret.json)'
};

/** Which OAuth client the sign-in uses, for the modes that offer a choice. */
export function ClientChooser(props: {
  mode: SignInMode;
  value: ClientKind;
  onChange: (client: ClientKind) => void;
  children?: React.ReactNode;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { mode, value, trans } = props;
  const name = React.useId();
  const clients = clientsFor(mode);
  if (clients.length === 0) {
    return null;
  }
  return (
    <fieldset className="jp-GoogleAuth-client">
      <legend>{trans.__('OAuth client')}</legend>
      {clients.length > 1 &&
        clients.map(client => (
          <label key={client} data-client={client}>
            <input
              type="radio"
              name={name}
              value={client}
              checked={value === client}
              onChange={() => props.onChange(client)}
            />{' '}
            {trans.__(LABELS[client])}
          </label>
        ))}
      {clients.length === 1 && <p>{trans.__(LABELS[clients[0]])}</p>}
      {props.children}
    </fieldset>
  );
}
