/**
 * What stops the sign-in form from being sent, and the `POST flows` body it makes. The form
 * itself is part of the panel's model (src/core/panel.ts); plain functions here, so the panel
 * and its tests share one definition.
 */
import {
  currentMode,
  effectiveClient,
  isFlowMode,
  modeContext,
  modeTakesTargets,
  parseScopes,
  type FlowMode,
  type ISignInForm,
  type PanelFacts,
  type PanelState,
  type StartFlowRequest
} from '../../core';

export { INITIAL_FORM, withScopeChoice, type ISignInForm } from '../../core';

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
  options: {
    origin: string;
    force: boolean;
    addProfile?: boolean;
    profileName?: string | null;
  }
): StartFlowRequest {
  const request: StartFlowRequest = { mode, origin: options.origin };
  if (options.force) {
    request.force = true;
  }
  if (options.addProfile) {
    request.add_profile = true;
  }
  if (options.profileName) {
    request.profile_name = options.profileName;
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

/**
 * The `POST flows` body for the panel's mode in effect now (not as of the last render: a
 * click can beat the next paint); null when that mode runs no flow or the form is not ready.
 */
export function startRequest(
  state: PanelState,
  facts: PanelFacts,
  origin: string
): StartFlowRequest | null {
  const mode = currentMode(state, facts);
  if (
    !isFlowMode(mode) ||
    formProblem(state.form, mode, modeContext(facts).customClient) !== null
  ) {
    return null;
  }
  return buildStartRequest(state.form, mode, {
    origin,
    force: state.force,
    addProfile: state.addProfile,
    profileName: state.profileName
  });
}
