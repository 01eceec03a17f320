import { GoogleAuthApiError, GoogleAuthNetworkError } from '../../api';
import type { ApiErrorBody } from '../../core';

/** Any thrown value as the `{code, message, help}` the panel shows. */
export function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof GoogleAuthApiError) {
    return { code: error.code, message: error.message, help: error.help };
  }
  if (error instanceof GoogleAuthNetworkError) {
    return { code: 'network', message: error.message, help: '' };
  }
  return {
    code: 'unknown',
    message: error instanceof Error ? error.message : String(error),
    help: ''
  };
}
