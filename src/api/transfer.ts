import { jsonInit, requestAPI } from './request';

export interface ExportedToken {
  /** The environment variable the value is meant for (EARTHENGINE_TOKEN). */
  name: string;
  value: string;
  warning: string;
}

export interface ImportedToken {
  source: string;
  account: string | null;
  project: string | null;
  files: { target: string; path: string; backup?: string | null }[];
}

/**
 * Credentials for ephemeral homes (Binder, hubs without storage, CI). Export answers a refresh
 * token, so it is asked for only after the user confirmed; the value is never stored here.
 */
export class TransferClient {
  exportToken(): Promise<ExportedToken> {
    return requestAPI('token-export', jsonInit('POST', { confirm: true }));
  }

  importToken(value: string): Promise<ImportedToken> {
    return requestAPI('token-import', jsonInit('POST', { value }));
  }

  importFromEnvironment(): Promise<ImportedToken> {
    return requestAPI(
      'token-import',
      jsonInit('POST', { from_environment: true })
    );
  }
}
