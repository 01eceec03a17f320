import type { PanelFacts, PanelFlowState } from '../../core';
import type { IGoogleAuth } from '../../tokens';

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
