/**
 * Which sign-in modes the panel offers, which one it preselects, and what each mode lets the
 * user choose (client, targets). Pure: computed from the server's environment report.
 */
import type { ClientKind, FlowMode, Target } from './flows';
import type { ScopeChoice } from './scopes';
import type { EnvironmentReport, SignInMode } from './types';
import { EARTH_ENGINE_PRESETS, FLOW_MODES, SIGN_IN_MODES } from './names';

export interface ModeOption {
  mode: SignInMode;
  available: boolean;
  reason: string | null;
}

export interface ModeContext {
  /** A custom client_secret.json is configured (uploaded now or by an administrator). */
  customClient: boolean;
}

const NO_CLIENT_REASON =
  'Needs your own Desktop OAuth client: upload its client_secret.json below.';

/** Every mode with its availability; the report's reasons, made current for the client. */
export function modeOptions(
  report: EnvironmentReport,
  context: ModeContext
): ModeOption[] {
  return SIGN_IN_MODES.map(mode => {
    const reported = report.modes[mode];
    let available = reported?.available ?? false;
    let reason = available
      ? null
      : (reported?.reason ?? 'Not reported by the server.');
    if (mode === 'paste-url' && !reported?.turned_off) {
      // The report may predate an upload made in this panel (an administrator's "off" stays).
      available = available || context.customClient;
      reason = available ? null : (reported?.reason ?? NO_CLIENT_REASON);
    }
    return { mode, available, reason };
  });
}

/** Without a recommendation: the flows in the server's order, then a key upload. */
const FALLBACK_ORDER: readonly SignInMode[] = [
  ...FLOW_MODES,
  'service-account'
];

/**
 * The mode to preselect: the user's earlier choice while it stays available, else the
 * server’s recommendation (on a remote server with a custom client, paste-url: see
 * docs/ARCHITECTURE.md), else the first available mode.
 */
export function preselectMode(
  report: EnvironmentReport,
  context: ModeContext,
  previous?: SignInMode | null
): SignInMode {
  const options = modeOptions(report, context);
  const available = (mode: SignInMode) =>
    options.some(o => o.mode === mode && o.available);
  if (previous && available(previous)) {
    return previous;
  }
  if (
    report.class === 'remote' &&
    context.customClient &&
    available('paste-url')
  ) {
    return 'paste-url';
  }
  if (report.recommended_mode && available(report.recommended_mode)) {
    return report.recommended_mode;
  }
  return (
    FALLBACK_ORDER.find(available) ?? report.recommended_mode ?? 'notebook'
  );
}

/** The user sign-in to offer when ambient credentials fall short. */
export function userSignInMode(options: ModeOption[]): FlowMode | null {
  return (
    FLOW_MODES.find(mode =>
      options.some(o => o.mode === mode && o.available)
    ) ?? null
  );
}

export function isFlowMode(
  mode: SignInMode | null | undefined
): mode is FlowMode {
  return (
    mode === 'loopback' ||
    mode === 'notebook' ||
    mode === 'paste-url' ||
    mode === 'gcloud'
  );
}

/**
 * OAuth clients a mode can use: Earth Engine's Notebook Authenticator hands out its own,
 * paste-url exists for a custom client, gcloud brings its own, loopback takes either.
 */
export function clientsFor(mode: SignInMode): ClientKind[] {
  switch (mode) {
    case 'loopback':
      return ['earthengine', 'custom'];
    case 'notebook':
      return ['earthengine'];
    case 'paste-url':
      return ['custom'];
    default:
      return [];
  }
}

/** The client to send for a mode, given what the user picked. */
export function effectiveClient(
  mode: SignInMode,
  picked: ClientKind
): ClientKind | undefined {
  const allowed = clientsFor(mode);
  if (allowed.length === 0) {
    return undefined;
  }
  return allowed.includes(picked) ? picked : allowed[0];
}

/** Files to write by default: both for Earth Engine scopes (ee reads its own file first). */
export function defaultTargets(choice: ScopeChoice): Target[] {
  return (EARTH_ENGINE_PRESETS as readonly string[]).includes(choice)
    ? ['earthengine', 'adc']
    : ['adc'];
}

/** Every user sign-in writes the chosen files (gcloud's own ADC stays in a private temp dir). */
export function modeTakesTargets(mode: SignInMode): boolean {
  return isFlowMode(mode);
}

export interface AmbientIdentity {
  email: string | null;
  scopes: string[];
  project: string | null;
}

/** The runtime's service account from the report's metadata facts, or null when none. */
export function ambientIdentity(
  report: EnvironmentReport
): AmbientIdentity | null {
  const md = report.facts['metadata'] as
    | {
        present?: boolean;
        email?: string | null;
        scopes?: string[] | null;
        project_id?: string | null;
      }
    | undefined;
  if (!md || !md.present) {
    return null;
  }
  return {
    email: md.email ?? null,
    scopes: Array.isArray(md.scopes) ? md.scopes : [],
    project: md.project_id ?? null
  };
}
