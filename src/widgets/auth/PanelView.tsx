import type { TranslationBundle } from '@jupyterlab/translation';
import {
  Button,
  closeIcon,
  ToolbarButtonComponent
} from '@jupyterlab/ui-components';
import * as React from 'react';

import {
  sectionStartsOpen,
  showsProjectStep,
  statusLine,
  type PanelFacts,
  type PanelFlowState,
  type PanelState
} from '../../core';
import type { IGoogleAuth } from '../../tokens';
import type { IPanelActions } from './actions';
import { CredentialsView } from './CredentialsView';
import { Disclosure, type ISections } from './Disclosure';
import { EnvironmentView } from './EnvironmentView';
import { ProjectStep } from './ProjectStep';
import { SignInSection } from './SignInSection';
import { StatusLine } from './StatusLine';

export interface IPanelViewProps {
  /** The truth shared by every view: environment, credentials, clients, settings. */
  service: IGoogleAuth;
  /** The panel's own state (src/core/panel.ts) and its flow's. */
  state: PanelState;
  flow: PanelFlowState;
  facts: PanelFacts;
  actions: IPanelActions;
  /** The notebook the panel sits in (path from the server's root), if any. */
  notebook: string | null;
  trans: TranslationBundle;
}

/** The whole auth panel, rendered from the service, the panel's model and its flow. */
export function PanelView(props: IPanelViewProps): JSX.Element {
  const { service, state, facts, actions, trans } = props;
  const { environment, credentials, environmentError: loadError } = service;
  const sections = sectionsOf(service);
  return (
    <div className="jp-GoogleAuth-body">
      {/* A div, not <header>: inside the notebook (a main landmark) a banner is misplaced. */}
      <div className="jp-GoogleAuth-header">
        <h2>{trans.__('Google sign-in')}</h2>
        <ToolbarButtonComponent
          icon={closeIcon}
          tooltip={trans.__('Close')}
          onClick={actions.close}
          className="jp-GoogleAuth-close"
        />
      </div>
      <StatusLine line={statusLine(state, facts)} trans={trans} />
      {loadError && (
        <div className="jp-GoogleAuth-error" role="alert">
          <p>{loadError.message}</p>
          <Button onClick={actions.recheck}>{trans.__('Check again')}</Button>
        </div>
      )}
      {environment && (
        <SignInSection
          service={service}
          environment={environment}
          state={state}
          flow={props.flow}
          facts={facts}
          actions={actions}
          sections={sections}
          notebook={props.notebook}
          trans={trans}
        />
      )}
      {showsProjectStep(state, facts) && (
        <ProjectStep
          api={service.api.projects}
          chosen={state.chosenProject}
          // The service's client already reported the change to every view.
          onChosen={result => actions.choseProject(result.project)}
          onSkip={actions.skipProject}
          trans={trans}
        />
      )}
      {environment && (
        <Disclosure
          id="why"
          summary={trans.__('Why this way')}
          sections={sections}
        >
          <EnvironmentView report={environment} trans={trans} />
          {credentials && (
            <CredentialsView report={credentials} trans={trans} />
          )}
          <Button
            small
            minimal
            className="jp-GoogleAuth-recheck"
            title={trans.__(
              'Look again for gcloud, the metadata server and the credential files'
            )}
            onClick={actions.recheck}
          >
            {trans.__('Check again')}
          </Button>
        </Disclosure>
      )}
    </div>
  );
}

/** The sections' starting state and the memory of the user's folding (the service's). */
function sectionsOf(service: IGoogleAuth): ISections {
  return {
    startsOpen: id =>
      sectionStartsOpen(
        id,
        service.settings,
        service.userSetSections,
        service.memory
      ),
    remember: (id, open) => service.rememberSection(id, open)
  };
}
