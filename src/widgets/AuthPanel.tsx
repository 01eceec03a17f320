import { ReactWidget } from '@jupyterlab/ui-components';
import type { TranslationBundle } from '@jupyterlab/translation';
import { closeIcon, ToolbarButtonComponent } from '@jupyterlab/ui-components';
import * as React from 'react';

import { GoogleAuthApiError, type GoogleAuthClient } from '../api';
import type { CredentialsReport, EnvironmentReport } from '../core';
import { CredentialsView } from './CredentialsView';
import { EnvironmentView } from './EnvironmentView';

interface IPanelState {
  environment?: EnvironmentReport;
  credentials?: CredentialsReport;
  error?: { message: string; help: string };
}

/**
 * The inline auth panel shown below the active cell. It lives outside the notebook model,
 * so nothing of it is saved in the .ipynb.
 */
export class AuthPanel extends ReactWidget {
  constructor(
    private readonly client: GoogleAuthClient,
    private readonly trans: TranslationBundle,
    private readonly origin: string
  ) {
    super();
    this.addClass('jp-GoogleAuth-panel');
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', trans.__('Google sign-in'));
    void this.load();
  }

  /** Fetches environment and credentials at once; each part shows as soon as it arrives. */
  async load(): Promise<void> {
    const fail = (error: unknown) => {
      this.state = { ...this.state, error: explain(error) };
      this.update();
    };
    await Promise.all([
      this.client.environment(this.origin).then(environment => {
        this.state = { ...this.state, environment };
        this.update();
      }, fail),
      this.client.credentials().then(credentials => {
        this.state = { ...this.state, credentials };
        this.update();
      }, fail)
    ]);
  }

  protected render(): JSX.Element {
    const { trans } = this;
    const { environment, credentials, error } = this.state;
    return (
      <div className="jp-GoogleAuth-body">
        <header className="jp-GoogleAuth-header">
          <h2>{trans.__('Google sign-in')}</h2>
          <ToolbarButtonComponent
            icon={closeIcon}
            tooltip={trans.__('Close')}
            onClick={() => this.dispose()}
            className="jp-GoogleAuth-close"
          />
        </header>
        {!environment && !error && (
          <p className="jp-GoogleAuth-progress" aria-live="polite">
            {trans.__('Looking at where this server runs…')}
          </p>
        )}
        {environment && <EnvironmentView report={environment} trans={trans} />}
        {credentials && <CredentialsView report={credentials} trans={trans} />}
        {error && (
          <div className="jp-GoogleAuth-error" role="alert">
            <p>{error.message}</p>
            {error.help && <p>{error.help}</p>}
          </div>
        )}
      </div>
    );
  }

  private state: IPanelState = {};
}

function explain(error: unknown): { message: string; help: string } {
  if (error instanceof GoogleAuthApiError) {
    return { message: error.message, help: error.help };
  }
  return {
    message: error instanceof Error ? error.message : String(error),
    help: ''
  };
}
