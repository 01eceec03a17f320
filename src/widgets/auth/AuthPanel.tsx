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
} from '../../api';
import type { IProjectsApi } from '../../api/projects';
import type { SetProjectResult } from '../../core/projects';
import { deriveStatus, type Status } from '../../core/status';
import {
  clientsFor,
  defaultTargets,
  isFlowMode,
  isSettled,
  modeOptions,
  offeredScopeChoices,
  preselectMode,
  SIGN_IN_MODES,
  type ApiErrorBody,
  type CredentialsReport,
  type EnvironmentReport,
  type FlowMode,
  type ScopeChoice,
  type SignInMode
} from '../../core';
import { openConsentTab, type IConsentTab } from './consentTab';
import { Disclosure } from './Disclosure';
import { ProjectStep } from './ProjectStep';
import { DEFAULT_PANEL_SETTINGS, type IPanelSettings } from './settings';
import { SignedInView } from './SignedInView';
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
  withScopeChoice,
  type ISignInForm
} from './form';
import { SignInForm, type ICustomClientState } from './SignInForm';
import { CredentialsView } from './CredentialsView';
import { EnvironmentView } from './EnvironmentView';

/** How a panel is opened; every field is optional (the cell route passes only some). */
export interface IAuthPanelOptions extends IFlowControllerOptions {
  settings?: IPanelSettings;
  /** Sign in even when valid credentials already fit (Re-authenticate). */
  force?: boolean;
  /**
   * Start the recommended sign-in as soon as the environment is known (the Authenticate
   * click). `consentTab` is the tab that click opened, sent to Google's page once it exists.
   */
  start?: boolean;
  consentTab?: IConsentTab | null;
  /** The project routes, for the "choose your project" step after a sign-in. */
  projects?: IProjectsApi;
  /**
   * What the opener already heard from the server: the pending start uses it at once
   * instead of waiting for the environment probe (the panel still asks again).
   */
  known?: {
    environment?: EnvironmentReport;
    customClient?: CustomClientInfo | null;
  };
}

/** Credentials the libraries will use and that need no new sign-in. */
export function credentialsFit(status: Status | null): boolean {
  // Not the runtime's account (metadata server): it may lack scopes, which the ambient view
  // explains, and it is not a sign-in the user can switch.
  return (
    status !== null &&
    status.source !== 'metadata' &&
    (status.state === 'ok' ||
      status.state === 'no-project' ||
      status.state === 'warning')
  );
}

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
    options: IAuthPanelOptions = {},
    /** The form's first choices (the cell route passes the kernel's preset, scopes, files). */
    initialForm: Partial<ISignInForm> = {}
  ) {
    super();
    this.settings = options.settings ?? DEFAULT_PANEL_SETTINGS;
    const preset = this.settings.defaultPreset;
    this.form = {
      ...INITIAL_FORM,
      scopeChoice: preset,
      targets: this.settings.defaultTargets ?? defaultTargets(preset),
      mode: rememberedMode(),
      ...initialForm
    };
    this._force = options.force ?? false;
    this.projects = options.projects ?? null;
    this.pendingStart = options.start
      ? { tab: options.consentTab ?? null }
      : null;
    const known = options.known ?? {};
    if (known.environment) {
      this.server = { environment: known.environment };
    }
    if (known.customClient !== undefined) {
      this.customClient = { ...this.customClient, info: known.customClient };
      this.customClientKnown = true;
    }
    this.addClass('jp-GoogleAuth-panel');
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', trans.__('Google sign-in'));
    // Clicks and keys here are the panel's, not the notebook's: see onKeydownCapture.
    this.node.addEventListener('mousedown', stopPropagation);
    window.addEventListener('keydown', this.onKeydownCapture, true);
    this.flow = new FlowController(client, {
      translate: trans.__.bind(trans),
      ...options
    });
    this.flow.changed.connect(this.onFlowChanged, this);
    credentialEvents.changed.connect(this.onCredentialsChanged, this);
    document.addEventListener('visibilitychange', this.onVisibility);
    void this.load();
    this.runPendingStart(); // at once when the opener knew the environment
  }

  readonly flow: FlowController;
  readonly settings: IPanelSettings;

  /**
   * Starts the recommended sign-in now, as the Authenticate click does; `tab` was opened by
   * that click. Nothing happens (the tab closes) while a flow already runs.
   */
  startRecommended(tab: IConsentTab | null): void {
    if (!isSettled(this.flow.state.phase)) {
      tab?.close();
      return;
    }
    this.pendingStart = { tab };
    this.runPendingStart();
  }

  /** Moves the keyboard to the panel's next step (after it was opened or brought back). */
  focusNextStep(): void {
    // After the panel's next render (an update request runs in the next animation frame).
    requestAnimationFrame(() =>
      setTimeout(() => {
        // In order of preference, not of the DOM (a retry button precedes the project step).
        const next = NEXT_STEP_SELECTORS.map(selector =>
          this.node.querySelector<HTMLElement>(selector)
        ).find(element => element !== null);
        next?.focus({ preventScroll: true });
      })
    );
  }

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
          this.runPendingStart();
          if (refresh) {
            // The re-probe may have found other credentials (a metadata server): every view
            // (this panel's list, the status item) reads them again.
            credentialEvents.emit('environment-rechecked');
          }
        },
        error => this.setServer({ loadError: toErrorBody(error) })
      ),
      this.loadCredentials(),
      this.client
        .customClient()
        .then(
          info => this.setCustomClient({ info }),
          () => this.setCustomClient({ info: null })
        )
        .then(() => {
          // Whether paste-url is available depends on it: the pending start waited.
          this.customClientKnown = true;
          this.runPendingStart();
        })
    ]);
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.pendingStart?.tab?.close();
    this.pendingStart = null;
    this.flow.dispose(); // cancels a pending flow on the server
    credentialEvents.changed.disconnect(this.onCredentialsChanged, this);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.node.removeEventListener('mousedown', stopPropagation);
    window.removeEventListener('keydown', this.onKeydownCapture, true);
    super.dispose();
  }

  protected render(): JSX.Element {
    const { trans, flow } = this;
    const { environment, credentials, loadError } = this.server;
    const open = (id: 'why') => this.settings.openSections.includes(id);
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
        <p
          className="jp-GoogleAuth-statusLine"
          role="status"
          aria-live="polite"
        >
          {this.statusLine()}
        </p>
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
        {(flow.state.phase === 'succeeded' || this.projectWanted) &&
          this.projects && (
            <ProjectStep
              api={this.projects}
              chosen={this.chosenProject}
              onChosen={result => {
                this.chosenProject = result;
                credentialEvents.emit('project-changed');
                this.changed();
              }}
              trans={trans}
            />
          )}
        {environment && (
          <Disclosure
            id="why"
            summary={trans.__('Why this way')}
            defaultOpen={open('why')}
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
              onClick={() => void this.load(true)}
            >
              {trans.__('Check again')}
            </Button>
          </Disclosure>
        )}
      </div>
    );
  }

  /** The one line that says where the sign-in stands. */
  private statusLine(): string {
    const { trans, flow } = this;
    const { environment, loadError } = this.server;
    if (loadError) {
      return trans.__('Could not ask the server how to sign in.');
    }
    if (!environment) {
      return trans.__('Looking at where this server runs…');
    }
    const mode = flow.state.flow?.mode ?? this.currentMode(environment);
    switch (flow.state.phase) {
      case 'starting':
        return trans.__('Opening Google’s sign-in page…');
      case 'awaiting-consent':
      case 'awaiting-paste':
        return mode === 'loopback'
          ? trans.__(
              'Google’s sign-in page is open in a new tab: choose your account and Allow.'
            )
          : trans.__(
              'Allow access on Google’s page, then paste what it shows here.'
            );
      case 'exchanging':
        return trans.__('Finishing the sign-in…');
      case 'succeeded':
        return this.chosenProject
          ? trans.__('Signed in, project set.')
          : trans.__('Signed in. One more step: choose your project.');
      case 'already-signed-in':
        return trans.__('Already signed in.');
      case 'failed':
      case 'expired':
        return trans.__('The sign-in did not finish.');
      case 'cancelled':
        return trans.__('Sign-in cancelled.');
    }
    if (this.fits()) {
      return trans.__('You are signed in to Google.');
    }
    return isFlowMode(mode)
      ? trans.__('Not signed in. Google’s page opens in a new tab.')
      : trans.__('Not signed in.');
  }

  /** Valid credentials fit and the user did not ask to sign in anyway. */
  private fits(): boolean {
    const { credentials } = this.server;
    return (
      !this._force &&
      credentials !== undefined &&
      credentialsFit(deriveStatus(credentials, this.trans.__.bind(this.trans)))
    );
  }

  private renderSignIn(environment: EnvironmentReport): JSX.Element {
    const { trans, flow } = this;
    const { credentials } = this.server;
    const idle = flow.state.phase === 'idle';
    const signedIn = idle && this.fits() && credentials;
    return (
      <section
        className="jp-GoogleAuth-signin"
        aria-label={trans.__('Sign in')}
      >
        {signedIn && (
          <SignedInView
            status={deriveStatus(credentials, trans.__.bind(trans))}
            onSwitch={() => this.startFromClick(true)}
            onAgain={() => this.startFromClick(true)}
            onChooseProject={() => this.showProjectStep()}
            trans={trans}
          />
        )}
        <HubNotices environment={environment} trans={trans} />
        {/* The form while no flow runs; then only the flow's next step and outcome. */}
        {idle && !signedIn && (
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
            onStart={() => this.startFromClick(this._force)}
            onUploadClient={file => void this.uploadClient(file)}
            onRemoveClient={() => void this.removeClient()}
            onKeyStored={() => void this.loadCredentials()}
            openSections={this.settings.openSections}
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
              void flow.start(
                { ...last, force: true },
                this.clickTab(last.mode)
              );
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

  /** A sign-in asked for by a click in the panel: the consent tab opens from that click. */
  private startFromClick(force: boolean): void {
    this._force = force;
    const { environment } = this.server;
    const mode = environment ? this.currentMode(environment) : null;
    this.startFlow(isFlowMode(mode) ? this.clickTab(mode) : null);
  }

  /** Opens the consent tab now, inside the click, unless the user turned that off. */
  private clickTab(mode: FlowMode): IConsentTab | null {
    void mode; // every flow mode has a consent page to open
    return this.settings.openConsentAutomatically
      ? openConsentTab(this.trans.__('Opening Google sign-in…'))
      : null;
  }

  /** The Authenticate click's sign-in, once the environment says which mode to use. */
  private runPendingStart(): void {
    const pending = this.pendingStart;
    const { environment } = this.server;
    if (
      !pending ||
      !environment ||
      !this.customClientKnown ||
      this.isDisposed
    ) {
      return;
    }
    this.pendingStart = null;
    const mode = this.currentMode(environment);
    if (!isFlowMode(mode)) {
      pending.tab?.close(); // ambient or key upload: nothing to consent to
      this.focusNextStep();
      return;
    }
    this.startFlow(pending.tab);
  }

  private showProjectStep(): void {
    // Shown as the step after a sign-in: the settled "already signed in" state carries it.
    this.projectWanted = true;
    this.changed();
  }

  private modeContext(): { customClient: boolean } {
    return { customClient: this.customClient.info?.configured ?? false };
  }

  private currentMode(environment: EnvironmentReport): SignInMode {
    return preselectMode(environment, this.modeContext(), this.form.mode);
  }

  private startFlow(tab: IConsentTab | null): void {
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
        }),
        tab
      );
    } else {
      tab?.close();
      this.focusNextStep();
    }
  }

  private chooseMode(mode: SignInMode): void {
    if (isSettled(this.flow.state.phase)) {
      this.flow.reset(); // the last outcome belonged to the mode left behind
    }
    rememberMode(mode);
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

  private onFlowChanged(): void {
    const phase = this.flow.state.phase;
    if (phase !== this.lastPhase) {
      this.lastPhase = phase;
      this.chosenProject = phase === 'succeeded' ? null : this.chosenProject;
      this.focusNextStep(); // the paste field, the project search, or a retry
    }
    this.update();
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
      event.key === 'Escape' &&
      event.target instanceof Node &&
      this.node.contains(event.target)
    ) {
      // Escape closes the panel, which cancels its pending sign-in.
      event.stopPropagation();
      event.preventDefault();
      this.dispose();
      return;
    }
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
    const policy = changes.environment?.policy;
    if (
      policy &&
      !offeredScopeChoices(policy).includes(this.form.scopeChoice)
    ) {
      // The administrator does not offer this preset: start from theirs instead.
      this.form = {
        ...this.form,
        ...withScopeChoice(this.form, policy.default_preset as ScopeChoice)
      };
    }
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
  private form: ISignInForm;
  private readonly projects: IProjectsApi | null;
  private pendingStart: { tab: IConsentTab | null } | null;
  private chosenProject: SetProjectResult | null = null;
  private projectWanted = false;
  private lastPhase = 'idle';
  private customClientKnown = false;
  private customClient: ICustomClientState = {
    info: null,
    busy: false,
    error: null
  };
}

/** Where the keyboard goes after each step, first match wins. */
const NEXT_STEP_SELECTORS = [
  '.jp-GoogleAuth-pasteInput:not(:disabled)',
  '.jp-GoogleAuth-projectStep .jp-GoogleAuth-search',
  '.jp-GoogleAuth-signIn:not(:disabled)',
  '.jp-GoogleAuth-switch',
  '.jp-GoogleAuth-retry',
  '.jp-GoogleAuth-consentButton'
];

const MODE_KEY = 'jupyterlab-google-auth:mode';

/**
 * The mode the user last chose under "Other ways to sign in": Authenticate starts it next
 * time (while it stays available), so a user who needs a paste mode picks it once.
 */
function rememberedMode(): SignInMode | null {
  try {
    const stored = window.localStorage.getItem(MODE_KEY);
    return SIGN_IN_MODES.includes(stored as SignInMode)
      ? (stored as SignInMode)
      : null;
  } catch {
    return null;
  }
}

function rememberMode(mode: SignInMode): void {
  try {
    window.localStorage.setItem(MODE_KEY, mode);
  } catch {
    // Not remembered: the recommendation applies next time.
  }
}

function stopPropagation(event: Event): void {
  event.stopPropagation();
}
