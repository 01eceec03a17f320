/**
 * Project selection logic, free of JupyterLab: shapes of the projects routes, project id
 * validation, the order of the selector's list, and the code of the ee.Initialize cell.
 */
import type { CredentialsReport } from './types';

/** One project as `GET projects` lists it. */
export interface ProjectSummary {
  project_id: string;
  name: string | null;
  project_number: string | null;
}

export interface ProjectsPage {
  projects: ProjectSummary[];
  next_page_token: string | null;
  account: string | null;
}

export type ServiceStateName = 'ENABLED' | 'DISABLED' | 'UNKNOWN';

export interface ServiceState {
  name: string;
  title: string;
  state: ServiceStateName;
  enable_url: string | null;
  note?: string | null;
}

export interface ProjectServices {
  project: string;
  services: ServiceState[];
}

/** A file written or moved aside by the server. */
export interface FileChange {
  target?: string;
  path: string;
  backup: string | null;
}

/** Whether the ADC quota project was written, and why not (no serviceusage.services.use...). */
export interface QuotaProjectOutcome {
  set: boolean;
  code?: string;
  message?: string;
  help?: string;
}

export interface SetProjectResult {
  project: string;
  files: FileChange[];
  /** Absent from older servers. */
  quota_project?: QuotaProjectOutcome;
  /** The credentials report after the change (so no view asks for it again). */
  credentials?: CredentialsReport;
}

/** What the Earth Engine API says of a project (`GET projects/<id>/earthengine`). */
export type EarthEngineState =
  'ready' | 'disabled' | 'unregistered' | 'denied' | 'unknown';

export interface EarthEngineReadiness {
  project: string;
  state: EarthEngineState;
  /** Enable link (disabled) or registration link (unregistered). */
  action_url: string | null;
  note: string | null;
}

/** The quota project problem to show after a choice, or null when there is none. */
export function quotaProblem(
  result: SetProjectResult
): QuotaProjectOutcome | null {
  const quota = result.quota_project;
  return quota && !quota.set && quota.code ? quota : null;
}

export interface SignOutResult {
  revoked: boolean;
  /** Why Google did not confirm the revocation (the server sends an error body). */
  revoke_error:
    string | { code: string; message: string; help?: string } | null;
  moved: FileChange[];
}

/** The revocation failure in words, or null when there was none. */
export function revokeErrorText(result: SignOutResult): string | null {
  const error = result.revoke_error;
  if (!error) {
    return null;
  }
  if (typeof error === 'string') {
    return error;
  }
  return [error.message, error.help].filter(Boolean).join(' ');
}

/** Cloud's rule for project ids (6 to 30 characters). */
export const PROJECT_ID_PATTERN = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/**
 * Why `text` is not a project id, in words a user can act on, or null when it is one.
 * Specific reasons first: "must be 6 to 30 characters" beats quoting the pattern.
 */
export function projectIdProblem(text: string): string | null {
  const id = text.trim();
  if (!id) {
    return 'Enter a project id.';
  }
  if (PROJECT_ID_PATTERN.test(id)) {
    return null;
  }
  if (/^\d+$/.test(id)) {
    return 'That looks like a project number; enter the project id (e.g. my-project-123).';
  }
  if (/[A-Z]/.test(id)) {
    return 'Project ids use lowercase letters only.';
  }
  if (id.length < 6 || id.length > 30) {
    return 'Project ids are 6 to 30 characters long.';
  }
  if (!/^[a-z]/.test(id)) {
    return 'Project ids start with a lowercase letter.';
  }
  if (/[^a-z0-9-]/.test(id)) {
    return 'Project ids contain only lowercase letters, digits and hyphens.';
  }
  return 'Project ids cannot end with a hyphen.';
}

/** One row of the selector: a listed project, or a recent id the current query matches. */
export interface ProjectEntry {
  project_id: string;
  name: string | null;
  recent: boolean;
}

/** The query as sent to the server and compared with recent ids. */
export function normalizeQuery(query: string): string {
  return query.trim().replace(/\s+/g, ' ');
}

/** Every word of `q` in the project's id or name, in any case (the server's rule too). */
export function matchesQuery(
  entry: { project_id: string; name: string | null },
  q: string
): boolean {
  const text = `${entry.project_id} ${entry.name ?? ''}`.toLowerCase();
  return normalizeQuery(q)
    .toLowerCase()
    .split(' ')
    .every(word => text.includes(word));
}

/**
 * Recent choices first, then the listed projects, each id once, all filtered by the query
 * (substring of id or name, so what is already loaded narrows without waiting for Google).
 * A recent id that is also listed takes the listed name.
 */
export function mergeProjects(
  recent: readonly string[],
  listed: readonly ProjectSummary[],
  query = ''
): ProjectEntry[] {
  const q = normalizeQuery(query);
  const byId = new Map(listed.map(p => [p.project_id, p]));
  const seen = new Set<string>();
  const out: ProjectEntry[] = [];
  for (const id of recent) {
    if (seen.has(id)) {
      continue;
    }
    const entry = { project_id: id, name: byId.get(id)?.name ?? null };
    if (q && !matchesQuery(entry, q)) {
      continue;
    }
    seen.add(id);
    out.push({ ...entry, recent: true });
  }
  for (const p of listed) {
    // Pages loaded for an earlier query narrow at once as the user types on.
    if (!seen.has(p.project_id) && (!q || matchesQuery(p, q))) {
      seen.add(p.project_id);
      out.push({ project_id: p.project_id, name: p.name, recent: false });
    }
  }
  return out;
}

/**
 * For an Earth Engine sign-in: projects known to be ready first, then all the others in their
 * own order, so the preselected row is one that works. A project found not to work does not
 * sink: rows would move under the eyes of a person reading or typing.
 */
export function readyFirst<T extends { project_id: string }>(
  entries: readonly T[],
  readiness: ReadonlyMap<string, { state: EarthEngineState }>
): T[] {
  const isReady = (e: T) => readiness.get(e.project_id)?.state === 'ready';
  return [...entries.filter(isReady), ...entries.filter(e => !isReady(e))];
}

/**
 * The highlighted row after a navigation key, or null when the key is not one; `index` -1
 * means nothing is highlighted yet.
 */
export function moveHighlight(
  index: number,
  key: string,
  length: number,
  pageSize = 10
): number | null {
  if (length === 0) {
    return null;
  }
  const clamp = (i: number) => Math.max(0, Math.min(length - 1, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(index + 1);
    case 'ArrowUp':
      return clamp(index < 0 ? 0 : index - 1);
    case 'PageDown':
      return clamp(index + pageSize);
    case 'PageUp':
      return clamp(index - pageSize);
    case 'Home':
      return 0;
    case 'End':
      return length - 1;
    default:
      return null;
  }
}

/** Ids and numbers that are safe inside a Python string literal. */
const CELL_PROJECT = /^[a-z0-9][a-z0-9-]*$/;

/** The ee.Initialize cell's source for `project`. */
export function eeInitializeCode(project: string): string {
  if (!CELL_PROJECT.test(project)) {
    throw new Error(`Not a project id: ${project}`);
  }
  return `import ee\nee.Initialize(project='${project}')`;
}
