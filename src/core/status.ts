/**
 * What the status item says, derived from a credentials report. The item shows the source the
 * libraries will really use (`used_by`), not merely the first file present.
 */
import { FLOW_MODES, type FlowMode } from './flows';
import { SCOPE_PRESETS, type ScopePreset } from './scopes';
import { english, type Translate } from './translate';
import type { CredentialSource, CredentialsReport, SourceName } from './types';

/** `GET credentials` also names the project each library ends up with. */
export type StatusState =
  | 'loading' // no answer yet
  | 'unavailable' // the server could not be asked
  | 'signed-out'
  | 'ok'
  | 'ambient' // the runtime's service account (metadata server)
  | 'expired' // refresh refused, or the file the libraries read is broken
  | 'no-project'
  | 'warning'; // works, but the source reports problems

export interface Status {
  state: StatusState;
  /** Short text for the status bar. */
  text: string;
  /** The longer explanation (tooltip and accessible label). */
  title: string;
  /** Draw attention: the user must act before ee / google.auth work. */
  warning: boolean;
  account: string | null;
  project: string | null;
  source: SourceName | null;
  /** Nobody chose the project: ee takes the number in the OAuth client's id. */
  projectFromClient: boolean;
  /** Why the project cannot work yet (not registered, API off, no permission), if known. */
  problem: string | null;
  /** The one link that fixes it (register, enable), if there is one. */
  fix: { label: string; url: string } | null;
}

const WARNING_STATES: readonly StatusState[] = [
  'unavailable',
  'expired',
  'no-project',
  'warning'
];

function make(
  state: StatusState,
  text: string,
  title: string,
  rest: Partial<
    Pick<
      Status,
      'account' | 'project' | 'source' | 'problem' | 'fix' | 'projectFromClient'
    >
  > = {}
): Status {
  return {
    state,
    text,
    title,
    warning: WARNING_STATES.includes(state),
    account: rest.account ?? null,
    project: rest.project ?? null,
    source: rest.source ?? null,
    projectFromClient: rest.projectFromClient ?? false,
    problem: rest.problem ?? null,
    fix: rest.fix ?? null
  };
}

export function loadingStatus(tr: Translate = english): Status {
  return make(
    'loading',
    tr('Google: …'),
    tr('Checking the credentials on the kernel host…')
  );
}

export const LOADING_STATUS = loadingStatus();

/** The status when `GET credentials` failed. */
export function unavailableStatus(
  message: string,
  tr: Translate = english
): Status {
  return make(
    'unavailable',
    tr('Google: status unavailable'),
    tr('Could not read the credential status: %1', message)
  );
}

/** Which project the chosen source leads to (the server's answer when it gave one). */
function projectOf(
  report: CredentialsReport,
  source: CredentialSource
): string | null {
  const fromServer =
    report.used_by.earthengine !== null
      ? report.projects?.earthengine
      : report.projects?.google_auth;
  if (report.projects) {
    return fromServer ?? null;
  }
  return source.project ?? source.quota_project ?? null;
}

function problemsText(source: CredentialSource): string {
  return source.problems.map(p => p.message).join(' ');
}

export function deriveStatus(
  report: CredentialsReport,
  tr: Translate = english
): Status {
  // ee first: it is what the project selector and the ee.Initialize cell are about.
  const name = report.used_by.earthengine ?? report.used_by.google_auth;
  const source = name ? report.sources.find(s => s.name === name) : undefined;
  if (!name || !source) {
    return make(
      'signed-out',
      tr('Google: signed out'),
      tr(
        'No Google credentials on the kernel host: ee.Initialize() and google.auth.default() will fail. Use Authenticate in a notebook’s toolbar to sign in.'
      )
    );
  }
  const project = projectOf(report, source);
  const account = source.account ?? null;
  const who =
    account ??
    (source.type === 'service_account'
      ? tr('service account')
      : tr('signed in'));
  const projectFromClient =
    name === report.used_by.earthengine &&
    report.projects?.earthengine_from === 'client';
  const rest = { account, project, source: name, projectFromClient };
  const where = tr('Used by %1.', usedBy(report, name, tr));

  if (!source.present || source.valid === false) {
    const why =
      problemsText(source) || tr('The credentials can no longer be used.');
    return make(
      'expired',
      tr('%1 · sign in again', who),
      tr('Credentials expired or invalid. %1 %2', why, where),
      rest
    );
  }
  if (!project) {
    const why =
      problemsText(source) ||
      tr(
        'No project is set, so ee.Initialize() and Cloud APIs cannot bill one.'
      );
    return make(
      'no-project',
      tr('%1 · no project', who),
      tr('%1 Click to select a project. %2', why, where),
      rest
    );
  }
  const text = `${who} · ${project}`;
  if (name === 'metadata') {
    return make(
      'ambient',
      text,
      tr(
        'The runtime’s service account %1 (metadata server), project %2. %3',
        who,
        project,
        where
      ),
      rest
    );
  }
  if (source.problems.length > 0) {
    return make('warning', text, `${problemsText(source)} ${where}`, rest);
  }
  const unready = projectProblem(report, project, tr);
  if (unready) {
    return make('warning', text, `${unready.why} ${where}`, {
      ...rest,
      problem: unready.why,
      fix: unready.fix
    });
  }
  const checked =
    source.valid === true ? '' : tr(' (not checked with Google just now)');
  const expires = expiresAbout(source);
  const lifetime = expires
    ? tr(
        ' Expires about %1: Google ends sign-ins through OAuth clients in testing mode 7 days after they are issued.',
        expires
      )
    : '';
  return make(
    'ok',
    text,
    tr(
      'Signed in as %1%2, project %3.%4 %5',
      who,
      checked,
      project,
      lifetime,
      where
    ),
    rest
  );
}

/**
 * Why ee's project cannot work yet, from what the server learned when it was looked at or
 * chosen (never a new call): not registered, API off, no Earth Engine permission, or no
 * permission to bill it as ADC's quota project. Null when nothing is known to be wrong.
 */
export function projectProblem(
  report: CredentialsReport,
  project: string | null,
  tr: Translate = english
): { why: string; fix: Status['fix'] } | null {
  const known = report.projects?.readiness;
  if (!known || !project || known.project !== project) {
    return null;
  }
  const ee = known.earthengine;
  const link = (label: string) =>
    ee?.action_url ? { label, url: ee.action_url } : null;
  switch (ee?.state) {
    case 'unregistered':
      return {
        why: tr(
          'Project %1 is not registered for Earth Engine, so ee.Initialize() will fail.',
          project
        ),
        fix: link(tr('Register the project for Earth Engine'))
      };
    case 'disabled':
      return {
        why: tr(
          'The Earth Engine API is off in project %1, so ee.Initialize() will fail.',
          project
        ),
        fix: link(tr('Enable the Earth Engine API'))
      };
    case 'denied':
      return {
        why:
          ee.note ??
          tr('This account has no Earth Engine permission in %1.', project),
        fix: null
      };
  }
  if (known.quota) {
    return {
      why: [known.quota.message, known.quota.help].filter(Boolean).join(' '),
      fix: null
    };
  }
  return null;
}

/** The day a stored sign-in ends by Google's rules (YYYY-MM-DD, UTC), or null. */
export function expiresAbout(source: CredentialSource): string | null {
  const when = source.issued?.expires_about;
  return when && /^\d{4}-\d{2}-\d{2}T/.test(when) ? when.slice(0, 10) : null;
}

/** What "Sign in again" repeats, and why it is needed. */
export interface SignInAgain {
  /** Google ended the sign-in (expired or revoked), or the organisation wants a new one. */
  reason: 'expired' | 'reauth';
  /** The recorded mode and preset (null when unknown: the panel preselects). */
  mode: FlowMode | null;
  preset: ScopePreset | null;
}

/** The reauthenticate command's `mode` / `preset` arguments, when they name real ones. */
export function reauthChoice(args: { mode?: unknown; preset?: unknown }): {
  mode: FlowMode | null;
  preset: ScopePreset | null;
} {
  const mode = FLOW_MODES.find(m => m === args.mode) ?? null;
  const preset = SCOPE_PRESETS.find(p => p === args.preset) ?? null;
  return { mode, preset };
}

/**
 * One "Sign in again" action when Google refused the sign-in the libraries use: the same mode
 * and preset as recorded (the panel still offers only modes that work here).
 */
export function signInAgain(report: CredentialsReport): SignInAgain | null {
  const name = report.used_by.earthengine ?? report.used_by.google_auth;
  const source = name ? report.sources.find(s => s.name === name) : undefined;
  if (!source || source.valid !== false) {
    return null;
  }
  const error = source.check_error;
  if (error !== 'invalid_grant' && error !== 'reauth_required') {
    return null;
  }
  return {
    reason: error === 'reauth_required' ? 'reauth' : 'expired',
    ...reauthChoice(source.issued ?? {})
  };
}

function usedBy(
  report: CredentialsReport,
  name: SourceName,
  tr: Translate
): string {
  const users: string[] = [];
  if (report.used_by.earthengine === name) {
    users.push('ee.Initialize()');
  }
  if (report.used_by.google_auth === name) {
    users.push('google.auth.default()');
  }
  return users.length === 2
    ? tr('%1 and %2', users[0], users[1])
    : users.join('');
}

const EARTH_ENGINE_SCOPE = /\/auth\/earthengine(\.readonly)?$/;

/**
 * Whether the credentials ee will use were granted for Earth Engine (the Earth Engine
 * presets): then the project selector says whether each project is ready for it.
 */
export function signedInForEarthEngine(report: CredentialsReport): boolean {
  const name = report.used_by.earthengine;
  const source = name ? report.sources.find(s => s.name === name) : undefined;
  if (!source || !source.present) {
    return false;
  }
  // Unknown scopes (a file without them): ee still uses it, so ask.
  return !source.scopes || source.scopes.some(s => EARTH_ENGINE_SCOPE.test(s));
}

/** The project as the person should read it: chosen, or only the sign-in client's number. */
export function projectWords(
  current: Pick<Status, 'project' | 'projectFromClient'> | null,
  tr: Translate = english
): string {
  if (!current?.project) {
    return tr('No project set yet.');
  }
  return current.projectFromClient
    ? tr(
        'No project chosen yet (ee.Initialize() would use %1, the project of the client you signed in with).',
        current.project
      )
    : tr('Current project: %1.', current.project);
}
