import { Token } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';

import type {
  CustomClientInfo,
  IAuthClient,
  IProjectsApi,
  SecretsClient,
  ProfileView,
  ProfilesClient,
  ProfilesList,
  TransferClient
} from './api';
import type { NotebookPanel } from '@jupyterlab/notebook';

import type {
  ChangeCause,
  INotebookBinding,
  CredentialsReport,
  EnvironmentReport,
  ISettings,
  ISecretsListing,
  IUiMemory,
  SectionId,
  StartFlowRequest
} from './core';
import type { Status } from './core/status';

/**
 * The one source of truth of the front end (docs/ARCHITECTURE.md): the credentials and
 * environment as last heard from the server, the API clients, the typed settings and the UI
 * memory. Every plugin and view requires it and renders from it; none fetches state of its
 * own. Every change goes through its clients (or `report`), which read `GET credentials` once
 * and then emit `changed` with the cause.
 */
export interface IGoogleAuth {
  /** The browser's origin, which the server needs to choose the loopback redirect. */
  readonly origin: string;

  /**
   * The server API. Writes through these clients (a project, a sign-out, a key, an import,
   * a custom client) report their change themselves; read-only calls are plain.
   */
  readonly api: {
    readonly auth: IAuthClient;
    readonly projects: IProjectsApi;
    readonly transfer: TransferClient;
    /** The secret store; its answers update `secrets` before the caller sees them. */
    readonly secrets: SecretsClient;
    /** Named profiles: a switch reports `profile-switched` (every view, every kernel). */
    readonly profiles: ProfilesClient;
  };

  /** The last credentials report (null before the first answer or when it failed). */
  readonly credentials: CredentialsReport | null;
  /** The status derived from it, for the status bar, the panel and the commands. */
  readonly status: Status;
  /** The environment report for this browser's origin (null until known). */
  readonly environment: EnvironmentReport | null;
  /** Why the environment could not be read, if it could not. */
  readonly environmentError: Error | null;
  /** The custom OAuth client; undefined until known. */
  readonly customClient: CustomClientInfo | null | undefined;
  /**
   * The secret store's last listing (names, when set, last four characters, checks, and the
   * grants of the notebook last asked about); null until the Secrets panel first asks.
   */
  readonly secrets: ISecretsListing | null;
  /**
   * The profiles as `GET profiles` last listed them (read again after each change that may
   * alter them; `profiles-listed` when they differ); null where they are not listed.
   */
  readonly profiles: ProfilesList | null;
  /** Resolves once the environment and the custom client are known (or failed). */
  readonly known: Promise<void>;

  readonly settings: ISettings;
  /** Settles once the user's settings are read (or could not be): wait before acting on them. */
  readonly settingsLoaded: Promise<void>;
  /** The user set `openSections` in the settings editor (it then beats the memory). */
  readonly userSetSections: boolean;
  readonly memory: IUiMemory;
  rememberSection(id: SectionId, open: boolean): void;
  rememberMode(mode: string): void;

  /** One signal for every change, with its typed cause; state is updated before it fires. */
  readonly changed: ISignal<IGoogleAuth, ChangeCause>;

  /**
   * The one door for changes made outside the clients above (a flow that ended, a kernel's
   * request): reads the credentials once (coalesced with other changes), then emits.
   */
  report(cause: ChangeCause, known?: CredentialsReport): Promise<void>;
  /** Probes the environment again ("Check again"). */
  recheckEnvironment(): Promise<void>;
  /** Reads the credentials again (focus, visibility); emits `noticed` only when they differ. */
  refresh(): Promise<void>;
  /**
   * Starts `request`'s flow ahead of the click (the pointer is on Authenticate), so the click
   * opens the consent page directly; a start of the same request takes it. Unused, it is
   * cancelled after a minute.
   */
  prepareFlow(request: StartFlowRequest): void;
  /** The consent address of the prepared flow for `request`, once the server answered. */
  preparedConsentUrl(request: StartFlowRequest): string | null;
}

export const IGoogleAuth = new Token<IGoogleAuth>(
  'jupyterlab-google-auth:IGoogleAuth',
  'Google sign-in state, clients, settings and changes, shared by every view.'
);

/**
 * Notebooks bound to a profile (the binding is a profile name in the notebook's metadata):
 * the one model the status item, the profiles menu and the kernels read.
 */
export interface IGoogleAuthBindings {
  /** Emitted when a binding, the current notebook or the profiles list changed. */
  readonly changed: ISignal<IGoogleAuthBindings, void>;
  readonly profiles: readonly ProfileView[];
  /** The administrator allows binding notebooks to profiles. */
  readonly allowed: boolean;
  /** The current notebook's binding, or null. */
  readonly current: INotebookBinding | null;
  /** The status item's status for the current notebook. */
  status(): Status;
  /** Bind `panel` to `profile`, or with null undo its binding. */
  bind(
    panel: NotebookPanel,
    profile: string | null
  ): Promise<INotebookBinding | null>;
}

export const IGoogleAuthBindings = new Token<IGoogleAuthBindings>(
  'jupyterlab-google-auth:IGoogleAuthBindings',
  'Which notebook uses which Google profile (notebook metadata), for the status item and menu.'
);
