/**
 * A notebook bound to a profile (pure: no JupyterLab import). The binding is a profile *name*
 * in the notebook's metadata (`google_auth: {profile}`), never a secret; its kernel then uses
 * that profile (jupyterlab_google_auth/kernel/binding.py). What the status item says about it.
 */
import type { IProfileSummary } from './profiles';
import type { Status } from './status';
import type { Translate } from './translate';

/** The notebook metadata key the binding is stored under. */
export const BINDING_METADATA_KEY = 'google_auth';

/** The profile names the server accepts (profiles/naming.py). */
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$/;

/** The profile a notebook's metadata names, or null (absent or not a usable name). */
export function boundProfileIn(metadata: unknown): string | null {
  if (typeof metadata !== 'object' || metadata === null) {
    return null;
  }
  const name = (metadata as Record<string, unknown>).profile;
  return typeof name === 'string' &&
    PROFILE_NAME.test(name) &&
    !name.endsWith('.')
    ? name
    : null;
}

/** How a notebook's binding stands once its kernel was asked. */
export type BindingState =
  /** The kernel uses the profile. */
  | 'bound'
  /** Not asked yet (no kernel, or it is starting). */
  | 'pending'
  /** This home has no such profile, or it is signed out: the kernel uses the active one. */
  | 'missing'
  /** The administrator turned binding off: the kernel uses the active one. */
  | 'turned-off'
  /** The kernel could not be asked (not Python, the package missing there). */
  | 'failed';

export interface INotebookBinding {
  profile: string;
  state: BindingState;
  /** The kernel's words when it refused. */
  message: string | null;
}

/** Same profile name? The server compares names without case (profiles/naming.py). */
export function sameProfile(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.toLowerCase() === b.toLowerCase();
}

/**
 * The status item for the current notebook: its own account when it is bound to a profile
 * other than the active one (or should be, and is not), else the active account's status.
 */
export function notebookStatus(
  active: Status,
  binding: INotebookBinding | null,
  profiles: readonly IProfileSummary[],
  __: Translate
): Status {
  if (!binding) {
    return active;
  }
  const profile = profiles.find(p => sameProfile(p.name, binding.profile));
  if (binding.state === 'bound' || binding.state === 'pending') {
    if (!profile || profile.active) {
      return active;
    }
    const who = profile.account ?? profile.name;
    // "This notebook" first: a narrow status bar cuts the end of the text, never that.
    const text = profile.project
      ? __('This notebook: %1 · %2', who, profile.project)
      : __('This notebook: %1', who);
    const title = __(
      'This notebook uses the Google profile %1 (%2). Other notebooks use the active account, %3.',
      profile.name,
      who,
      active.account ?? __('none')
    );
    return {
      ...active,
      state: 'ok',
      text,
      title,
      warning: false,
      account: who,
      project: profile.project,
      problem: null,
      fix: null
    };
  }
  if (binding.state === 'failed') {
    return active;
  }
  const text = __('This notebook: %1 not used', binding.profile);
  const title =
    binding.state === 'missing'
      ? __(
          'This notebook uses the Google account profile %1, which this Jupyter does not have (or it is signed out). Its kernel uses the active account, %2, until you sign in as %1.',
          binding.profile,
          active.account ?? __('none')
        )
      : __(
          'This notebook uses the Google account profile %1, but notebook binding is turned off here. Its kernel uses the active account, %2.',
          binding.profile,
          active.account ?? __('none')
        );
  return { ...active, state: 'warning', text, title, warning: true };
}
