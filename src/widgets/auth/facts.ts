import {
  INITIAL_FLOW_STATE,
  initialPanelState,
  panelReducer,
  type IPanelInit,
  type ISignInForm,
  type PanelFacts,
  type PanelFlowState,
  type PanelState,
  type StartFlowRequest
} from '../../core';
import type { IGoogleAuth } from '../../tokens';
import { startRequest } from './form';

/**
 * What the panel's model (src/core/panel.ts) needs of the service and of the panel's flow,
 * read at the moment it is asked: the model never holds a copy of the service's truth.
 */
export function panelFacts(
  service: IGoogleAuth,
  flow: PanelFlowState
): PanelFacts {
  const { customClient } = service;
  return {
    phase: flow.phase,
    flowMode: flow.flow?.mode ?? null,
    environment: service.environment,
    environmentFailed: service.environmentError !== null,
    // The derived status exists before the first answer (as "loading"): null says "not yet".
    status: service.credentials === null ? null : service.status,
    customClient:
      customClient === undefined
        ? undefined
        : (customClient?.configured ?? false)
  };
}

/** A new panel's state: the user's settings and UI memory, then the opener's choices. */
export function firstPanelState(
  service: IGoogleAuth,
  form: Partial<ISignInForm>,
  init: Pick<
    IPanelInit,
    'force' | 'addProfile' | 'profileName' | 'askProject' | 'pendingStart'
  > = {}
): PanelState {
  const { settings, memory } = service;
  return initialPanelState({
    preset: settings.defaultPreset,
    targets: settings.defaultTargets,
    rememberedMode: memory.mode,
    form,
    ...init
  });
}

/**
 * The `POST flows` body a new panel opened now would send for its first sign-in, so a flow
 * prepared before the click (the pointer on Authenticate) is the one the click starts.
 */
export function firstStartRequest(
  service: IGoogleAuth,
  form: Partial<ISignInForm>,
  force: boolean,
  addProfile = false,
  profileName: string | null = null
): StartFlowRequest | null {
  const init = { force, addProfile, profileName };
  const state = panelReducer(firstPanelState(service, form, init), {
    type: 'policy-applied',
    policy: service.environment?.policy
  });
  return startRequest(
    state,
    panelFacts(service, INITIAL_FLOW_STATE),
    service.origin
  );
}
