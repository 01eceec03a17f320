import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Signal, type ISignal } from '@lumino/signaling';
import * as React from 'react';

import {
  currentMode,
  isFlowMode,
  isSettled,
  panelReducer,
  pendingStartReady,
  type ChangeCause,
  type IConsentTab,
  type ISignInForm,
  type PanelAction,
  type PanelFacts,
  type PanelState,
  type SignInMode
} from '../../core';
import type { IGoogleAuth } from '../../tokens';
import type { IPanelActions } from './actions';
import { openConsentTab } from './consentTab';
import { removeCustomClient, uploadCustomClient } from './customClient';
import { firstPanelState, panelFacts } from './facts';
import { FlowController, type IFlowControllerOptions } from './FlowController';
import { focusedElement, focusNextStepIn, restoreFocus } from './focus';
import { startRequest } from './form';
import { PanelView } from './PanelView';

export { credentialsFit } from '../../core';

/** How a panel is opened; every field is optional (the cell route passes only some). */
export interface IAuthPanelOptions extends IFlowControllerOptions {
  /** Sign in even when valid credentials already fit (Re-authenticate). */
  force?: boolean;
  /** "Add account": the sign-in becomes a new profile (the active identity stays). */
  addProfile?: boolean;
  /** The new profile's name ("Sign in as bob"), or the profile a bound kernel signs into. */
  profileName?: string | null;
  /**
   * Start the recommended sign-in as soon as the environment is known (the Authenticate
   * click). `consentTab` is the tab that click opened, sent to Google's page once it exists.
   */
  start?: boolean;
  consentTab?: IConsentTab | null;
  /** Ask for the project once signed in, also when no sign-in was needed (the cell route). */
  askProject?: boolean;
  /** The notebook the panel sits in, as its path now (a rename changes it). */
  notebookPath?: () => string | null;
}

/**
 * The inline auth panel shown below the active cell. It lives outside the notebook model,
 * so nothing of it is saved in the .ipynb. Closing it cancels its pending sign-in.
 *
 * This class is the wiring only: its state and transitions are the pure model of
 * src/core/panel.ts (dispatched here), its flow is the FlowController's, and PanelView
 * renders both with the service's state. What stays here is what needs the page: signals,
 * the consent tab, focus, keys and the clean-up on close.
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
    this.state = firstPanelState(service, initialForm, {
      force: options.force,
      addProfile: options.addProfile,
      profileName: options.profileName,
      askProject: options.askProject,
      pendingStart: options.start ? { tab: options.consentTab ?? null } : null
    });
    // Where the keyboard was before the panel took it: it goes back there on close.
    this.opener = focusedElement();
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
    this.flow = new FlowController(service.api.auth, {
      translate: trans.__.bind(trans),
      // The succeeded view carries the new report: the service needs no second request.
      onSucceeded: flow =>
        void service.report(
          // A profile other than the active one was written (a new one, or a bound kernel's).
          flow.result?.profile
            ? { kind: 'profile-added', profile: flow.result.profile }
            : { kind: 'signed-in', mode: flow.mode },
          flow.credentials
        ),
      ...options
    });
    this.notebookPath = options.notebookPath ?? (() => null);
    this.actions = this.createActions();
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
    this.dispatch({ type: 'start-requested', tab });
    this.runPendingStart();
  }

  /** Moves the keyboard to the panel's next step (after it was opened or brought back). */
  focusNextStep(): void {
    focusNextStepIn(this.node);
  }

  /** Sign in even when valid credentials already fit (Re-authenticate). */
  get force(): boolean {
    return this.state.force;
  }
  /** "Add account" asked of an open panel: its next sign-in becomes a new profile. */
  addProfile(name: string | null = null): void {
    this.dispatch({ type: 'add-profile', name });
  }

  set force(value: boolean) {
    this.dispatch({ type: 'force', force: value });
  }

  /** Asks the server to probe its environment again ("Check again"). */
  recheck(): Promise<void> {
    return this.service.recheckEnvironment();
  }

  /** The user chose "Skip for now" in the project step (the cell route returns then). */
  get skipped(): ISignal<this, void> {
    return this._skipped;
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    // Closed before its start ran: the click's blank tab has nothing to show.
    this.state.pendingStart?.tab?.close();
    this.flow.dispose(); // cancels a pending flow on the server
    this.service.changed.disconnect(this.onServiceChanged, this);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.node.removeEventListener('mousedown', stopPropagation);
    this.node.removeEventListener('keydown', this.onKeydown);
    const hadFocus = this.node.contains(document.activeElement);
    super.dispose();
    if (hadFocus) {
      restoreFocus(this.opener);
    }
  }

  protected render(): JSX.Element {
    return (
      <PanelView
        service={this.service}
        state={this.state}
        flow={this.flow.state}
        facts={this.facts}
        actions={this.actions}
        notebook={this.notebookPath()}
        trans={this.trans}
      />
    );
  }

  private get facts(): PanelFacts {
    return panelFacts(this.service, this.flow.state);
  }

  /** The views' requests, each a model action, a flow call or a service call. */
  private createActions(): IPanelActions {
    const { flow } = this;
    return {
      close: () => this.dispose(),
      recheck: () => void this.recheck(),
      changeForm: changes => this.dispatch({ type: 'change-form', changes }),
      chooseMode: mode => this.chooseMode(mode),
      start: () => this.startFromClick(this.state.force),
      signInAgain: () => this.startFromClick(true),
      uploadClient: file =>
        void this.changeClient(() =>
          uploadCustomClient(this.service.api.auth, file)
        ),
      removeClient: () =>
        void this.changeClient(() => removeCustomClient(this.service.api.auth)),
      consentOpened: () => flow.consentOpened(),
      submit: text => void flow.submit(text),
      cancel: () => void flow.cancel(),
      retry: () => flow.reset(),
      forceAgain: () => {
        const last = flow.lastRequest;
        if (last) {
          void flow.start({ ...last, force: true }, this.clickTab());
        }
      },
      askProject: () => this.dispatch({ type: 'ask-project' }),
      choseProject: project =>
        this.dispatch({ type: 'chose-project', project }),
      skipProject: () => {
        this.dispatch({ type: 'skip-project' });
        this._skipped.emit(undefined);
      }
    };
  }

  /** A sign-in asked for by a click in the panel: the consent tab opens from that click. */
  private startFromClick(force: boolean): void {
    this.dispatch({ type: 'force', force });
    const mode = currentMode(this.state, this.facts);
    this.startFlow(isFlowMode(mode) ? this.clickTab() : null);
  }

  /** Opens the consent tab now, inside the click, unless the user turned that off. */
  private clickTab(): IConsentTab | null {
    return this.service.settings.openConsentAutomatically
      ? openConsentTab(this.trans.__('Opening Google sign-in…'))
      : null;
  }

  /** The Authenticate click's sign-in, once the environment says which mode to use. */
  private runPendingStart(): void {
    const pending = this.state.pendingStart;
    const facts = this.facts;
    if (!pending || !pendingStartReady(this.state, facts) || this.isDisposed) {
      return;
    }
    this.dispatch({ type: 'start-taken' });
    if (!isFlowMode(currentMode(this.state, facts))) {
      pending.tab?.close(); // ambient or key upload: nothing to consent to
      this.focusNextStep();
      return;
    }
    this.startFlow(pending.tab);
  }

  private startFlow(tab: IConsentTab | null): void {
    const request = startRequest(this.state, this.facts, this.service.origin);
    if (request) {
      void this.flow.start(request, tab);
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
    this.dispatch({ type: 'choose-mode', mode });
  }

  /** Uploads or removes the custom client, showing the progress in the form. */
  private async changeClient(work: () => Promise<PanelAction>): Promise<void> {
    this.dispatch({ type: 'client-busy' });
    this.dispatch(await work());
  }

  /** The administrator does not offer the form's preset: start from theirs instead. */
  private applyPolicy(): void {
    const policy = this.service.environment?.policy;
    this.dispatch({ type: 'policy-applied', policy });
  }

  private onFlowChanged(): void {
    const before = this.state.phase;
    this.dispatch({ type: 'flow-phase', phase: this.flow.state.phase });
    if (this.state.phase !== before) {
      this.focusNextStep(); // the paste field, the project search, or a retry
    }
    this.changed();
  }

  /** Every view hears every change: the panel follows what happened elsewhere. */
  private onServiceChanged(_: IGoogleAuth, cause: ChangeCause): void {
    if (cause.kind === 'signed-out') {
      // Signed out from the palette, the selector or another panel.
      if (isSettled(this.flow.state.phase)) {
        this.flow.reset();
      }
      this.dispatch({ type: 'signed-out-elsewhere' });
    } else if (cause.kind === 'project-set') {
      this.dispatch({ type: 'project-set-elsewhere', project: cause.project });
    } else if (cause.kind === 'environment-rechecked') {
      this.applyPolicy();
    }
    this.changed();
  }

  /** Escape closes the panel, which cancels its pending sign-in. */
  /**
   * The panel's keys stay the panel's: Escape closes it (cancelling its sign-in), and no
   * key reaches the notebook, whose keydown handler would pull the focus back to the active
   * cell (an arrow in the mode list would then move nothing). Listening on the panel's own
   * node keeps React's handlers, which sit on this same node, working.
   */
  private onKeydown = (event: KeyboardEvent): void => {
    event.stopPropagation();
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      this.dispose();
    }
  };

  private onVisibility = (): void => {
    // Back from Google's tab: look at the flow now rather than at the next poll.
    if (document.visibilityState === 'visible') {
      void this.flow.refresh();
    }
  };

  private dispatch(action: PanelAction): void {
    const before = this.state;
    this.state = panelReducer(before, action);
    if (this.state !== before) {
      this.changed();
    }
  }

  private changed(): void {
    if (!this.isDisposed) {
      this.update();
    }
  }

  private state: PanelState;
  private readonly notebookPath: () => string | null;
  private readonly actions: IPanelActions;
  private readonly opener: HTMLElement | null;
  private readonly _skipped = new Signal<this, void>(this);
}

function stopPropagation(event: Event): void {
  event.stopPropagation();
}
