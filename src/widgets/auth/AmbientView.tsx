import type { TranslationBundle } from '@jupyterlab/translation';
import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import {
  expandScope,
  describeMissing,
  modeLabel,
  PRESET_LABELS,
  shortScope,
  type AmbientIdentity,
  type FlowMode,
  type ScopeChoice
} from '../../core';

/**
 * The runtime's own service account (metadata server): who it is, its project and scopes.
 * Read-only: nothing is written. When its scopes fall short of the chosen access, it says why
 * that cannot be fixed from here and offers a user sign-in instead.
 */
export function AmbientView(props: {
  identity: AmbientIdentity;
  choice: ScopeChoice;
  customScopes: string[];
  userMode: FlowMode | null;
  onUseUserSignIn: (mode: FlowMode) => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { identity, choice, trans } = props;
  const missing =
    choice === 'custom'
      ? props.customScopes
          .map(expandScope)
          .filter(s => !identity.scopes.map(expandScope).includes(s))
          .map(shortScope)
      : describeMissing(choice, identity.scopes);
  return (
    <section
      className="jp-GoogleAuth-ambient"
      aria-label={trans.__('Runtime service account')}
    >
      <p>
        {trans.__('This runtime signs in as its service account:')}{' '}
        <strong className="jp-GoogleAuth-ambientEmail">
          {identity.email ?? trans.__('(no default service account)')}
        </strong>
      </p>
      <p>
        {trans.__('Project:')}{' '}
        <span className="jp-GoogleAuth-ambientProject">
          {identity.project ?? trans.__('unknown')}
        </span>
      </p>
      <p className="jp-GoogleAuth-ambientScopes">
        {trans.__('Scopes:')}{' '}
        {identity.scopes.length
          ? identity.scopes.map(shortScope).join(', ')
          : trans.__('none')}
      </p>
      {missing.length === 0 ? (
        <p className="jp-GoogleAuth-ambientOk" aria-live="polite">
          {trans.__(
            'These scopes cover %1. google.auth.default() and ee.Initialize() use this account as it is; nothing needs writing.',
            trans.__(PRESET_LABELS[choice])
          )}
        </p>
      ) : (
        <div className="jp-GoogleAuth-ambientMissing" role="status">
          <p>
            {trans.__(
              'These scopes lack %1, which %2 needs.',
              missing.join(', '),
              trans.__(PRESET_LABELS[choice])
            )}{' '}
            {trans.__(
              'A VM’s scopes are fixed when it is created: they change only by stopping the VM and editing it, or by creating a new one. Sign in with your own Google account instead.'
            )}
          </p>
          {props.userMode && (
            <Button
              className="jp-GoogleAuth-useUser"
              onClick={() => props.onUseUserSignIn(props.userMode!)}
            >
              {trans.__(
                'Sign in as a user (%1)',
                trans.__(modeLabel(props.userMode))
              )}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}
