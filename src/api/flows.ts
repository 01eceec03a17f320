import type {
  AlreadySignedIn,
  CompleteFlowRequest,
  CredentialsReport,
  EnvironmentReport,
  FlowView,
  StartFlowRequest
} from '../core';
import { jsonInit, requestAPI } from './request';

export interface CustomClientInfo {
  configured: boolean;
  source: 'admin' | 'upload' | null;
  client_id?: string | null;
}

export interface ServiceAccountStored {
  client_email: string;
  project_id: string | null;
  files: { target: string; path: string; backup?: string | null }[];
  tried: boolean;
}

/**
 * Everything the auth panel asks the server. An interface, so widget tests pass a fake and
 * the panel never needs a running server.
 */
export interface IAuthClient {
  environment(
    origin: string,
    options?: { refresh?: boolean }
  ): Promise<EnvironmentReport>;
  credentials(): Promise<CredentialsReport>;
  startFlow(request: StartFlowRequest): Promise<FlowView | AlreadySignedIn>;
  getFlow(id: string): Promise<FlowView>;
  completeFlow(id: string, body: CompleteFlowRequest): Promise<FlowView>;
  cancelFlow(id: string): Promise<void>;
  customClient(): Promise<CustomClientInfo>;
  uploadCustomClient(clientSecret: unknown): Promise<CustomClientInfo>;
  removeCustomClient(): Promise<CustomClientInfo>;
  storeServiceAccount(key: unknown): Promise<ServiceAccountStored>;
}

const flowPath = (id: string) => `flows/${encodeURIComponent(id)}`;

/** The server API behind the panel: flows, custom client, service-account keys. */
export class AuthClient implements IAuthClient {
  environment(
    origin: string,
    options: { refresh?: boolean } = {}
  ): Promise<EnvironmentReport> {
    // `refresh` asks the server to probe again instead of answering from its 5-minute cache.
    const refresh = options.refresh ? '&refresh=1' : '';
    return requestAPI<EnvironmentReport>(
      `environment?origin=${encodeURIComponent(origin)}${refresh}`
    );
  }

  credentials(): Promise<CredentialsReport> {
    return requestAPI<CredentialsReport>('credentials');
  }

  startFlow(request: StartFlowRequest): Promise<FlowView | AlreadySignedIn> {
    return requestAPI('flows', jsonInit('POST', request));
  }

  getFlow(id: string): Promise<FlowView> {
    return requestAPI(flowPath(id));
  }

  completeFlow(id: string, body: CompleteFlowRequest): Promise<FlowView> {
    return requestAPI(`${flowPath(id)}/complete`, jsonInit('POST', body));
  }

  async cancelFlow(id: string): Promise<void> {
    await requestAPI(flowPath(id), { method: 'DELETE' });
  }

  customClient(): Promise<CustomClientInfo> {
    return requestAPI('custom-client');
  }

  uploadCustomClient(clientSecret: unknown): Promise<CustomClientInfo> {
    return requestAPI(
      'custom-client',
      jsonInit('PUT', { client_secret: clientSecret })
    );
  }

  removeCustomClient(): Promise<CustomClientInfo> {
    return requestAPI('custom-client', { method: 'DELETE' });
  }

  storeServiceAccount(key: unknown): Promise<ServiceAccountStored> {
    return requestAPI('service-account', jsonInit('POST', { key, try: true }));
  }
}
