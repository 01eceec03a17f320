import type { TranslationBundle } from '@jupyterlab/translation';
import {
  Button,
  closeIcon,
  ReactWidget,
  ToolbarButtonComponent
} from '@jupyterlab/ui-components';
import * as React from 'react';

import {
  credentialEvents,
  type CustomClientInfo,
  type IAuthClient
} from '../api';
import {
  ambientIdentity,
  clientsFor,
  defaultTargets,
  effectiveClient,
  isFlowMode,
  isSettled,
  modeOptions,
  modeTakesTargets,
  parseScopes,
  preselectMode,
  userSignInMode,
  type ApiErrorBody,
  type ClientKind,
  type CredentialsReport,
  type EnvironmentReport,
  type FlowMode,
  type ModeOption,
  type ScopeChoice,
  type SignInMode,
  type StartFlowRequest,
  type Target
} from '../core';
import { AmbientView } from './auth/AmbientView';
import { ClientChooser } from './auth/ClientChooser';
import { CustomClientUpload } from './auth/CustomClientUpload';
import { toErrorBody } from './auth/errors';
import { readJsonFile } from './auth/files';
import {
  FlowController,
  type IFlowControllerOptions
} from './auth/FlowController';
import { FlowStatus } from './auth/FlowStatus';
import { ModeSelector } from './auth/ModeSelector';
import { ScopeChooser } from './auth/ScopeChooser';
import { ServiceAccountForm } from './auth/ServiceAccountForm';
import { TargetsChooser } from './auth/TargetsChooser';
import { CredentialsView } from './CredentialsView';
import { EnvironmentView } from './EnvironmentView';

/** What the user chose in the form, and what the server told the panel. */
interface IPanelModel {
  environment?: EnvironmentReport;
  credentials?: CredentialsReport;
  loadError?: ApiErrorBody;
  customClient: CustomClientInfo | null;
  clientBusy: boolean;
  clientError: string | null;
  mode: SignInMode | null;
  modeTouched: boolean;
  scopeChoice: ScopeChoice;
  customScopes: string;
  targets: Target[];
  targetsTouched: boolean;
  client: ClientKind;
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
    options: IFlowControllerOptions = {}
  ) {
    super();
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
          this.set({ environment, loadError: undefined });
          if (refresh) {
            // The re-probe may have found other credentials (a metadata server): every view
            // (this panel's list, the status item) reads them again.
            credentialEvents.emit('environment-rechecked');
          }
        },
        error => this.set({ loadError: toErrorBody(error) })
      ),
      this.loadCredentials(),
      this.client.customClient().then(
        customClient => this.set({ customClient }),
        () => this.set({ customClient: null })
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
    const { environment, credentials, loadError } = this.model;
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
    const { trans, model, flow } = this;
    const options = this.options(environment);
    const mode = this.currentMode(environment);
    return (
      <section
        className="jp-GoogleAuth-signin"
        aria-label={trans.__('Sign in')}
      >
        {/* The form while no flow runs; then only the flow's next step and outcome. */}
        {flow.state.phase === 'idle' && (
          <>
            <ModeSelector
              options={options}
              value={mode}
              recommended={environment.recommended_mode}
              onChange={m => this.chooseMode(m)}
              extra={option => this.renderModeExtra(option, mode)}
              trans={trans}
            />
            {isFlowMode(mode) && (
              <fieldset className="jp-GoogleAuth-options">
                <legend className="jp-GoogleAuth-visuallyHidden">
                  {trans.__('Sign-in options')}
                </legend>
                {this.renderScopes()}
                {modeTakesTargets(mode) && (
                  <TargetsChooser
                    value={model.targets}
                    onChange={targets =>
                      this.set({ targets, targetsTouched: true })
                    }
                    trans={trans}
                  />
                )}
                <ClientChooser
                  mode={mode}
                  value={effectiveClient(mode, model.client) ?? model.client}
                  onChange={client => this.set({ client })}
                  trans={trans}
                >
                  {effectiveClient(mode, model.client) === 'custom' &&
                    this.renderClientUpload()}
                </ClientChooser>
                {this.requestProblem(mode) && (
                  <p className="jp-GoogleAuth-fieldError">
                    {this.requestProblem(mode)}
                  </p>
                )}
                <Button
                  className="jp-GoogleAuth-signIn"
                  disabled={this.requestProblem(mode) !== null}
                  onClick={() => this.startFlow()}
                >
                  {this._force
                    ? trans.__('Sign in again')
                    : trans.__('Sign in')}
                </Button>
              </fieldset>
            )}
            {mode === 'ambient' && this.renderAmbient(environment, options)}
            {mode === 'service-account' && (
              <ServiceAccountForm
                client={this.client}
                onStored={() => void this.loadCredentials()}
                trans={trans}
              />
            )}
          </>
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
      </section>
    );
  }

  private renderScopes(): JSX.Element {
    const { model } = this;
    const parsed = parseScopes(model.customScopes);
    return (
      <ScopeChooser
        value={model.scopeChoice}
        customText={model.customScopes}
        error={
          model.scopeChoice === 'custom' &&
          model.customScopes.trim() &&
          !parsed.ok
            ? parsed.message
            : null
        }
        onChange={scopeChoice =>
          this.set({
            scopeChoice,
            // Follow the preset's default files until the user picks them by hand.
            ...(this.model.targetsTouched
              ? {}
              : { targets: defaultTargets(scopeChoice) })
          })
        }
        onCustomText={customScopes => this.set({ customScopes })}
        trans={this.trans}
      />
    );
  }

  private renderClientUpload(): JSX.Element {
    const { model } = this;
    return (
      <CustomClientUpload
        info={model.customClient}
        busy={model.clientBusy}
        error={model.clientError}
        onUpload={file => void this.uploadClient(file)}
        onRemove={() => void this.removeClient()}
        trans={this.trans}
      />
    );
  }

  /** Under an unavailable paste-url: the upload that makes it available. */
  private renderModeExtra(
    option: ModeOption,
    mode: SignInMode | null
  ): React.ReactNode {
    const uploadShownBelow =
      isFlowMode(mode) && effectiveClient(mode, this.model.client) === 'custom';
    if (option.mode !== 'paste-url' || option.available || uploadShownBelow) {
      return null;
    }
    return this.renderClientUpload();
  }

  private renderAmbient(
    environment: EnvironmentReport,
    options: ModeOption[]
  ): JSX.Element | null {
    const identity = ambientIdentity(environment);
    if (!identity) {
      return null;
    }
    const parsed = parseScopes(this.model.customScopes);
    return (
      <>
        {this.renderScopes()}
        <AmbientView
          identity={identity}
          choice={this.model.scopeChoice}
          customScopes={parsed.ok ? parsed.scopes : []}
          userMode={userSignInMode(options)}
          onUseUserSignIn={m => this.chooseMode(m)}
          trans={this.trans}
        />
      </>
    );
  }

  private options(environment: EnvironmentReport): ModeOption[] {
    return modeOptions(environment, {
      customClient: this.model.customClient?.configured ?? false
    });
  }

  private currentMode(environment: EnvironmentReport): SignInMode {
    return preselectMode(
      environment,
      { customClient: this.model.customClient?.configured ?? false },
      this.model.modeTouched ? this.model.mode : null
    );
  }

  /** Why the form cannot be sent yet, or null. */
  private requestProblem(mode: FlowMode): string | null {
    const { model, trans } = this;
    if (model.scopeChoice === 'custom') {
      const parsed = parseScopes(model.customScopes);
      if (!parsed.ok) {
        return model.customScopes.trim()
          ? parsed.message
          : trans.__('Type the scopes to request.');
      }
    }
    if (modeTakesTargets(mode) && model.targets.length === 0) {
      return trans.__('Choose at least one file to write.');
    }
    if (
      effectiveClient(mode, model.client) === 'custom' &&
      !model.customClient?.configured
    ) {
      return trans.__('Upload your client_secret.json first.');
    }
    return null;
  }

  private buildRequest(mode: FlowMode): StartFlowRequest {
    const { model } = this;
    const request: StartFlowRequest = { mode, origin: this.origin };
    if (this._force) {
      request.force = true;
    }
    if (model.scopeChoice === 'custom') {
      const parsed = parseScopes(model.customScopes);
      request.scopes = parsed.ok ? parsed.scopes : [];
    } else {
      request.preset = model.scopeChoice;
    }
    const client = effectiveClient(mode, model.client);
    if (client) {
      request.client = client;
    }
    if (modeTakesTargets(mode)) {
      request.targets = model.targets;
    }
    return request;
  }

  private startFlow(): void {
    // The mode as of now, not as of the last render: a click can beat React's next paint.
    const environment = this.model.environment;
    const mode = environment ? this.currentMode(environment) : null;
    if (isFlowMode(mode) && this.requestProblem(mode) === null) {
      void this.flow.start(this.buildRequest(mode));
    }
  }

  private chooseMode(mode: SignInMode): void {
    if (isSettled(this.flow.state.phase)) {
      this.flow.reset(); // the last outcome belonged to the mode left behind
    }
    const client =
      clientsFor(mode).length === 1 ? clientsFor(mode)[0] : this.model.client;
    this.set({ mode, modeTouched: true, client });
  }

  private async uploadClient(file: File): Promise<void> {
    this.set({ clientBusy: true, clientError: null });
    try {
      const parsed = await readJsonFile(file);
      if (!parsed.ok) {
        this.set({ clientError: parsed.message });
        return;
      }
      const customClient = await this.client.uploadCustomClient(parsed.value);
      this.set({ customClient, client: 'custom' });
    } catch (error) {
      const body = toErrorBody(error);
      this.set({
        clientError: body.help ? `${body.message} ${body.help}` : body.message
      });
    } finally {
      this.set({ clientBusy: false });
    }
  }

  private async removeClient(): Promise<void> {
    this.set({ clientBusy: true, clientError: null });
    try {
      const customClient = await this.client.removeCustomClient();
      this.set({ customClient, client: 'earthengine' });
    } catch (error) {
      this.set({ clientError: toErrorBody(error).message });
    } finally {
      this.set({ clientBusy: false });
    }
  }

  private loadCredentials(): Promise<void> {
    return this.client.credentials().then(
      credentials => this.set({ credentials }),
      error => this.set({ loadError: toErrorBody(error) })
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

  private set(changes: Partial<IPanelModel>): void {
    if (this.isDisposed) {
      return;
    }
    this.model = { ...this.model, ...changes };
    this.update();
  }

  private _force = false;
  private model: IPanelModel = {
    customClient: null,
    clientBusy: false,
    clientError: null,
    mode: null,
    modeTouched: false,
    scopeChoice: 'earthengine',
    customScopes: '',
    targets: defaultTargets('earthengine'),
    targetsTouched: false,
    client: 'earthengine'
  };
}

function stopPropagation(event: Event): void {
  event.stopPropagation();
}
