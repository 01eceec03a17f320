import type { ISecretsListing, SecretAnswer } from '../core';
import { jsonInit, requestAPI } from './request';

const path = (...parts: string[]) =>
  ['secrets', ...parts.map(encodeURIComponent)].join('/');

/**
 * The secret store's routes (handlers/secrets.py). A value is sent once, in `add`; every
 * answer is the listing (names, when set, last four characters, last check), never a value.
 * Notebooks are named by their path relative to the server's root, as JupyterLab knows them.
 */
export class SecretsClient {
  list(notebook?: string | null): Promise<ISecretsListing> {
    const query = notebook ? `?notebook=${encodeURIComponent(notebook)}` : '';
    return requestAPI(`secrets${query}`);
  }

  add(name: string, value: string, env: boolean): Promise<ISecretsListing> {
    return requestAPI('secrets', jsonInit('POST', { name, value, env }));
  }

  remove(name: string): Promise<ISecretsListing> {
    return requestAPI(path(name), jsonInit('DELETE'));
  }

  setEnv(name: string, env: boolean): Promise<ISecretsListing> {
    return requestAPI(path(name), jsonInit('PATCH', { env }));
  }

  check(name: string): Promise<ISecretsListing> {
    return requestAPI(path(name, 'check'), jsonInit('POST'));
  }

  /** The "Notebook access" switch. */
  grant(
    notebook: string,
    name: string,
    granted: boolean
  ): Promise<ISecretsListing> {
    return requestAPI(
      path('grants'),
      jsonInit('PUT', { notebook, name, granted })
    );
  }

  /** The prompt in a cell's output was answered; `notebook` as the kernel named it. */
  answer(
    requestId: string,
    body: { answer: SecretAnswer; notebook: string; name: string }
  ): Promise<{ answer: SecretAnswer }> {
    return requestAPI(path('requests', requestId), jsonInit('POST', body));
  }
}
