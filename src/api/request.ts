import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

import type { ApiErrorBody } from '../core/types';
import { GoogleAuthApiError, GoogleAuthNetworkError } from './errors';

/** The server extension's namespace under the Jupyter base URL. */
export const API_NAMESPACE = 'google-auth';

/**
 * Calls the server API and returns its JSON, or throws a typed error.
 * ServerConnection adds the Jupyter token and the XSRF header.
 */
export async function requestAPI<T>(
  endPoint: string,
  init: RequestInit = {},
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): Promise<T> {
  const url = URLExt.join(settings.baseUrl, API_NAMESPACE, endPoint);
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(url, init, settings);
  } catch (error) {
    throw new GoogleAuthNetworkError(error);
  }
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const body = (data ?? {}) as Partial<ApiErrorBody>;
    throw new GoogleAuthApiError(response.status, {
      code: body.code ?? `http_${response.status}`,
      message: body.message ?? (response.statusText || 'Request failed'),
      help: body.help ?? ''
    });
  }
  return data as T;
}

/** A request with a JSON body (or none), for the routes that take one. */
export function jsonInit(method: string, body?: unknown): RequestInit {
  return {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' }
  };
}
