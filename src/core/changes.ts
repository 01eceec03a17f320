/**
 * The causes of a change to the credentials on the kernel host, as every view hears them.
 * One typed union instead of free strings, so a listener cannot miss a cause by spelling it
 * differently (see docs/ARCHITECTURE.md, "One door for changes").
 */
import type { CredentialsReport } from './types';

export type ChangeCause =
  /** A sign-in flow ended with files written (any mode, in a panel or a cell's output). */
  | { kind: 'signed-in'; mode: string | null }
  /** Sign out: files moved to backups (and the grant revoked, when Google agreed). */
  | { kind: 'signed-out' }
  /** A project was written (panel step, selector, cell output, palette, a kernel's request). */
  | { kind: 'project-set'; project: string }
  /** A service-account key was stored. */
  | { kind: 'key-stored'; account: string }
  /** A token was imported (EARTHENGINE_TOKEN or a pasted value). */
  | { kind: 'token-imported' }
  /** The custom OAuth client was uploaded or removed. */
  | { kind: 'custom-client' }
  /** The server probed its environment again ("Check again"). */
  | { kind: 'environment-rechecked' }
  /** The first answer about the credentials after JupyterLab started. */
  | { kind: 'loaded' }
  /** A refresh (focus, visibility, the slow safety poll) found other credentials than before. */
  | { kind: 'noticed' }
  /** A refresh found the same credentials in another state (the server unreachable, back). */
  | { kind: 'refreshed' }
  /** The user's settings changed. */
  | { kind: 'settings' }
  /**
   * The secret store changed (a secret added, deleted, checked, marked "set in kernels", a
   * notebook's access granted or revoked): the service's `secrets` listing is the new one.
   */
  | { kind: 'secrets-changed' }
  /** A sign-in was written into a new profile; the active identity did not change. */
  | { kind: 'profile-added'; profile: string }
  /** Another profile became the identity at the standard places (profiles). */
  | { kind: 'profile-switched'; profile: string }
  /** A profile was renamed or deleted; the identity at the standard places did not change. */
  | { kind: 'profiles-changed' }
  /** The service read the list of profiles again and it differs: `profiles` is the new one. */
  | { kind: 'profiles-listed' };

export type ChangeKind = ChangeCause['kind'];

/** Changes after which the list of profiles may differ (the service reads it again). */
export const PROFILE_LIST_CHANGES: ReadonlySet<ChangeKind> =
  new Set<ChangeKind>([
    'loaded',
    'signed-in',
    'signed-out',
    'profile-added',
    'profile-switched',
    'key-stored',
    'token-imported',
    'noticed',
    'profiles-changed'
  ]);

/** Changes after which running kernels must see the new credentials or project. */
export const KERNEL_FOLLOWED: ReadonlySet<ChangeKind> = new Set<ChangeKind>([
  'signed-in',
  'signed-out',
  'project-set',
  'key-stored',
  'token-imported',
  'noticed',
  'profile-switched'
]);

/** Changes after which the credentials report must be read again. */
export const CREDENTIAL_CHANGES: ReadonlySet<ChangeKind> = new Set<ChangeKind>([
  'signed-in',
  'signed-out',
  'project-set',
  'key-stored',
  'token-imported',
  'environment-rechecked',
  'noticed',
  'profile-switched'
]);

/**
 * What a person would call "other credentials": the source the libraries use, its account,
 * its project and whether it works. A refresh that only renews an access token (or reports
 * the same state again) is not a change, so idle refreshes make no view redraw.
 */
export function identityOf(report: CredentialsReport | null): string {
  if (!report) {
    return 'none';
  }
  const used = report.used_by.earthengine ?? report.used_by.google_auth;
  const source = report.sources.find(s => s.name === used);
  return JSON.stringify([
    report.used_by.earthengine,
    report.used_by.google_auth,
    source?.account ?? null,
    source?.valid ?? null,
    source?.check_error ?? null,
    report.projects?.earthengine ?? null,
    report.projects?.google_auth ?? null
  ]);
}

/**
 * Runs `task` for the newest request only: a request made while a run is in progress waits
 * for it, then one more run takes the newest state; requests in between coalesce. A run
 * started with an old state therefore never ends after, and never overwrites, a newer one.
 */
export class LatestRunner {
  constructor(private readonly task: () => Promise<void>) {}

  /** Ask for a run; resolves once a run that started after this call has finished. */
  request(): Promise<void> {
    this.wanted = true;
    if (!this.running) {
      this.running = this.loop();
    }
    return this.running;
  }

  get busy(): boolean {
    return this.running !== null;
  }

  /** Resolves when the runs in progress (and those already asked for) are done; asks none. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async loop(): Promise<void> {
    try {
      while (this.wanted) {
        this.wanted = false;
        try {
          await this.task();
        } catch {
          // A failed run does not stop later ones; the task reports its own errors.
        }
      }
    } finally {
      this.running = null;
    }
  }

  private wanted = false;
  private running: Promise<void> | null = null;
}
