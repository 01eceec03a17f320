/**
 * The auth panel's own state as a pure reducer, beside the flow's (`flowReducer` in flows.ts):
 * the sign-in form, Re-authenticate's `force`, the Authenticate click's pending start with the
 * tab it opened, the project step (wanted, skipped, chosen) and the custom-client upload's
 * progress; and the derivations the views render from it (the status line, whether the
 * project step or the signed-in view shows, the mode in effect). No DOM and no JupyterLab,
 * so every transition is tested with Jest alone. The flow itself stays in the panel's
 * FlowController; what the model needs of it, of the service and of the environment arrives
 * as `PanelFacts` (see docs/ARCHITECTURE.md, "The front-end service").
 */
import type { FlowMode, Phase } from './flows';
import {
  clientsFor,
  defaultTargets,
  isFlowMode,
  preselectMode,
  type ModeContext
} from './modes';
import { SIGN_IN_MODES, type ClientKind, type Target } from './names';
import { offeredScopeChoices, type ScopeChoice } from './scopes';
import type { Status } from './status';
import type { EnvironmentReport, PolicySummary, SignInMode } from './types';

/** The sign-in form's choices (its checks and `POST flows` body: src/widgets/auth/form.ts). */
export interface ISignInForm {
  /** The mode the user picked; null until they pick one (the preselection applies). */
  mode: SignInMode | null;
  scopeChoice: ScopeChoice;
  customScopes: string;
  targets: Target[];
  /** The user ticked the files by hand: a new preset no longer resets them. */
  targetsTouched: boolean;
  client: ClientKind;
}

export const INITIAL_FORM: ISignInForm = {
  mode: null,
  scopeChoice: 'earthengine',
  customScopes: '',
  targets: defaultTargets('earthengine'),
  targetsTouched: false,
  client: 'earthengine'
};

/** A new scope choice, with the preset's default files unless the user chose them. */
export function withScopeChoice(
  form: ISignInForm,
  scopeChoice: ScopeChoice
): Partial<ISignInForm> {
  return form.targetsTouched
    ? { scopeChoice }
    : { scopeChoice, targets: defaultTargets(scopeChoice) };
}

/**
 * A browser tab opened inside the click that asked for a sign-in (a pop-up opens only
 * there). The view opens, sends and closes it; the model only holds it until the start runs.
 */
export interface IConsentTab {
  /** Sends the tab to `url`; false when the user already closed it. */
  go(url: string): boolean;
  close(): void;
}

/** The custom-client upload's progress and error; the client itself is the service's. */
export interface ICustomClientProgress {
  busy: boolean;
  error: string | null;
}

export interface PanelState {
  form: ISignInForm;
  /** Sign in even when valid credentials already fit (Re-authenticate). */
  force: boolean;
  /** "Add account": the sign-in becomes a new profile; the active one and its project stay. */
  addProfile: boolean;
  /**
   * With `addProfile`, the new profile's name (null: named after the account). Without it,
   * the profile the sign-in goes into (a kernel bound to it asked), not the active identity.
   */
  profileName: string | null;
  /** Ask for the project once signed in, also when no sign-in was needed (the cell route). */
  askProject: boolean;
  /** The Authenticate click's sign-in, waiting until the environment says which mode. */
  pendingStart: { tab: IConsentTab | null } | null;
  /** "Choose a project" in the signed-in view. */
  projectWanted: boolean;
  /** "Skip for now": the step stays hidden until the flow moves on. */
  projectSkipped: boolean;
  /** The project chosen in the step, or elsewhere while the step asked for it. */
  chosenProject: string | null;
  /** The flow's phase as of its last change: a new phase is a new step. */
  phase: Phase;
  customClient: ICustomClientProgress;
}

export interface IPanelInit {
  /** The user's settings: the preset and files to start from. */
  preset: ScopeChoice;
  targets: Target[] | null;
  /** The mode last chosen under "Other ways to sign in" (UI memory), if any. */
  rememberedMode: string | null;
  /** The form's first choices that beat the above (the cell route's, a command's). */
  form?: Partial<ISignInForm>;
  force?: boolean;
  addProfile?: boolean;
  profileName?: string | null;
  askProject?: boolean;
  pendingStart?: { tab: IConsentTab | null } | null;
}

export function initialPanelState(init: IPanelInit): PanelState {
  return {
    form: {
      ...INITIAL_FORM,
      scopeChoice: init.preset,
      targets: init.targets ?? defaultTargets(init.preset),
      mode: SIGN_IN_MODES.find(m => m === init.rememberedMode) ?? null,
      ...init.form
    },
    force: init.force ?? false,
    addProfile: init.addProfile ?? false,
    profileName: init.profileName ?? null,
    askProject: init.askProject ?? false,
    pendingStart: init.pendingStart ?? null,
    projectWanted: false,
    projectSkipped: false,
    chosenProject: null,
    phase: 'idle',
    customClient: { busy: false, error: null }
  };
}

export type PanelAction =
  | { type: 'change-form'; changes: Partial<ISignInForm> }
  | { type: 'choose-mode'; mode: SignInMode }
  /** The environment is (again) known: its policy may not offer the form's preset. */
  | { type: 'policy-applied'; policy: PolicySummary | undefined }
  | { type: 'force'; force: boolean }
  | { type: 'add-profile'; name?: string | null }
  | { type: 'start-requested'; tab: IConsentTab | null }
  /** The pending start ran (or the panel closed): its tab is the caller's now. */
  | { type: 'start-taken' }
  | { type: 'flow-phase'; phase: Phase }
  | { type: 'ask-project' }
  | { type: 'skip-project' }
  | { type: 'chose-project'; project: string }
  | { type: 'signed-out-elsewhere' }
  | { type: 'project-set-elsewhere'; project: string }
  | { type: 'client-busy' }
  /** The upload or removal ended: the client the form now uses, or why it failed. */
  | { type: 'client-done'; client?: ClientKind; error?: string };

export function panelReducer(
  state: PanelState,
  action: PanelAction
): PanelState {
  switch (action.type) {
    case 'change-form':
      return { ...state, form: { ...state.form, ...action.changes } };
    case 'choose-mode': {
      // A mode with one client (notebook, paste-url) takes it; otherwise the choice stays.
      const only = clientsFor(action.mode);
      const client = only.length === 1 ? only[0] : state.form.client;
      return { ...state, form: { ...state.form, mode: action.mode, client } };
    }
    case 'policy-applied': {
      const { policy } = action;
      if (
        !policy ||
        offeredScopeChoices(policy).includes(state.form.scopeChoice)
      ) {
        return state;
      }
      // The administrator does not offer the form's preset: start from theirs instead.
      const choice = policy.default_preset as ScopeChoice;
      return {
        ...state,
        form: { ...state.form, ...withScopeChoice(state.form, choice) }
      };
    }
    case 'force':
      return state.force === action.force
        ? state
        : { ...state, force: action.force };
    case 'add-profile':
      return state.addProfile && state.profileName === (action.name ?? null)
        ? state
        : { ...state, addProfile: true, profileName: action.name ?? null };
    case 'start-requested':
      return { ...state, pendingStart: { tab: action.tab } };
    case 'start-taken':
      return state.pendingStart ? { ...state, pendingStart: null } : state;
    case 'flow-phase':
      if (action.phase === state.phase) {
        return state;
      }
      // A new sign-in's project is still to choose; a skip belonged to the step before.
      return {
        ...state,
        phase: action.phase,
        chosenProject:
          action.phase === 'succeeded' ? null : state.chosenProject,
        projectSkipped: false
      };
    case 'ask-project':
      return { ...state, projectWanted: true };
    case 'skip-project':
      return { ...state, projectWanted: false, projectSkipped: true };
    case 'chose-project':
      return { ...state, chosenProject: action.project };
    case 'signed-out-elsewhere':
      // Its "signed in" and its project step belonged to credentials that are gone.
      return {
        ...state,
        chosenProject: null,
        projectWanted: false,
        force: false
      };
    case 'project-set-elsewhere': {
      // Chosen in the selector or a cell while this panel asked for it: the step is done.
      const asking = state.phase === 'succeeded' || state.projectWanted;
      return state.chosenProject || !asking
        ? state
        : { ...state, chosenProject: action.project };
    }
    case 'client-busy':
      return { ...state, customClient: { busy: true, error: null } };
    case 'client-done':
      return {
        ...state,
        form: action.client
          ? { ...state.form, client: action.client }
          : state.form,
        customClient: { busy: false, error: action.error ?? null }
      };
  }
}

/** What the panel's model needs of the flow and the service at the moment it is asked. */
export interface PanelFacts {
  phase: Phase;
  /** The running (or last) flow's mode, if a flow was started. */
  flowMode: FlowMode | null;
  environment: EnvironmentReport | null;
  /** The environment could not be read. */
  environmentFailed: boolean;
  /** The status of the credentials; null until the server first answered about them. */
  status: Status | null;
  /** A custom OAuth client is configured; undefined while not known. */
  customClient: boolean | undefined;
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

export function modeContext(facts: PanelFacts): ModeContext {
  return { customClient: facts.customClient ?? false };
}

/** The mode in effect: the user's pick while it is available, else the preselection. */
export function modeIn(
  environment: EnvironmentReport,
  state: PanelState,
  facts: PanelFacts
): SignInMode {
  return preselectMode(environment, modeContext(facts), state.form.mode);
}

/** The mode in effect, or null while the environment is not known. */
export function currentMode(
  state: PanelState,
  facts: PanelFacts
): SignInMode | null {
  return facts.environment ? modeIn(facts.environment, state, facts) : null;
}

/** Valid credentials fit and the user did not ask to sign in anyway. */
export function panelFits(state: PanelState, facts: PanelFacts): boolean {
  return (
    !state.force && !signsInElsewhere(state) && credentialsFit(facts.status)
  );
}

/**
 * The sign-in goes into a profile other than the active identity (a new one, or the one a
 * kernel is bound to): what the active identity holds says nothing about it.
 */
export function signsInElsewhere(state: PanelState): boolean {
  return state.addProfile || state.profileName !== null;
}

/** The signed-in view replaces the form while no flow runs and credentials fit. */
export function showsSignedIn(state: PanelState, facts: PanelFacts): boolean {
  return facts.phase === 'idle' && panelFits(state, facts);
}

/**
 * After a sign-in, or when asked (the signed-in view's "Choose a project", the cell route)
 * while credentials fit; never before a sign-in, never once skipped.
 */
export function showsProjectStep(
  state: PanelState,
  facts: PanelFacts
): boolean {
  if (state.projectSkipped || signsInElsewhere(state)) {
    // An added profile is not the active identity: a project chosen here would land on
    // the active one's files.
    return false;
  }
  const { phase, status } = facts;
  if (phase === 'succeeded') {
    return true;
  }
  const signedIn =
    (phase === 'idle' || phase === 'already-signed-in') &&
    credentialsFit(status);
  const lacksProject =
    state.askProject && (state.chosenProject !== null || !status?.project);
  return signedIn && (state.projectWanted || lacksProject);
}

/** Which one line says where the sign-in stands; the view words it (StatusLine.tsx). */
export type StatusLineKey =
  | 'no-server'
  | 'looking'
  | 'opening'
  | 'consent-in-tab'
  | 'consent-then-paste'
  | 'finishing'
  | 'project-set'
  | 'choose-project'
  | 'profile-added'
  | 'already-signed-in'
  | 'did-not-finish'
  | 'did-not-finish-still-signed-in'
  | 'cancelled'
  | 'signed-in'
  | 'still-signed-in'
  | 'adding-profile'
  | 'into-profile'
  | 'signed-out-tab'
  | 'signed-out';

export function statusLine(
  state: PanelState,
  facts: PanelFacts
): StatusLineKey {
  if (facts.environmentFailed) {
    return 'no-server';
  }
  if (!facts.environment) {
    return 'looking';
  }
  const mode = facts.flowMode ?? modeIn(facts.environment, state, facts);
  switch (facts.phase) {
    case 'starting':
      return 'opening';
    case 'awaiting-consent':
    case 'awaiting-paste':
      return mode === 'loopback' ? 'consent-in-tab' : 'consent-then-paste';
    case 'exchanging':
      return 'finishing';
    case 'succeeded':
      if (state.addProfile) {
        return 'profile-added';
      }
      return state.chosenProject ? 'project-set' : 'choose-project';
    case 'already-signed-in':
      return 'already-signed-in';
    case 'failed':
    case 'expired':
      // A failed sign-in *again* wrote nothing: the earlier credentials still work.
      return credentialsFit(facts.status)
        ? 'did-not-finish-still-signed-in'
        : 'did-not-finish';
    case 'cancelled':
      return 'cancelled';
  }
  if (signsInElsewhere(state)) {
    // The active identity is not what this sign-in replaces: say where it goes instead.
    return state.addProfile ? 'adding-profile' : 'into-profile';
  }
  if (panelFits(state, facts)) {
    return 'signed-in';
  }
  if (credentialsFit(facts.status)) {
    return 'still-signed-in'; // "Sign in again" asked for the form: nothing was undone
  }
  return isFlowMode(mode) ? 'signed-out-tab' : 'signed-out';
}

/**
 * The pending start can run: the environment says which mode, and the custom client is known
 * (whether paste-url is available depends on it).
 */
export function pendingStartReady(
  state: PanelState,
  facts: PanelFacts
): boolean {
  return (
    state.pendingStart !== null &&
    facts.environment !== null &&
    facts.customClient !== undefined
  );
}
