/**
 * The API clients the service hands out: reads of shared state answer from the service (one
 * `GET credentials` per change, whatever the number of views), and every write reports its
 * change through the service's one door, so no caller can forget to.
 */
import {
  SecretsClient,
  ProfilesClient,
  TransferClient,
  type ProfileSignedOut,
  type ProfilesList,
  type ProfileSwitched,
  type CustomClientInfo,
  type IAuthClient,
  type ImportedToken,
  type IProjectsApi,
  type ServiceAccountStored
} from '../api';
import type {
  ChangeCause,
  CredentialsReport,
  EnvironmentReport,
  ISecretsListing,
  SecretAnswer
} from '../core';
import type { PreparedFlows } from './prepared';

/** What the clients need from the service. */
export interface IDoor {
  /** `known`: the new report, when the route that made the change answered it. */
  report(cause: ChangeCause, known?: CredentialsReport): Promise<void>;
  /** Reads the credentials again; emits `noticed` only if they differ. */
  refresh(): Promise<void>;
  /** The newest credentials report (after any change in flight). */
  currentCredentials(): Promise<CredentialsReport>;
  /** The environment for this origin (probed again when `refresh`). */
  currentEnvironment(refresh: boolean): Promise<EnvironmentReport>;
  currentCustomClient(): Promise<CustomClientInfo>;
  /** The server's answer to an upload or removal is the new state: no need to ask again. */
  customClientIs(info: CustomClientInfo): void;
  /** The secret store's newest listing; emits `secrets-changed` when it differs. */
  secretsAre(listing: ISecretsListing): ISecretsListing;
  /** The newest list of profiles (null: not listed); emits `profiles-listed` when it differs. */
  profilesAre(list: ProfilesList | null): void;
}

export function projectsThroughDoor(
  raw: IProjectsApi,
  door: IDoor
): IProjectsApi {
  return {
    credentials: () => door.currentCredentials(),
    listProjects: options => raw.listProjects(options),
    recentProjects: () => raw.recentProjects(),
    services: project => raw.services(project),
    earthEngine: raw.earthEngine
      ? project => raw.earthEngine!(project)
      : undefined,
    setProject: async (project, gcloud) => {
      let result;
      try {
        result = await raw.setProject(project, gcloud);
      } catch (error) {
        // A refusal may still have written part (the Earth Engine file, not the quota
        // project): every view reads what is really there.
        await door.refresh();
        throw error;
      }
      await door.report(
        { kind: 'project-set', project: result.project },
        result.credentials
      );
      return result;
    },
    signOut: async revoke => {
      try {
        return await raw.signOut(revoke);
      } finally {
        // Even a failure may have moved some files: every view looks again.
        await door.report({ kind: 'signed-out' });
      }
    }
  };
}

export function authThroughDoor(
  raw: IAuthClient,
  door: IDoor,
  prepared: PreparedFlows
): IAuthClient {
  return {
    environment: (_origin, options = {}) =>
      door.currentEnvironment(options.refresh ?? false),
    credentials: () => door.currentCredentials(),
    // A flow prepared for this very request (the pointer on Authenticate) is taken as is.
    startFlow: request => prepared.take(request) ?? raw.startFlow(request),
    getFlow: id => raw.getFlow(id),
    completeFlow: (id, body) => raw.completeFlow(id, body),
    cancelFlow: id => raw.cancelFlow(id),
    customClient: () => door.currentCustomClient(),
    uploadCustomClient: async clientSecret => {
      const info = await raw.uploadCustomClient(clientSecret);
      door.customClientIs(info);
      return info;
    },
    removeCustomClient: async () => {
      const info = await raw.removeCustomClient();
      door.customClientIs(info);
      return info;
    },
    storeServiceAccount: async (key): Promise<ServiceAccountStored> => {
      const stored = await raw.storeServiceAccount(key);
      await door.report({ kind: 'key-stored', account: stored.client_email });
      return stored;
    }
  };
}

/**
 * A switch reports `profile-switched` with the report the route answered (every view and
 * kernel follows, as after a sign-in); a profile's sign-out reports `signed-out`; an
 * impersonated profile added reports `profile-added`, a rename or deletion `profiles-changed`
 * (the active identity stays, so nothing else is read again).
 */
export class ProfilesThroughDoor extends ProfilesClient {
  constructor(private readonly door: IDoor) {
    super();
  }

  /** Every listing is the service's `profiles` too, so no view keeps a copy of its own. */
  async list(): Promise<ProfilesList> {
    const answer = await super.list();
    this.door.profilesAre(answer);
    return answer;
  }

  async switchTo(name: string): Promise<ProfileSwitched> {
    const answer = await super.switchTo(name);
    await this.door.report(
      { kind: 'profile-switched', profile: answer.active ?? name },
      answer.credentials
    );
    return answer;
  }

  async impersonate(
    body: Parameters<ProfilesClient['impersonate']>[0]
  ): Promise<ProfilesList & { added: string }> {
    const answer = await super.impersonate(body);
    await this.door.report({ kind: 'profile-added', profile: answer.added });
    return answer;
  }

  async rename(name: string, to: string): Promise<ProfilesList> {
    const answer = await super.rename(name, to);
    await this.door.report({ kind: 'profiles-changed' });
    return answer;
  }

  async remove(name: string): Promise<ProfilesList> {
    const answer = await super.remove(name);
    await this.door.report({ kind: 'profiles-changed' });
    return answer;
  }

  async signOut(name: string, revoke: boolean): Promise<ProfileSignedOut> {
    try {
      const answer = await super.signOut(name, revoke);
      await this.door.report({ kind: 'signed-out' }, answer.credentials);
      return answer;
    } catch (error) {
      await this.door.refresh(); // some files may have moved: every view looks again
      throw error;
    }
  }
}

/** Imports write credentials: they report `token-imported` through the door. */
export class TransferThroughDoor extends TransferClient {
  constructor(private readonly door: IDoor) {
    super();
  }

  async importToken(value: string): Promise<ImportedToken> {
    const imported = await super.importToken(value);
    await this.door.report({ kind: 'token-imported' });
    return imported;
  }

  async importFromEnvironment(): Promise<ImportedToken> {
    const imported = await super.importFromEnvironment();
    await this.door.report({ kind: 'token-imported' });
    return imported;
  }
}

/**
 * The secret store through the door: every answer is the new listing, which the service keeps
 * (and announces as `secrets-changed`) before the caller sees it. The listing carries the
 * grants of the notebook last asked about (the panel's current one), so a write that answers
 * without them is followed by one read for that notebook.
 */
export class SecretsThroughDoor extends SecretsClient {
  constructor(private readonly door: IDoor) {
    super();
  }

  async list(notebook?: string | null): Promise<ISecretsListing> {
    this.notebook = notebook ?? null;
    return this.door.secretsAre(await super.list(this.notebook));
  }

  async add(name: string, value: string, env: boolean) {
    return this.after(await super.add(name, value, env));
  }

  async remove(name: string) {
    return this.after(await super.remove(name));
  }

  async setEnv(name: string, env: boolean) {
    return this.after(await super.setEnv(name, env));
  }

  async check(name: string) {
    return this.after(await super.check(name));
  }

  async grant(notebook: string, name: string, granted: boolean) {
    return this.after(await super.grant(notebook, name, granted));
  }

  async answer(
    requestId: string,
    body: { answer: SecretAnswer; notebook: string; name: string }
  ) {
    const answered = await super.answer(requestId, body);
    if (body.answer === 'allow') {
      await this.list(this.notebook); // a grant was added
    }
    return answered;
  }

  private async after(listing: ISecretsListing): Promise<ISecretsListing> {
    return this.notebook
      ? this.list(this.notebook)
      : this.door.secretsAre(listing);
  }

  private notebook: string | null = null;
}
