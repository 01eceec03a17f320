import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import {
  modeContext,
  modeIn,
  modeOptions,
  showsSignedIn,
  type EnvironmentReport,
  type PanelFacts,
  type PanelFlowState,
  type PanelState
} from '../../core';
import { deriveStatus } from '../../core/status';
import type { IGoogleAuth } from '../../tokens';
import type { IPanelActions } from './actions';
import type { ISections } from './Disclosure';
import { FlowStatus } from './FlowStatus';
import { HubNotices } from './HubNotices';
import { SignedInView } from './SignedInView';
import { SignInForm } from './SignInForm';
import { TokenTransfer } from './TokenTransfer';

/**
 * The panel's sign-in part once the environment is known: who is signed in, or the form;
 * then, while a flow runs, only its next step and its outcome; and the transfer section.
 */
export function SignInSection(props: {
  service: IGoogleAuth;
  environment: EnvironmentReport;
  state: PanelState;
  flow: PanelFlowState;
  facts: PanelFacts;
  actions: IPanelActions;
  sections: ISections;
  /** The notebook the panel sits in (path from the server's root), if any. */
  notebook: string | null;
  trans: TranslationBundle;
}): JSX.Element {
  const { service, environment, state, flow, facts, actions, trans } = props;
  const { credentials } = service;
  const signedIn = showsSignedIn(state, facts) && credentials;
  return (
    <section className="jp-GoogleAuth-signin" aria-label={trans.__('Sign in')}>
      {signedIn && (
        <SignedInView
          status={deriveStatus(credentials, trans.__.bind(trans))}
          onSwitch={actions.signInAgain}
          onAgain={actions.signInAgain}
          onChooseProject={actions.askProject}
          trans={trans}
        />
      )}
      <HubNotices environment={environment} trans={trans} />
      {/* The form while no flow runs; then only the flow's next step and outcome. */}
      {flow.phase === 'idle' && !signedIn && (
        <SignInForm
          environment={environment}
          options={modeOptions(environment, modeContext(facts))}
          mode={modeIn(environment, state, facts)}
          form={state.form}
          customClient={{
            ...state.customClient,
            info: service.customClient ?? null
          }}
          force={state.force}
          client={service.api.auth}
          secrets={service.api.secrets}
          notebook={props.notebook}
          onChange={actions.changeForm}
          onChooseMode={actions.chooseMode}
          onStart={actions.start}
          onUploadClient={actions.uploadClient}
          onRemoveClient={actions.removeClient}
          onKeyStored={() => undefined}
          sections={props.sections}
          trans={trans}
        />
      )}
      <FlowStatus
        state={flow}
        trans={trans}
        onConsentOpened={actions.consentOpened}
        onSubmit={actions.submit}
        onCancel={actions.cancel}
        onRetry={actions.retry}
        onForce={actions.forceAgain}
      />
      <details className="jp-GoogleAuth-section">
        <summary>{trans.__('Use on another machine')}</summary>
        <TokenTransfer
          environment={environment}
          client={service.api.transfer}
          trans={trans}
        />
      </details>
    </section>
  );
}
