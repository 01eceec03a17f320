/**
 * Sign-in flows as the server reports them, and the panel's flow state machine as a pure
 * reducer, so every transition is tested without React or a server:
 *
 *   idle → starting → awaiting-consent → awaiting-paste → exchanging
 *        → succeeded | failed | expired | cancelled   (and already-signed-in from starting)
 */
import type { ApiErrorBody, CredentialsReport } from './types';
import type { ScopePreset } from './scopes';

import type { ClientKind, FlowMode, FlowState, Target } from './names';

export {
  FLOW_MODES,
  type ClientKind,
  type FlowMode,
  type FlowState,
  type Target
} from './names';
export type FlowExpects = 'callback' | 'code' | 'redirect_url';

export interface WrittenFile {
  target: string;
  path: string;
  backup?: string | null;
}

export interface FlowResult {
  account: string | null;
  scopes: string[];
  scope_note?: string | null;
  files: WrittenFile[];
  /** The new profile the sign-in was written into ("Add account"), else null. */
  profile?: string | null;
}

/** `GET flows/<id>`: never carries a token, verifier or client secret. */
export interface FlowView {
  id: string;
  mode: FlowMode;
  state: FlowState;
  expects: FlowExpects;
  consent_url: string;
  expires_at: string;
  scopes: string[];
  client?: string | null;
  targets?: string[];
  notes?: string[];
  result?: FlowResult | null;
  error?: ApiErrorBody | null;
  /** Once succeeded: the credentials report after the files were written. */
  credentials?: CredentialsReport;
  /** The sign-in goes into a new profile (the active identity stays). */
  add_profile?: boolean;
}

/** `POST flows` answers this instead of a flow when valid credentials already fit. */
export interface AlreadySignedIn {
  already_signed_in: true;
  account: string | null;
  scopes: string[];
  source?: string | null;
}

export interface StartFlowRequest {
  mode: FlowMode;
  preset?: ScopePreset;
  scopes?: string[];
  client?: ClientKind;
  targets?: Target[];
  origin?: string;
  force?: boolean;
  /** Write the sign-in into a new profile instead of replacing the active identity. */
  add_profile?: boolean;
  /** The new profile's name; without add_profile, the existing profile written into. */
  profile_name?: string;
}

export type CompleteFlowRequest = { code: string } | { redirect_url: string };

export function isAlreadySignedIn(
  answer: FlowView | AlreadySignedIn
): answer is AlreadySignedIn {
  return (answer as AlreadySignedIn).already_signed_in === true;
}

export type Phase =
  | 'idle'
  | 'starting'
  | 'awaiting-consent'
  | 'awaiting-paste'
  | 'exchanging'
  | 'succeeded'
  | 'failed'
  | 'expired'
  | 'cancelled'
  | 'already-signed-in';

export interface PanelFlowState {
  phase: Phase;
  flow: FlowView | null;
  already: AlreadySignedIn | null;
  /** Why the flow (or starting it) failed. */
  error: ApiErrorBody | null;
  /** A pasted value the server or the parser refused; the flow itself is still pending. */
  pasteError: string | null;
  /** Google's page was opened for this flow: opening it again would start a second tab. */
  consentOpened: boolean;
}

export type FlowAction =
  | { type: 'start' }
  | { type: 'started'; answer: FlowView | AlreadySignedIn }
  | { type: 'start-failed'; error: ApiErrorBody }
  | { type: 'consent-opened' }
  | { type: 'submit' }
  | { type: 'paste-rejected'; message: string }
  | { type: 'flow'; flow: FlowView }
  | { type: 'cancel' }
  | { type: 'reset' };

export const INITIAL_FLOW_STATE: PanelFlowState = {
  phase: 'idle',
  flow: null,
  already: null,
  error: null,
  pasteError: null,
  consentOpened: false
};

const TERMINAL: ReadonlySet<Phase> = new Set<Phase>([
  'idle',
  'succeeded',
  'failed',
  'expired',
  'cancelled',
  'already-signed-in'
]);

/** No flow is running on the server for this panel (nothing to poll or cancel). */
export function isSettled(phase: Phase): boolean {
  return TERMINAL.has(phase);
}

/** A server flow is live: the panel must cancel it when it closes. */
export function hasPendingFlow(state: PanelFlowState): boolean {
  return (
    state.flow !== null && !isSettled(state.phase) && state.phase !== 'starting'
  );
}

/** The paste field shows while a paste-mode flow waits for its code or address. */
export function wantsPaste(state: PanelFlowState): boolean {
  return (
    state.flow !== null &&
    state.flow.expects !== 'callback' &&
    (state.phase === 'awaiting-consent' || state.phase === 'awaiting-paste')
  );
}

/** The phase a server flow view puts the panel in, given the phase it is in now. */
function phaseOf(flow: FlowView, current: Phase): Phase {
  switch (flow.state) {
    case 'pending':
      if (current === 'awaiting-paste' || current === 'exchanging') {
        // "exchanging" with a pending flow: the server did not take the paste.
        return 'awaiting-paste';
      }
      return 'awaiting-consent';
    case 'exchanging':
      return 'exchanging';
    default:
      return flow.state;
  }
}

export function flowReducer(
  state: PanelFlowState,
  action: FlowAction
): PanelFlowState {
  switch (action.type) {
    case 'start':
      if (!isSettled(state.phase)) {
        return state; // one flow at a time per panel
      }
      return { ...INITIAL_FLOW_STATE, phase: 'starting' };
    case 'started':
      if (state.phase !== 'starting') {
        return state; // cancelled while starting
      }
      if (isAlreadySignedIn(action.answer)) {
        return {
          ...INITIAL_FLOW_STATE,
          phase: 'already-signed-in',
          already: action.answer
        };
      }
      return withFlow(state, action.answer);
    case 'start-failed':
      if (state.phase !== 'starting') {
        return state;
      }
      return { ...INITIAL_FLOW_STATE, phase: 'failed', error: action.error };
    case 'consent-opened':
      if (state.phase !== 'awaiting-consent' || !state.flow) {
        return state;
      }
      // Loopback has nothing to paste: it keeps waiting for Google's redirect.
      return state.flow.expects === 'callback'
        ? { ...state, consentOpened: true }
        : { ...state, phase: 'awaiting-paste', consentOpened: true };
    case 'submit':
      if (!wantsPaste(state)) {
        return state;
      }
      return { ...state, phase: 'exchanging', pasteError: null };
    case 'paste-rejected':
      if (!state.flow || isSettled(state.phase)) {
        return state;
      }
      return { ...state, phase: 'awaiting-paste', pasteError: action.message };
    case 'flow':
      if (!state.flow || action.flow.id !== state.flow.id) {
        return state; // a late answer about a flow this panel left
      }
      if (isSettled(state.phase)) {
        return state; // e.g. a poll answering after the user cancelled
      }
      return withFlow(state, action.flow);
    case 'cancel':
      if (isSettled(state.phase)) {
        return state;
      }
      return { ...state, phase: 'cancelled', pasteError: null };
    case 'reset':
      return INITIAL_FLOW_STATE;
  }
}

function withFlow(state: PanelFlowState, flow: FlowView): PanelFlowState {
  const phase = phaseOf(flow, state.phase);
  return {
    ...state,
    phase,
    flow,
    error: phase === 'failed' ? (flow.error ?? null) : null,
    pasteError: phase === 'awaiting-paste' ? state.pasteError : null
  };
}
