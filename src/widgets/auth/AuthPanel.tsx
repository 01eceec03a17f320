import type { TranslationBundle } from '@jupyterlab/translation';
import {
  Button,
  closeIcon,
  ReactWidget,
  ToolbarButtonComponent
} from '@jupyterlab/ui-components';
import * as React from 'react';

import { credentialEvents, type IAuthClient } from '../../api';
import {
  clientsFor,
  isFlowMode,
  isSettled,
  modeOptions,
  preselectMode,
  type ApiErrorBody,
  type CredentialsReport,
  type EnvironmentReport,
  type SignInMode
} from '../../core';
import { toErrorBody } from './errors';
import { readJsonFile } from './files';
import { FlowController, type IFlowControllerOptions } from './FlowController';
import { FlowStatus } from './FlowStatus';
import { HubNotices } from './HubNotices';
import { TokenTransfer } from './TokenTransfer';
import {
  buildStartRequest,
  formProblem,
  INITIAL_FORM,
  type ISignInForm
} from './form';
import { SignInForm, type ICustomClientState } from './SignInForm';
import { CredentialsView } from './CredentialsView';
import { EnvironmentView } from './EnvironmentView';

/** What the server told the panel. */
interface IServerState {
  environment?: EnvironmentReport;
  credentials?: CredentialsReport;
  loadError?: ApiErrorBody;
}

/**
 * The inline auth panel shown below the active cell. It lives outside the notebook model,
 * so nothing of it is saved in the .ipynb. Closing it cancels its pending sign-in.
 */
export class AuthPanel extends ReactWidget {
  constructor(
    private readonly client: IAuthClient,
    private readonly trans: TranslationBundle,
    private readonly origin: string,
    options: IFlowControllerOptions = {},
    /** The form's first choices (the cell route passes the kernel's preset, scopes, files). */
    initialForm: Partial<ISignInForm> = {}
  ) {
    super();
    this.form = { ...INITIAL_FORM, ...initialForm };
    this.addClass('jp-GoogleAuth-panel');
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', trans.__('Google sign-in'));
    // Clicks and keys here are the panel's, not the notebook's: see onKeydownCapture.
    this.node.addEventListener('mousedown', stopPropagation);
    window.addEventListener('keydown', this.onKeydownCapture, true);
    this.flow = new FlowController(client, options);
    this.flow.changed.connect(this.update, this);
    credentialEvents.changed.connect(this.onCredentialsChanged, this);
    document.addEventListener('visibilitychange', this.onVisibility);
    void this.load();
  }

  readonly flow: FlowController;

  /** Sign in even when valid credentials already fit (Re-authenticate). */
  get force(): boolean {
    return this._force;
  }
  set force(value: boolean) {
    this._force = value;
    this.update();
  }

  /** Fetches everything at once; each part shows as soon as it arrives. */
  async load(refresh = false): Promise<void> {
    await Promise.all([
      this.client.environment(this.origin, { refresh }).then(
        environment => {
          this.setServer({ environment, loadError: undefined });
          if (refresh) {
            // The re-probe may have found other credentials (a metadata server): every view
            // (this panel's list, the status item) reads them again.
            credentialEvents.emit('environment-rechecked');
          }
        },
        error => this.setServer({ loadError: toErrorBody(error) })
      ),
      this.loadCredentials(),
      this.client.customClient().then(
        info => this.setCustomClient({ info }),
        () => this.setCustomClient({ info: null })
      )
    ]);
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.flow.dispose(); // cancels a pending flow on the server
    credentialEvents.changed.disconnect(this.onCredentialsChanged, this);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.node.removeEventListener('mousedown', stopPropagation);
    window.removeEventListener('keydown', this.onKeydownCapture, true);
    super.dispose();
  }

  protected render(): JSX.Element {
    const { trans } = this;
    const { environment, credentials, loadError } = this.server;
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
        {!environment && !loadError && (
          <p className="jp-GoogleAuth-progress" aria-live="polite">
            {trans.__('Looking at where this server runs…')}
          </p>
        )}
        {environment && <EnvironmentView report={environment} trans={trans} />}
        {environment && (
          <Button
            small
            minimal
            className="jp-GoogleAuth-recheck"
            title={trans.__(
              'Look again for gcloud, the metadata server and the credential files'
            )}
            onClick={() => void this.load(true)}
          >
            {trans.__('Check again')}
          </Button>
        )}
        {credentials && <CredentialsView report={credentials} trans={trans} />}
        {loadError && (
          <div className="jp-GoogleAuth-error" role="alert">
            <p>{loadError.message}</p>
            {loadError.help && <p>{loadError.help}</p>}
            <Button onClick={() => void this.load(true)}>
              {trans.__('Check again')}
            </Button>
          </div>
        )}
        {environment && this.renderSignIn(environment)}
      </div>
    );
  }

  private renderSignIn(environment: EnvironmentReport): JSX.Element {
    const { trans, flow } = this;
    return (
      <section
        className="jp-GoogleAuth-signin"
        aria-label={trans.__('Sign in')}
      >
        <HubNotices environment={environment} trans={trans} />
        {/* The form while no flow runs; then only the flow's next step and outcome. */}
        {flow.state.phase === 'idle' && (
          <SignInForm
            environment={environment}
            options={modeOptions(environment, this.modeContext())}
            mode={this.currentMode(environment)}
            form={this.form}
            customClient={this.customClient}
            force={this._force}
            client={this.client}
            onChange={changes => this.setForm(changes)}
            onChooseMode={mode => this.chooseMode(mode)}
            onStart={() => this.startFlow()}
            onUploadClient={file => void this.uploadClient(file)}
            onRemoveClient={() => void this.removeClient()}
            onKeyStored={() => void this.loadCredentials()}
            trans={trans}
          />
        )}
        <FlowStatus
          state={flow.state}
          trans={trans}
          onConsentOpened={() => flow.consentOpened()}
          onSubmit={text => void flow.submit(text)}
          onCancel={() => void flow.cancel()}
          onRetry={() => flow.reset()}
          onForce={() => {
            const last = flow.lastRequest;
            if (last) {
              void flow.start({ ...last, force: true });
            }
          }}
        />
        <details className="jp-GoogleAuth-section">
          <summary>{trans.__('Use on another machine')}</summary>
          <TokenTransfer environment={environment} trans={trans} />
        </details>
      </section>
    );
  }

  private modeContext(): { customClient: boolean } {
    return { customClient: this.customClient.info?.configured ?? false };
  }

  private currentMode(environment: EnvironmentReport): SignInMode {
    return preselectMode(environment, this.modeContext(), this.form.mode);
  }

  private startFlow(): void {
    // The mode as of now, not as of the last render: a click can beat React's next paint.
    const { environment } = this.server;
    const mode = environment ? this.currentMode(environment) : null;
    if (
      isFlowMode(mode) &&
      formProblem(this.form, mode, this.modeContext().customClient) === null
    ) {
      void this.flow.start(
        buildStartRequest(this.form, mode, {
          origin: this.origin,
          force: this._force
        })
      );
    }
  }

  private chooseMode(mode: SignInMode): void {
    if (isSettled(this.flow.state.phase)) {
      this.flow.reset(); // the last outcome belonged to the mode left behind
    }
    const only = clientsFor(mode);
    this.setForm({
      mode,
      client: only.length === 1 ? only[0] : this.form.client
    });
  }

  private async uploadClient(file: File): Promise<void> {
    this.setCustomClient({ busy: true, error: null });
    try {
      const parsed = await readJsonFile(file);
      if (!parsed.ok) {
        this.setCustomClient({ error: parsed.message });
        return;
      }
      const info = await this.client.uploadCustomClient(parsed.value);
      this.setCustomClient({ info });
      this.setForm({ client: 'custom' });
    } catch (error) {
      const body = toErrorBody(error);
      this.setCustomClient({
        error: body.help ? `${body.message} ${body.help}` : body.message
      });
    } finally {
      this.setCustomClient({ busy: false });
    }
  }

  private async removeClient(): Promise<void> {
    this.setCustomClient({ busy: true, error: null });
    try {
      const info = await this.client.removeCustomClient();
      this.setCustomClient({ info });
      this.setForm({ client: 'earthengine' });
    } catch (error) {
      this.setCustomClient({ error: toErrorBody(error).message });
    } finally {
      this.setCustomClient({ busy: false });
    }
  }

  private loadCredentials(): Promise<void> {
    return this.client.credentials().then(
      credentials => this.setServer({ credentials }),
      error => this.setServer({ loadError: toErrorBody(error) })
    );
  }

  private onCredentialsChanged(): void {
    void this.loadCredentials();
  }

  /**
   * The panel sits inside a cell, so JupyterLab's command-mode shortcuts (bound on the
   * document in the capture phase, matching any focused control that is not a text field)
   * would take its plain keys: arrows in the radio group would move the cell cursor, Enter
   * on a button would edit the cell. Stopping those keys before the document keeps their
   * default actions (a radio moves, a button clicks, a form submits); keys with Ctrl, Alt or
   * Meta still reach JupyterLab (Ctrl+S saves).
   */
  private onKeydownCapture = (event: KeyboardEvent): void => {
    if (
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey &&
      event.target instanceof Node &&
      this.node.contains(event.target)
    ) {
      event.stopPropagation();
    }
  };

  private onVisibility = (): void => {
    // Back from Google's tab: look at the flow now rather than at the next poll.
    if (document.visibilityState === 'visible') {
      void this.flow.refresh();
    }
  };

  private setServer(changes: Partial<IServerState>): void {
    this.server = { ...this.server, ...changes };
    this.changed();
  }

  private setForm(changes: Partial<ISignInForm>): void {
    this.form = { ...this.form, ...changes };
    this.changed();
  }

  private setCustomClient(changes: Partial<ICustomClientState>): void {
    this.customClient = { ...this.customClient, ...changes };
    this.changed();
  }

  private changed(): void {
    if (!this.isDisposed) {
      this.update();
    }
  }

  private _force = false;
  private server: IServerState = {};
  private form: ISignInForm = INITIAL_FORM;
  private customClient: ICustomClientState = {
    info: null,
    busy: false,
    error: null
  };
}

function stopPropagation(event: Event): void {
  event.stopPropagation();
}
