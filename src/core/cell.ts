/**
 * The cell route's MIME bundle (written by jupyterlab_google_auth/kernel/bundle.py): what a
 * kernel waiting in `authenticate()` asks for, and how its wait ended. Parsed defensively:
 * a saved notebook can hold anything under this MIME type.
 */
import { SCOPE_PRESETS, type ScopePreset } from './scopes';
import { TARGETS, type Target } from './names';

export const SIGNIN_MIME_TYPE = 'application/vnd.google-auth.signin+json';

const REQUEST_ID = /^[0-9a-f]{32}$/;

export interface ICellSignInRequest {
  state: 'pending';
  requestId: string;
  preset: ScopePreset | null;
  scopes: string[] | null;
  targets: Target[] | null;
  force: boolean;
  project: string | null;
  /** The profile the kernel is bound to: the sign-in goes into it. */
  profile: string | null;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface ICellSignInDone {
  state: 'done';
  requestId: string;
  account: string | null;
  project: string | null;
}

export interface ICellSignInEnded {
  state: 'ended';
  requestId: string;
  reason: string;
  message: string;
}

export type CellSignIn =
  ICellSignInRequest | ICellSignInDone | ICellSignInEnded;

const str = (value: unknown): string | null =>
  typeof value === 'string' && value ? value : null;

const strings = (value: unknown): string[] | null =>
  Array.isArray(value) &&
  value.every(v => typeof v === 'string') &&
  value.length
    ? (value as string[])
    : null;

/** The bundle's data, or null when it is not one this version understands. */
export function parseCellSignIn(data: unknown): CellSignIn | null {
  if (typeof data !== 'object' || data === null) {
    return null;
  }
  const d = data as Record<string, unknown>;
  const requestId = str(d.request_id);
  if (d.version !== 1 || !requestId || !REQUEST_ID.test(requestId)) {
    return null;
  }
  switch (d.state) {
    case 'pending': {
      const preset = SCOPE_PRESETS.find(p => p === d.preset) ?? null;
      const targets = strings(d.targets);
      if (
        typeof d.expires_at !== 'number' ||
        (targets && !targets.every(t => TARGETS.includes(t as Target)))
      ) {
        return null;
      }
      return {
        state: 'pending',
        requestId,
        preset,
        scopes: preset ? null : strings(d.scopes),
        targets: targets as Target[] | null,
        force: d.force === true,
        project: str(d.project),
        profile: str(d.profile),
        expiresAt: d.expires_at * 1000
      };
    }
    case 'done':
      return {
        state: 'done',
        requestId,
        account: str(d.account),
        project: str(d.project)
      };
    case 'ended':
      return {
        state: 'ended',
        requestId,
        reason: str(d.reason) ?? 'ended',
        message: str(d.message) ?? ''
      };
    default:
      return null;
  }
}

/**
 * Whether a pending request may still get a live panel: only output this session produced
 * (trusted) and not past its deadline. A notebook reopened later shows a note instead.
 */
export function isLive(
  request: { expiresAt: number },
  trusted: boolean,
  now: number = Date.now()
): boolean {
  return trusted && now < request.expiresAt;
}
