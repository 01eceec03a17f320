/**
 * What the profiles menu says about each profile (pure: no JupyterLab import). The menu lists
 * them so that switching is two actions: open the menu, choose a profile.
 */
import type { ProfileKind } from './names';
import type { Translate } from './translate';

/** A profile as `GET profiles` lists it (the API's ProfileView adds the impersonation). */
export interface IProfileSummary {
  name: string;
  kind: ProfileKind | null;
  account: string | null;
  project: string | null;
  active: boolean;
  signed_out: boolean;
  /** When Google is expected to end the sign-in (notebook-mode clients: 7 days). */
  expires_about: string | null;
}

/** Sign-ins Google ends within this many days are flagged in the menu. */
export const EXPIRY_WARNING_DAYS = 2;

function kindWords(kind: ProfileKind | null, __: Translate): string | null {
  switch (kind) {
    case 'service-account':
      return __('service account key');
    case 'impersonated':
      return __('acting as a service account');
    case 'ambient':
      return __('runtime account');
    default:
      return null;
  }
}

/** "bob@example.com · bob-ee-project" (the name too, when it differs from the account). */
export function profileLabel(p: IProfileSummary, __: Translate): string {
  const who = p.account ?? p.name;
  const named = p.account && p.account !== p.name ? `${p.name}: ${who}` : who;
  return p.project ? `${named} · ${p.project}` : named;
}

/** The second line: the kind, a signed-out or expiry warning; empty for a plain sign-in. */
export function profileNote(
  p: IProfileSummary,
  __: Translate,
  now: Date = new Date()
): string {
  const parts: string[] = [];
  const kind = kindWords(p.kind, __);
  if (kind) {
    parts.push(kind);
  }
  if (p.signed_out) {
    parts.push(__('signed out'));
  } else if (p.expires_about) {
    const ends = new Date(p.expires_about);
    const days = (ends.getTime() - now.getTime()) / 86_400_000;
    if (days < 0) {
      parts.push(__('sign-in ended: sign in again'));
    } else if (days < EXPIRY_WARNING_DAYS) {
      parts.push(__('sign-in ends %1', ends.toISOString().slice(0, 10)));
    }
  }
  return parts.join(' · ');
}

/** The menu's line for a profile: the label, then its note when it has one. */
export function profileMenuLabel(
  p: IProfileSummary,
  __: Translate,
  now: Date = new Date()
): string {
  const note = profileNote(p, __, now);
  return note ? `${profileLabel(p, __)} — ${note}` : profileLabel(p, __);
}

/** Profiles in menu order: the active one first, then by name. */
export function menuOrder<T extends IProfileSummary>(profiles: T[]): T[] {
  return [...profiles].sort(
    (a, b) =>
      Number(b.active) - Number(a.active) || a.name.localeCompare(b.name)
  );
}

/** The user profile to act from: the active one when it is a signed-in user, else the first. */
export function impersonationSource(
  profiles: IProfileSummary[]
): string | null {
  const users = menuOrder(profiles).filter(
    p => p.kind === 'user' && !p.signed_out
  );
  return users[0]?.name ?? null;
}

/**
 * "Act as a service account…" is offered when the policy allows it and a signed-in user
 * profile exists to act from (a key or the runtime's account cannot impersonate from here).
 */
export function canImpersonate(
  profiles: IProfileSummary[],
  allowed: boolean | undefined
): boolean {
  return allowed !== false && impersonationSource(profiles) !== null;
}
