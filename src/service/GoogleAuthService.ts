import { PromiseDelegate } from '@lumino/coreutils';
import { Poll } from '@lumino/polling';
import { Signal } from '@lumino/signaling';

import type {
  CustomClientInfo,
  IAuthClient,
  IProjectsApi,
  SecretsClient,
  ProfilesClient,
  ProfilesList,
  TransferClient
} from '../api';
import {
  CREDENTIAL_CHANGES,
  DEFAULT_SETTINGS,
  EMPTY_MEMORY,
  english,
  identityOf,
  LatestRunner,
  PROFILE_LIST_CHANGES,
  type ChangeCause,
  type CredentialsReport,
  type EnvironmentReport,
  type ISettings,
  type ISecretsListing,
  type IUiMemory,
  type SectionId,
  type StartFlowRequest,
  type Translate
} from '../core';
import {
  deriveStatus,
  loadingStatus,
  unavailableStatus,
  type Status
} from '../core/status';
import type { IGoogleAuth } from '../tokens';
import {
  authThroughDoor,
  ProfilesThroughDoor,
  projectsThroughDoor,
  SecretsThroughDoor,
  TransferThroughDoor,
  type IDoor
} from './clients';
import { PreparedFlows } from './prepared';

/** Where the UI memory is kept (JupyterLab's state database, or nothing in tests). */
export interface IMemoryStore {
  fetch(): Promise<Partial<IUiMemory> | undefined>;
  save(memory: IUiMemory): Promise<void>;
}

export interface IServiceOptions {
  /** The plain server clients (tests pass fakes). */
  auth: IAuthClient;
  projects: IProjectsApi;
  origin: string;
  translate?: Translate;
  memory?: IMemoryStore;
  /**
   * The safety poll: nothing changes the credentials behind our back but gcloud or ee run
   * elsewhere, which focus and visibility already catch. Each `GET credentials` may cost a
   * token refresh at Google, so it is slow. 0 turns it off (tests).
   */
  safetyPollMs?: number;
  /** A refresh asked by focus closer than this to the last answer is skipped. */
  focusGapMs?: number;
}

/**
 * The shared front-end service behind IGoogleAuth: the state every view renders, the one
 * door every change goes through, and the only place that reads `GET credentials`.
 */
export class GoogleAuthService implements IGoogleAuth, IDoor {
  constructor(options: IServiceOptions) {
    this.origin = options.origin;
    this._raw = { auth: options.auth, projects: options.projects };
    this._prepared = new PreparedFlows(options.auth);
    this._tr = options.translate ?? english;
    this._memoryStore = options.memory ?? null;
    this._focusGap = options.focusGapMs ?? 10_000;
    this._status = loadingStatus(this._tr);
    this.api = {
      auth: authThroughDoor(options.auth, this, this._prepared),
      projects: projectsThroughDoor(options.projects, this),
      transfer: new TransferThroughDoor(this),
      secrets: new SecretsThroughDoor(this),
      profiles: new ProfilesThroughDoor(this)
    };
    const safety = options.safetyPollMs ?? 10 * 60_000;
    this._poll =
      safety > 0
        ? new Poll({
            name: 'jupyterlab-google-auth:safety',
            auto: false,
            factory: () => this.refresh(),
            frequency: { interval: safety, backoff: true, max: 3 * safety },
            standby: 'when-hidden'
          })
        : null;
  }

  readonly origin: string;
  readonly api: {
    readonly auth: IAuthClient;
    readonly projects: IProjectsApi;
    readonly transfer: TransferClient;
    readonly secrets: SecretsClient;
    readonly profiles: ProfilesClient;
  };

  get changed(): Signal<this, ChangeCause> {
    return this._changed;
  }
  get credentials(): CredentialsReport | null {
    return this._credentials;
  }
  get status(): Status {
    return this._status;
  }
  get environment(): EnvironmentReport | null {
    return this._environment;
  }
  get environmentError(): Error | null {
    return this._environmentError;
  }
  get customClient(): CustomClientInfo | null | undefined {
    return this._customClient;
  }
  get known(): Promise<void> {
    return this._known;
  }
  get settings(): ISettings {
    return this._settings;
  }
  get settingsLoaded(): Promise<void> {
    return this._settingsLoaded.promise;
  }
  get userSetSections(): boolean {
    return this._userSetSections;
  }
  get memory(): IUiMemory {
    return this._memory;
  }

  /**
   * Reads everything once, after JupyterLab has started (never during its start-up): the
   * credentials, the environment for this origin and the custom client, in parallel.
   */
  start(): Promise<void> {
    if (!this._started) {
      this._started = true;
      void this._loadMemory();
      // The poll's first tick is the first read; without a poll, one read.
      if (this._poll) {
        void this._poll.start();
      } else {
        void this.refresh();
      }
      this._known = Promise.all([
        this._loadEnvironment(false),
        this._loadCustomClient()
      ]).then(() => undefined);
      // The list of profiles: once the policy is known, then after each change that may
      // alter it. One reader for every view (the status item, the menu, the bindings).
      void this._known.then(() => this._listProfiles());
      this._changed.connect((_, cause) => {
        if (PROFILE_LIST_CHANGES.has(cause.kind)) {
          void this._known.then(() => this._listProfiles());
        }
      });
    }
    return this._known;
  }

  /** Applies the settings registry's composite; emits `settings`. */
  applySettings(settings: ISettings, userSetSections: boolean): void {
    this._settings = settings;
    this._userSetSections = userSetSections;
    this._settingsLoaded.resolve();
    this._changed.emit({ kind: 'settings' });
  }

  rememberSection(id: SectionId, open: boolean): void {
    this._saveMemory({
      ...this._memory,
      sections: { ...this._memory.sections, [id]: open }
    });
  }

  rememberMode(mode: string): void {
    this._saveMemory({ ...this._memory, mode });
  }

  prepareFlow(request: StartFlowRequest): void {
    this._prepared.prepare(request);
  }

  preparedConsentUrl(request: StartFlowRequest): string | null {
    return this._prepared.consentUrl(request);
  }

  get secrets(): ISecretsListing | null {
    return this._secrets;
  }

  /**
   * The profiles of this home as `GET profiles` last listed them; null when they are not
   * listed (turned off, the server away, not read yet). A visitor's list is empty.
   */
  get profiles(): ProfilesList | null {
    return this._profiles;
  }

  profilesAre(list: ProfilesList | null): void {
    if (JSON.stringify(list) !== JSON.stringify(this._profiles)) {
      this._profiles = list;
      this._changed.emit({ kind: 'profiles-listed' });
    }
  }

  /** Reads the list of profiles again (where the administrator offers them). */
  private async _listProfiles(): Promise<void> {
    if (this.environment?.policy?.allow_profiles === false) {
      this.profilesAre(null);
      return;
    }
    try {
      await this.api.profiles.list(); // through the door: `profilesAre`
    } catch {
      this.profilesAre(null); // turned off, or the server is away
    }
  }

  secretsAre(listing: ISecretsListing): ISecretsListing {
    if (JSON.stringify(listing) !== JSON.stringify(this._secrets)) {
      this._secrets = listing;
      this._changed.emit({ kind: 'secrets-changed' });
    }
    return listing;
  }

  customClientIs(info: CustomClientInfo): void {
    this._customClient = info;
    this._changed.emit({ kind: 'custom-client' });
  }

  report(cause: ChangeCause, known?: CredentialsReport): Promise<void> {
    if (known && CREDENTIAL_CHANGES.has(cause.kind)) {
      // The route that made the change answered the new report: no second request.
      this._apply(known);
      this._changed.emit(cause);
      return Promise.resolve();
    }
    if (cause.kind === 'custom-client') {
      return this._loadCustomClient().then(() => this._changed.emit(cause));
    }
    if (!CREDENTIAL_CHANGES.has(cause.kind)) {
      this._changed.emit(cause);
      return Promise.resolve();
    }
    this._pending.push(cause);
    return this._reader.request();
  }

  async recheckEnvironment(): Promise<void> {
    await this._loadEnvironment(true);
    // The re-probe may have found other credentials (a metadata server).
    await this.report({ kind: 'environment-rechecked' });
  }

  refresh(): Promise<void> {
    return this._reader.request();
  }

  /** A refresh on focus or visibility, skipped when the last answer is fresh. */
  refreshOnFocus(): void {
    if (Date.now() - this._answeredAt >= this._focusGap) {
      void this.refresh();
    }
  }

  async currentCredentials(): Promise<CredentialsReport> {
    // A read in flight (a change just reported) answers for this caller too.
    await this._reader.idle();
    if (!this._credentials) {
      await this.refresh();
    }
    if (!this._credentials) {
      throw this._lastError ?? new Error('The credentials could not be read.');
    }
    return this._credentials;
  }

  async currentEnvironment(refresh: boolean): Promise<EnvironmentReport> {
    if (refresh || !this._environment) {
      await this._loadEnvironment(refresh);
    }
    if (!this._environment) {
      throw this._environmentError ?? new Error('No environment report.');
    }
    return this._environment;
  }

  async currentCustomClient(): Promise<CustomClientInfo> {
    if (this._customClient === undefined) {
      await this._loadCustomClient();
    }
    return this._customClient ?? { configured: false, source: null };
  }

  /** No settings registry, or it failed: the defaults are final. */
  settingsUnavailable(): void {
    this._settingsLoaded.resolve();
  }

  dispose(): void {
    this._prepared.drop();
    this._poll?.dispose();
    Signal.clearData(this);
  }

  /** One `GET credentials` for every change reported since the last one, then the causes. */
  private async _read(): Promise<void> {
    const causes = this._pending.splice(0);
    const first = this._answeredAt === 0;
    const before = { identity: this._identity, text: this._statusText() };
    const applied = this._applied;
    try {
      const report = await this._raw.projects.credentials();
      // A report answered directly by a change made meanwhile is newer than this read.
      if (this._applied === applied) {
        this._apply(report);
      }
    } catch (error) {
      this._lastError =
        error instanceof Error ? error : new Error(String(error));
      this._status = unavailableStatus(this._lastError.message, this._tr);
    }
    this._answeredAt = Date.now();
    this._identity = identityOf(this._credentials);
    for (const cause of causes) {
      this._changed.emit(cause);
    }
    if (causes.length > 0) {
      return; // they explain what changed
    }
    if (first) {
      this._changed.emit({ kind: 'loaded' });
    } else if (this._identity !== before.identity) {
      this._changed.emit({ kind: 'noticed' });
    } else if (this._statusText() !== before.text) {
      this._changed.emit({ kind: 'refreshed' });
    }
  }

  private _apply(report: CredentialsReport): void {
    this._applied++;
    this._credentials = report;
    this._status = deriveStatus(report, this._tr);
    this._lastError = null;
    this._answeredAt = Date.now();
    this._identity = identityOf(report);
  }

  private _statusText(): string {
    return `${this._status.state}|${this._status.text}|${this._status.title}`;
  }

  private async _loadEnvironment(refresh: boolean): Promise<void> {
    try {
      this._environment = await this._raw.auth.environment(this.origin, {
        refresh
      });
      this._environmentError = null;
    } catch (error) {
      this._environmentError =
        error instanceof Error ? error : new Error(String(error));
    }
  }

  private async _loadCustomClient(): Promise<void> {
    try {
      this._customClient = await this._raw.auth.customClient();
    } catch {
      this._customClient = null;
    }
  }

  private async _loadMemory(): Promise<void> {
    try {
      const stored = await this._memoryStore?.fetch();
      if (stored) {
        this._memory = {
          sections: { ...(stored.sections ?? {}) },
          mode: typeof stored.mode === 'string' ? stored.mode : null
        };
      }
    } catch {
      // Nothing remembered: the settings' defaults apply.
    }
  }

  private _saveMemory(memory: IUiMemory): void {
    this._memory = memory;
    void this._memoryStore?.save(memory).catch(() => undefined);
  }

  private readonly _raw: { auth: IAuthClient; projects: IProjectsApi };
  private readonly _prepared: PreparedFlows;
  private readonly _tr: Translate;
  private readonly _memoryStore: IMemoryStore | null;
  private readonly _focusGap: number;
  private readonly _poll: Poll | null;
  private readonly _changed = new Signal<this, ChangeCause>(this);
  private readonly _reader = new LatestRunner(() => this._read());
  private readonly _pending: ChangeCause[] = [];
  private _started = false;
  private _known: Promise<void> = Promise.resolve();
  private _credentials: CredentialsReport | null = null;
  private _status: Status;
  private _lastError: Error | null = null;
  private _identity = identityOf(null);
  /** Reports applied so far: a read that started before the last one is stale. */
  private _applied = 0;
  private _answeredAt = 0;
  private _environment: EnvironmentReport | null = null;
  private _environmentError: Error | null = null;
  private _customClient: CustomClientInfo | null | undefined = undefined;
  private _secrets: ISecretsListing | null = null;
  private _profiles: ProfilesList | null = null;
  private _settings: ISettings = DEFAULT_SETTINGS;
  private _userSetSections = false;
  private readonly _settingsLoaded = new PromiseDelegate<void>();
  private _memory: IUiMemory = EMPTY_MEMORY;
}
