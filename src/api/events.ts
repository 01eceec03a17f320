import { Signal } from '@lumino/signaling';

/**
 * Raised whenever credentials or the chosen project may have changed on the kernel host
 * (a flow ended, a project was chosen, the user signed out), so every view refreshes at once
 * instead of waiting for its next poll. All plugins of this extension share the one module.
 */
class CredentialEvents {
  readonly changed = new Signal<this, string>(this);

  /** `reason` is for debugging only, e.g. "flow-succeeded", "project-set", "signed-out". */
  emit(reason: string): void {
    this.changed.emit(reason);
  }
}

export const credentialEvents = new CredentialEvents();
