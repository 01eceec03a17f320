import { GoogleAuthApiError } from '../../api/errors';

export interface IShownError {
  code: string;
  message: string;
  help: string;
}

/** Any failure as code, message and help, ready to show. */
export function toShownError(error: unknown): IShownError {
  if (error instanceof GoogleAuthApiError) {
    return { code: error.code, message: error.message, help: error.help };
  }
  return {
    code: 'unexpected',
    message: error instanceof Error ? error.message : String(error),
    help: ''
  };
}
