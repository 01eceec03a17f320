/**
 * The sign-in form's choices, what stops them from being sent, and the `POST flows` body they
 * make. Plain functions, so the panel and its tests share one definition.
 */
import {
  defaultTargets,
  effectiveClient,
  modeTakesTargets,
  parseScopes,
  type ClientKind,
  type FlowMode,
  type ScopeChoice,
  type SignInMode,
  type StartFlowRequest,
  type Target
} from '../../core';

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

/** Why the form cannot be sent yet (English, for trans.__), or null. */
export function formProblem(
  form: ISignInForm,
  mode: FlowMode,
  customClientConfigured: boolean
): string | null {
  if (form.scopeChoice === 'custom') {
    const parsed = parseScopes(form.customScopes);
    if (!parsed.ok) {
      return form.customScopes.trim()
        ? parsed.message
        : 'Type the scopes to request.';
    }
  }
  if (modeTakesTargets(mode) && form.targets.length === 0) {
    return 'Choose at least one file to write.';
  }
  if (
    effectiveClient(mode, form.client) === 'custom' &&
    !customClientConfigured
  ) {
    return 'Upload your client_secret.json first.';
  }
  return null;
}

/** The body of `POST flows` for the form as it stands. */
export function buildStartRequest(
  form: ISignInForm,
  mode: FlowMode,
  options: { origin: string; force: boolean }
): StartFlowRequest {
  const request: StartFlowRequest = { mode, origin: options.origin };
  if (options.force) {
    request.force = true;
  }
  if (form.scopeChoice === 'custom') {
    const parsed = parseScopes(form.customScopes);
    request.scopes = parsed.ok ? parsed.scopes : [];
  } else {
    request.preset = form.scopeChoice;
  }
  const client = effectiveClient(mode, form.client);
  if (client) {
    request.client = client;
  }
  if (modeTakesTargets(mode)) {
    request.targets = form.targets;
  }
  return request;
}
