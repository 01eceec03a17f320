/**
 * Shapes of the server API’s JSON (docs/ARCHITECTURE.md, "Server API"). Pure types: no JupyterLab imports,
 * so src/core can be tested alone and reused outside JupyterLab.
 */

import type { EnvironmentClass, SignInMode, SourceName } from './names';

export {
  SIGN_IN_MODES,
  type EnvironmentClass,
  type SignInMode,
  type SourceName
} from './names';

export interface ModeAvailability {
  available: boolean;
  reason: string | null;
  /** The administrator turned this mode off (GoogleAuth.allowed_modes and friends). */
  turned_off?: boolean;
}

/** What the administrator's policy leaves to the user (no secrets). */
export interface PolicySummary {
  presets: string[];
  default_preset: string;
  allow_custom_scopes: boolean;
  allow_service_account_keys: boolean;
  allow_token_export: boolean;
  /** Profiles (several accounts side by side), impersonation, notebooks bound to one. */
  allow_profiles?: boolean;
  allow_impersonation?: boolean;
  allow_notebook_binding?: boolean;
  max_profiles?: number;
  /** The secret store (the Secrets panel, a Gemini key) and the names it may hold. */
  allow_secrets?: boolean;
  allowed_secret_names?: string[];
}

/** A JupyterHub server shared with the current user by its owner. */
export interface SharedServer {
  owner: string;
  visitor: string;
  warning: string;
}

export interface EnvironmentReport {
  class: EnvironmentClass;
  reasons: string[];
  /** null when the administrator left no sign-in mode that works here. */
  recommended_mode: SignInMode | null;
  modes: Partial<Record<SignInMode, ModeAvailability>>;
  facts: Record<string, unknown>;
  origin?: Record<string, unknown> | null;
  probe_ms?: number;
  policy?: PolicySummary;
  /** Why the administrator's client_secret.json cannot be used, when it cannot. */
  admin_client_problem?: string;
  shared_server?: SharedServer | null;
  /** EARTHENGINE_TOKEN or GOOGLE_APPLICATION_CREDENTIALS_JSON, when the server has one. */
  token_in_environment?: string | null;
}

export interface CredentialProblem {
  code: string;
  message: string;
}

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
  /** The active profile's name (profiles), null when none is. */
  profile?: string | null;
  /** The project each library will bill, as the server works it out. */
  projects?: {
    earthengine: string | null;
    /** Where ee's project comes from; `client`: nobody chose it (the client id's number). */
    earthengine_from?: string | null;
    google_auth: string | null;
    /** What the server last learned about ee's project (selector or choice), if anything. */
    readiness?: ProjectReadinessReport | null;
  };
}

/** Earth Engine's answer about a project and the quota check of its choice. */
export interface ProjectReadinessReport {
  project: string;
  earthengine: {
    state: 'ready' | 'disabled' | 'unregistered' | 'denied';
    action_url: string | null;
    note: string | null;
  } | null;
  /** Null when the quota project was set (or not yet checked). */
  quota: { code: string; message: string; help?: string | null } | null;
}

/** The body of every error the server API answers. */
export interface ApiErrorBody {
  code: string;
  message: string;
  help?: string;
}
