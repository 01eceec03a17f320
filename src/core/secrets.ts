/**
 * The secret store as the front end sees it (jupyterlab_google_auth/secrets): the listing the
 * server answers (never a value), and the kernel's prompt bundle from `userdata.get`
 * (secrets/prompt.py), parsed defensively: a saved notebook can hold anything under its type.
 */
import type { SecretCheckState } from './names';
import type { PolicySummary } from './types';

export const SECRET_REQUEST_MIME_TYPE =
  'application/vnd.google-auth.secret-request+json';

/** Names whose value the server can check against the Generative Language API. */
export const CHECKABLE_SECRETS: readonly string[] = [
  'GEMINI_API_KEY',
  'GOOGLE_API_KEY'
];

/** The name google-genai's `genai.Client()` reads first (then GOOGLE_API_KEY). */
export const GEMINI_KEY_NAME = 'GEMINI_API_KEY';

/** Whether the administrator lets a Gemini key into the store (the sign-in panel's offer). */
export function geminiKeyOffered(policy: PolicySummary | undefined): boolean {
  if (policy?.allow_secrets === false) {
    return false;
  }
  const names = policy?.allowed_secret_names ?? [];
  return names.length === 0 || names.includes(GEMINI_KEY_NAME);
}

/** Where Google's API keys for Gemini are made (the check's link for a refused key). */
export const CREATE_GEMINI_KEY_URL = 'https://aistudio.google.com/apikey';

/** The server's rule for a name (secrets/validation.py): environment-variable style. */
export const SECRET_NAME = /^[A-Z_][A-Z0-9_]{0,63}$/;

export interface ISecretCheck {
  state: SecretCheckState;
  message: string;
  checked_at: string;
  link?: string;
}

export interface ISecretEntry {
  name: string;
  set_at: string | null;
  /** The value's last four characters; empty for short values. */
  last4: string;
  /** "Set in kernels": granted notebooks' kernels get it as an environment variable. */
  env: boolean;
  check: ISecretCheck | null;
}

export interface ISecretsListing {
  secrets: ISecretEntry[];
  known: string[];
  /** Asked for one notebook: its path as the grants keep it, and the names it may read. */
  notebook?: { path: string; granted: string[] };
  /** A visitor on a shared server: why no names are shown. */
  hidden?: string;
}

/** What the panel says about a name before the server is asked. */
export function secretNameProblem(name: string): string | null {
  if (!name) {
    return 'Enter a name, e.g. GEMINI_API_KEY.';
  }
  return SECRET_NAME.test(name)
    ? null
    : 'Use capital letters, digits and underscores (not first), e.g. GEMINI_API_KEY.';
}

export interface ISecretRequest {
  state: 'pending';
  requestId: string;
  name: string;
  /** The notebook as the kernel knows it (an absolute path on the kernel host). */
  notebook: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface ISecretRequestEnded {
  state: 'allowed' | 'denied' | 'timeout' | 'interrupted';
  requestId: string;
  name: string;
  message: string;
}

export type SecretRequest = ISecretRequest | ISecretRequestEnded;

const REQUEST_ID = /^[0-9a-f]{32}$/;
const ENDED = ['allowed', 'denied', 'timeout', 'interrupted'] as const;

/** The prompt bundle's data, or null when it is not one this version understands. */
export function parseSecretRequest(data: unknown): SecretRequest | null {
  if (typeof data !== 'object' || data === null) {
    return null;
  }
  const d = data as Record<string, unknown>;
  const requestId = typeof d.request_id === 'string' ? d.request_id : '';
  const name = typeof d.name === 'string' ? d.name : '';
  if (
    d.version !== 1 ||
    !REQUEST_ID.test(requestId) ||
    !SECRET_NAME.test(name)
  ) {
    return null;
  }
  if (d.state === 'pending') {
    if (typeof d.notebook !== 'string' || typeof d.expires_at !== 'number') {
      return null;
    }
    return {
      state: 'pending',
      requestId,
      name,
      notebook: d.notebook,
      expiresAt: d.expires_at * 1000
    };
  }
  const state = ENDED.find(s => s === d.state);
  if (!state) {
    return null;
  }
  return {
    state,
    requestId,
    name,
    message: typeof d.message === 'string' ? d.message : ''
  };
}
