import type { ApiErrorBody } from '../core/types';

/** An error answered by the extension's server API, with its stable code and help. */
export class GoogleAuthApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly help: string;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'GoogleAuthApiError';
    this.status = status;
    this.code = body.code;
    this.help = body.help ?? '';
  }
}

/** The server could not be reached at all (network down, server stopped). */
export class GoogleAuthNetworkError extends Error {
  constructor(cause: unknown) {
    super(
      `Could not reach the Jupyter server: ${
        cause instanceof Error ? cause.message : String(cause)
      }`
    );
    this.name = 'GoogleAuthNetworkError';
  }
}
