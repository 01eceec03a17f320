/**
 * The "Act as a service account" form, read and checked before it is sent (pure: no
 * JupyterLab import). The server checks again; these rules only spare a round trip and say
 * which field to fix.
 */
import type { Translate } from './translate';

/** As the server (profiles/impersonation.py): at most this many delegates. */
export const MAX_DELEGATES = 10;

const SERVICE_ACCOUNT =
  /^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}@[A-Za-z0-9][A-Za-z0-9.-]{0,199}$/;
/** As the server (profiles/naming.py). */
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$/;

export interface IImpersonationFields {
  serviceAccount: string;
  /** E-mails separated by commas, spaces or new lines. */
  delegates: string;
  name: string;
}

export interface IImpersonationRequest {
  service_account: string;
  delegates: string[];
  name?: string;
  /** The user profile to act from (the server's default: the active one). */
  source?: string;
}

export type ImpersonationField = keyof IImpersonationFields;

export type ImpersonationCheck =
  | { ok: true; request: IImpersonationRequest }
  | { ok: false; field: ImpersonationField; message: string };

export function isProfileName(name: string): boolean {
  return (
    PROFILE_NAME.test(name) &&
    !name.endsWith('.') &&
    name.toLowerCase() !== 'impersonate'
  );
}

export function readImpersonation(
  fields: IImpersonationFields,
  __: Translate
): ImpersonationCheck {
  const email = fields.serviceAccount.trim();
  if (!SERVICE_ACCOUNT.test(email)) {
    return {
      ok: false,
      field: 'serviceAccount',
      message: __(
        "Enter the service account's e-mail address, for example pipeline@my-project.iam.gserviceaccount.com."
      )
    };
  }
  const delegates = fields.delegates.split(/[\s,]+/).filter(Boolean);
  const bad = delegates.find(d => !SERVICE_ACCOUNT.test(d));
  if (bad !== undefined) {
    return {
      ok: false,
      field: 'delegates',
      message: __(
        '"%1" is not a service account e-mail. Delegates are service account e-mails separated by commas.',
        bad
      )
    };
  }
  if (delegates.length > MAX_DELEGATES) {
    return {
      ok: false,
      field: 'delegates',
      message: __('At most %1 delegates.', MAX_DELEGATES)
    };
  }
  const name = fields.name.trim();
  if (name && !isProfileName(name)) {
    return {
      ok: false,
      field: 'name',
      message: __(
        "A profile name is 1 to 64 letters, digits, '.', '_', '@', '+' or '-', starting with a letter or digit. Leave it empty to use the service account's e-mail."
      )
    };
  }
  return {
    ok: true,
    request: { service_account: email, delegates, ...(name ? { name } : {}) }
  };
}
