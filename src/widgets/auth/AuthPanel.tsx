import type { TranslationBundle } from '@jupyterlab/translation';
import {
  Button,
  closeIcon,
  ReactWidget,
  ToolbarButtonComponent
} from '@jupyterlab/ui-components';
import { Signal, type ISignal } from '@lumino/signaling';
import * as React from 'react';

import type { IAuthClient } from '../../api';
import type { IProjectsApi } from '../../api/projects';
import type { IGoogleAuth } from '../../tokens';
import { deriveStatus, type Status } from '../../core/status';
import {
  clientsFor,
  defaultTargets,
  isFlowMode,
  isSettled,
  modeOptions,
  offeredScopeChoices,
  preselectMode,
  sectionStartsOpen,
  SIGN_IN_MODES,
  type ChangeCause,
  type EnvironmentReport,
  type FlowMode,
  type ScopeChoice,
  type SignInMode
} from '../../core';
import { openConsentTab, type IConsentTab } from './consentTab';
import { Disclosure, type ISections } from './Disclosure';
import { ProjectStep } from './ProjectStep';
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
  /** Sign in even when valid credentials already fit (Re-authenticate). */
  force?: boolean;
  /**
   * Start the recommended sign-in as soon as the environment is known (the Authenticate
   * click). `consentTab` is the tab that click opened, sent to Google's page once it exists.
   */
  start?: boolean;
  consentTab?: IConsentTab | null;
  /** Ask for the project once signed in, also when no sign-in was needed (the cell route). */
  askProject?: boolean;
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

/**
 * The inline auth panel shown below the active cell. It lives outside the notebook model,
 * so nothing of it is saved in the .ipynb. Closing it cancels its pending sign-in.
 */
export class AuthPanel extends ReactWidget {
  constructor(
    private readonly service: IGoogleAuth,
    private readonly trans: TranslationBundle,
    options: IAuthPanelOptions = {},
    /** The form's first choices (the cell route passes the kernel's preset, scopes, files). */
    initialForm: Partial<ISignInForm> = {}
  ) {
    super();
    this.client = service.api.auth;
    this.projects = service.api.projects;
    const { settings, memory } = service;
    const preset = settings.defaultPreset;
    this.form = {
      ...INITIAL_FORM,
      scopeChoice: preset,
      targets: settings.defaultTargets ?? defaultTargets(preset),
      mode: SIGN_IN_MODES.find(m => m === memory.mode) ?? null,
      ...initialForm
    };
    this._force = options.force ?? false;
    this.askProject = options.askProject ?? false;
    this.pendingStart = options.start
      ? { tab: options.consentTab ?? null }
      : null;
    // Where the keyboard was before the panel took it: it goes back there on close.
    this.opener =
      document.activeElement instanceof HTMLElement
        ? document.activeElement
        : null;
    this.addClass('jp-GoogleAuth-panel');
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', trans.__('Google sign-in'));
    // The panel sits inside a notebook: JupyterLab's shortcuts (Enter edits a cell, arrows
    // move between cells) must not take its keys. Lumino skips every shortcut whose target
    // is inside an element with this attribute, so the panel's controls keep their keys.
    this.node.setAttribute('data-lm-suppress-shortcuts', 'true');
    // Clicks here are the panel's, not the notebook's (no cell selection or drag).
    this.node.addEventListener('mousedown', stopPropagation);
    this.node.addEventListener('keydown', this.onKeydown);
    this.flow = new FlowController(this.client, {
      translate: trans.__.bind(trans),
      onSucceeded: flow =>
        void service.report({ kind: 'signed-in', mode: flow.mode }),
      ...options
    });
    this.flow.changed.connect(this.onFlowChanged, this);
    service.changed.connect(this.onServiceChanged, this);
    document.addEventListener('visibilitychange', this.onVisibility);
    this.applyPolicy();
    // The service usually knows the environment already (the Authenticate click starts at
    // once); otherwise the start waits for it.
    void service.known.then(() => {
      this.applyPolicy();
      this.runPendingStart();
      this.changed();
    });
    this.runPendingStart();
  }

  readonly flow: FlowController;

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

  /** Asks the server to probe its environment again ("Check again"). */
  recheck(): Promise<void> {
    return this.service.recheckEnvironment();
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.pendingStart?.tab?.close();
    this.pendingStart = null;
    this.flow.dispose(); // cancels a pending flow on the server
    this.service.changed.disconnect(this.onServiceChanged, this);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.node.removeEventListener('mousedown', stopPropagation);
    this.node.removeEventListener('keydown', this.onKeydown);
    const opener = this.opener;
    const hadFocus = this.node.contains(document.activeElement);
    super.dispose();
    if (hadFocus && opener?.isConnected && isInView(opener)) {
      opener.focus({ preventScroll: true });
    }
  }

  protected render(): JSX.Element {
    const { trans } = this;
    const {
      environment,
      credentials,
      environmentError: loadError
    } = this.service;
    const sections = this.sections;
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
            <Button onClick={() => void this.recheck()}>
              {trans.__('Check again')}
            </Button>
          </div>
        )}
        {environment && this.renderSignIn(environment)}
        {this.showsProjectStep() && (
          <ProjectStep
            api={this.projects}
            chosen={this.chosenProject}
            onChosen={result => {
              // The service's client already reported the change to every view.
              this.chosenProject = result.project;
              this.changed();
            }}
            onSkip={this.onSkipProject}
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
              onClick={() => void this.recheck()}
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
    const { environment, environmentError: loadError } = this.service;
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

  /**
   * After a sign-in, or when asked (the signed-in view's "Choose project", the cell route)
   * while credentials fit; never before a sign-in, never once skipped.
   */
  private showsProjectStep(): boolean {
    if (this.projectSkipped) {
      return false;
    }
    const { phase } = this.flow.state;
    if (phase === 'succeeded') {
      return true;
    }
    const signedIn =
      (phase === 'idle' || phase === 'already-signed-in') &&
      this.service.credentials !== null &&
      credentialsFit(this.service.status);
    const lacksProject =
      this.askProject &&
      (this.chosenProject !== null || !this.service.status.project);
    return signedIn && (this.projectWanted || lacksProject);
  }

  /** Valid credentials fit and the user did not ask to sign in anyway. */
  private fits(): boolean {
    return (
      !this._force &&
      this.service.credentials !== null &&
      credentialsFit(this.service.status)
    );
  }

  private renderSignIn(environment: EnvironmentReport): JSX.Element {
    const { trans, flow } = this;
    const { credentials } = this.service;
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
            customClient={{
              ...this.customClient,
              info: this.service.customClient ?? null
            }}
            force={this._force}
            client={this.client}
            onChange={changes => this.setForm(changes)}
            onChooseMode={mode => this.chooseMode(mode)}
            onStart={() => this.startFromClick(this._force)}
            onUploadClient={file => void this.uploadClient(file)}
            onRemoveClient={() => void this.removeClient()}
            onKeyStored={() => undefined}
            sections={this.sections}
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
          <TokenTransfer
            environment={environment}
            client={this.service.api.transfer}
            trans={trans}
          />
        </details>
      </section>
    );
  }

  /** A sign-in asked for by a click in the panel: the consent tab opens from that click. */
  private startFromClick(force: boolean): void {
    this._force = force;
    const { environment } = this.service;
    const mode = environment ? this.currentMode(environment) : null;
    this.startFlow(isFlowMode(mode) ? this.clickTab(mode) : null);
  }

  /** Opens the consent tab now, inside the click, unless the user turned that off. */
  private clickTab(mode: FlowMode): IConsentTab | null {
    void mode; // every flow mode has a consent page to open
    return this.service.settings.openConsentAutomatically
      ? openConsentTab(this.trans.__('Opening Google sign-in…'))
      : null;
  }

  /** The Authenticate click's sign-in, once the environment says which mode to use. */
  private runPendingStart(): void {
    const pending = this.pendingStart;
    const { environment, customClient } = this.service;
    // Whether paste-url is available depends on the custom client: the start waits for it.
    if (
      !pending ||
      !environment ||
      customClient === undefined ||
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
    return { customClient: this.service.customClient?.configured ?? false };
  }

  private currentMode(environment: EnvironmentReport): SignInMode {
    return preselectMode(environment, this.modeContext(), this.form.mode);
  }

  private startFlow(tab: IConsentTab | null): void {
    // The mode as of now, not as of the last render: a click can beat React's next paint.
    const { environment } = this.service;
    const mode = environment ? this.currentMode(environment) : null;
    if (
      isFlowMode(mode) &&
      formProblem(this.form, mode, this.modeContext().customClient) === null
    ) {
      void this.flow.start(
        buildStartRequest(this.form, mode, {
          origin: this.service.origin,
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
    this.service.rememberMode(mode);
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
      await this.client.uploadCustomClient(parsed.value);
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
      await this.client.removeCustomClient();
      this.setForm({ client: 'earthengine' });
    } catch (error) {
      this.setCustomClient({ error: toErrorBody(error).message });
    } finally {
      this.setCustomClient({ busy: false });
    }
  }

  private onFlowChanged(): void {
    const phase = this.flow.state.phase;
    if (phase !== this.lastPhase) {
      this.lastPhase = phase;
      this.chosenProject = phase === 'succeeded' ? null : this.chosenProject;
      this.projectSkipped = false;
      this.focusNextStep(); // the paste field, the project search, or a retry
    }
    this.update();
  }

  /** Every view hears every change: the panel follows what happened elsewhere. */
  private onServiceChanged(_: IGoogleAuth, cause: ChangeCause): void {
    if (cause.kind === 'signed-out') {
      // Signed out from the palette, the selector or another panel: this panel's "signed
      // in" and its project step belong to credentials that are gone.
      if (isSettled(this.flow.state.phase)) {
        this.flow.reset();
      }
      this.chosenProject = null;
      this.projectWanted = false;
      this._force = false;
    } else if (
      cause.kind === 'project-set' &&
      !this.chosenProject &&
      (this.flow.state.phase === 'succeeded' || this.projectWanted)
    ) {
      // Chosen in the selector or a cell while this panel asked for it: the step is done.
      this.chosenProject = cause.project;
    } else if (cause.kind === 'environment-rechecked') {
      this.applyPolicy();
    }
    this.changed();
  }

  /** Escape closes the panel, which cancels its pending sign-in. */
  private onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.stopPropagation();
      event.preventDefault();
      this.dispose();
    }
  };

  private onSkipProject = (): void => {
    this.projectWanted = false;
    this.projectSkipped = true;
    this._skipped.emit(undefined);
    this.changed();
  };

  /** The sections' starting state and the memory of the user's folding. */
  private get sections(): ISections {
    const { service } = this;
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

  private onVisibility = (): void => {
    // Back from Google's tab: look at the flow now rather than at the next poll.
    if (document.visibilityState === 'visible') {
      void this.flow.refresh();
    }
  };

  /** The administrator does not offer the form's preset: start from theirs instead. */
  private applyPolicy(): void {
    const policy = this.service.environment?.policy;
    if (
      policy &&
      !offeredScopeChoices(policy).includes(this.form.scopeChoice)
    ) {
      this.form = {
        ...this.form,
        ...withScopeChoice(this.form, policy.default_preset as ScopeChoice)
      };
    }
  }

  private setForm(changes: Partial<ISignInForm>): void {
    this.form = { ...this.form, ...changes };
    this.changed();
  }

  private setCustomClient(
    changes: Partial<Omit<ICustomClientState, 'info'>>
  ): void {
    this.customClient = { ...this.customClient, ...changes };
    this.changed();
  }

  private changed(): void {
    if (!this.isDisposed) {
      this.update();
    }
  }

  /** The user chose "Skip for now" in the project step (the cell route returns then). */
  get skipped(): ISignal<this, void> {
    return this._skipped;
  }

  private readonly _skipped = new Signal<this, void>(this);
  private projectSkipped = false;
  private readonly askProject: boolean;
  private readonly client: IAuthClient;
  private readonly projects: IProjectsApi;
  private readonly opener: HTMLElement | null;
  private _force = false;
  private form: ISignInForm;
  private pendingStart: { tab: IConsentTab | null } | null;
  private chosenProject: string | null = null;
  private projectWanted = false;
  private lastPhase = 'idle';
  /** The upload's progress and error; the client itself is the service's. */
  private customClient: Omit<ICustomClientState, 'info'> = {
    busy: false,
    error: null
  };
}

/** Focus never goes to an element scrolled out of view (the page would jump to it). */
function isInView(element: HTMLElement): boolean {
  const box = element.getBoundingClientRect();
  return (
    box.bottom > 0 && box.top < window.innerHeight && box.width + box.height > 0
  );
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

function stopPropagation(event: Event): void {
  event.stopPropagation();
}
