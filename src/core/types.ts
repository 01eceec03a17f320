/**
 * Shapes of the server API's JSON (DESIGN.md section 5). Pure types: no JupyterLab imports,
 * so src/core can be tested alone and reused outside JupyterLab.
 */

export type EnvironmentClass = 'local' | 'remote' | 'colab-like';

export type SignInMode =
  | 'loopback'
  | 'notebook'
  | 'paste-url'
  | 'gcloud'
  | 'ambient'
  | 'service-account';

export const SIGN_IN_MODES: readonly SignInMode[] = [
  'loopback',
  'notebook',
  'paste-url',
  'gcloud',
  'ambient',
  'service-account'
];

export interface ModeAvailability {
  available: boolean;
  reason: string | null;
}

export interface EnvironmentReport {
  class: EnvironmentClass;
  reasons: string[];
  recommended_mode: SignInMode;
  modes: Partial<Record<SignInMode, ModeAvailability>>;
  facts: Record<string, unknown>;
  origin?: Record<string, unknown> | null;
  probe_ms?: number;
}

export interface CredentialProblem {
  code: string;
  message: string;
}

export type SourceName = 'earthengine' | 'adc' | 'env' | 'metadata';

/** When and how this extension issued a stored sign-in (never a secret). */
export interface CredentialIssue {
  issued_at: string;
  mode: string | null;
  preset: string | null;
  client: string | null;
  /** Set where Google's rules end the sign-in: 7 days for clients in Testing status. */
  expires_about: string | null;
  lifetime_note: string | null;
}

export interface CredentialSource {
  name: SourceName;
  present: boolean;
  path?: string | null;
  type?: string | null;
  account?: string | null;
  client?: string | null;
  scopes?: string[] | null;
  project?: string | null;
  quota_project?: string | null;
  valid?: boolean | null;
  /** Why Google refused to refresh it (`invalid_grant`, `reauth_required`...). */
  check_error?: string | null;
  issued?: CredentialIssue | null;
  problems: CredentialProblem[];
}

export interface CredentialsReport {
  sources: CredentialSource[];
  used_by: { earthengine: SourceName | null; google_auth: SourceName | null };
  /** The project each library will bill, as the server works it out. */
  projects?: { earthengine: string | null; google_auth: string | null };
}

/** The body of every error the server API answers. */
export interface ApiErrorBody {
  code: string;
  message: string;
  help?: string;
}
