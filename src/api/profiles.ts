import type { CredentialsReport, IProfileSummary } from '../core';
import { jsonInit, requestAPI } from './request';

/** One profile as `GET profiles` describes it (no secret). */
export interface ProfileView extends IProfileSummary {
  impersonating: {
    service_account: string | null;
    delegates: string[];
    source_account: string | null;
  } | null;
}

export interface ProfilesList {
  active: string | null;
  profiles: ProfileView[];
  max_profiles?: number;
  /** A visitor on a shared server: the owner's profiles are not shown. */
  visitor?: boolean;
}

/** A switch answers the new credentials report: the service applies it without a read. */
export interface ProfileSwitched extends ProfilesList {
  credentials: CredentialsReport;
}

export interface ProfileSignedOut extends ProfilesList {
  revoked: boolean;
  credentials: CredentialsReport;
}

const path = (name: string, ...rest: string[]) =>
  ['profiles', encodeURIComponent(name), ...rest].join('/');

/** The profile routes (docs in jupyterlab_google_auth/handlers/profiles.py). */
export class ProfilesClient {
  list(): Promise<ProfilesList> {
    return requestAPI('profiles');
  }

  switchTo(name: string): Promise<ProfileSwitched> {
    return requestAPI(path(name, 'switch'), jsonInit('POST', {}));
  }

  signOut(name: string, revoke: boolean): Promise<ProfileSignedOut> {
    return requestAPI(path(name, 'sign-out'), jsonInit('POST', { revoke }));
  }

  rename(name: string, to: string): Promise<ProfilesList> {
    return requestAPI(path(name), jsonInit('PATCH', { name: to }));
  }

  remove(name: string): Promise<ProfilesList> {
    return requestAPI(path(name), jsonInit('DELETE'));
  }

  impersonate(body: {
    service_account: string;
    delegates?: string[];
    source?: string;
    name?: string;
    project?: string;
  }): Promise<ProfilesList & { added: string }> {
    return requestAPI('profiles/impersonate', jsonInit('POST', body));
  }
}
