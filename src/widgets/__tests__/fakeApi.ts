/** An in-memory IProjectsApi: projects like the fake Google's, pages by offset. */
import type { IProjectsApi, ListProjectsOptions } from '../../api/projects';
import type {
  EarthEngineReadiness,
  EarthEngineState,
  ProjectServices,
  ProjectSummary,
  SetProjectResult
} from '../../core/projects';
import type { CredentialsReport } from '../../core/types';

export function generated(count: number): ProjectSummary[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    return {
      project_id: `alice-project-${n}`,
      name: `alice project ${i + 1}`,
      project_number: String(100000000000 + i)
    };
  });
}

export const aliceReport: CredentialsReport = {
  sources: [
    {
      name: 'earthengine',
      present: true,
      type: 'authorized_user',
      account: 'alice@example.com',
      project: 'ee-alice',
      valid: true,
      problems: []
    }
  ],
  used_by: { earthengine: 'earthengine', google_auth: null },
  projects: { earthengine: 'ee-alice', google_auth: null }
};

export class FakeApi implements IProjectsApi {
  projects: ProjectSummary[] = generated(120);
  recent: string[] = [];
  report = aliceReport;
  listCalls: ListProjectsOptions[] = [];
  setCalls: [string, boolean][] = [];
  servicesCalls: string[] = [];
  listError: Error | null = null;
  setError: Error | null = null;
  /** Earth Engine state per project (default: ready). */
  readiness: Record<string, EarthEngineState> = {};
  readinessCalls: string[] = [];
  /** Projects where the account lacks serviceusage.services.use. */
  noQuota: string[] = [];

  async credentials(): Promise<CredentialsReport> {
    return this.report;
  }

  async listProjects(options: ListProjectsOptions = {}) {
    this.listCalls.push(options);
    if (this.listError) {
      throw this.listError;
    }
    const q = (options.query ?? '').toLowerCase();
    const all = this.projects.filter(
      p => !q || p.project_id.includes(q) || (p.name ?? '').includes(q)
    );
    const start = Number(options.pageToken ?? 0);
    const size = options.pageSize ?? 50;
    const end = start + size;
    return {
      projects: all.slice(start, end),
      next_page_token: end < all.length ? String(end) : null,
      account: 'alice@example.com'
    };
  }

  async recentProjects(): Promise<string[]> {
    return this.recent;
  }

  async services(project: string): Promise<ProjectServices> {
    this.servicesCalls.push(project);
    return {
      project,
      services: [
        {
          name: 'earthengine.googleapis.com',
          title: 'Google Earth Engine API',
          state: 'DISABLED',
          enable_url: `https://console.cloud.google.com/apis/library/earthengine.googleapis.com?project=${project}`
        },
        {
          name: 'generativelanguage.googleapis.com',
          title: 'Generative Language API',
          state: 'UNKNOWN',
          enable_url: null,
          note: 'Service Usage was denied.'
        }
      ]
    };
  }

  async earthEngine(project: string): Promise<EarthEngineReadiness> {
    this.readinessCalls.push(project);
    const state = this.readiness[project] ?? 'ready';
    const action_url =
      state === 'unregistered'
        ? `https://code.earthengine.google.com/register?project=${project}`
        : state === 'disabled'
          ? `https://console.cloud.google.com/apis/library/earthengine.googleapis.com?project=${project}`
          : null;
    return { project, state, action_url, note: null };
  }

  async setProject(
    project: string,
    gcloud: boolean
  ): Promise<SetProjectResult> {
    this.setCalls.push([project, gcloud]);
    if (this.setError) {
      throw this.setError;
    }
    if (this.noQuota.includes(project)) {
      return {
        project,
        files: [{ target: 'earthengine', path: '/home/x/ee', backup: null }],
        quota_project: {
          set: false,
          code: 'quota_permission_missing',
          message: `alice@example.com does not have permission serviceusage.services.use on project ${project}.`,
          help: 'Ask a project owner for the Service Usage Consumer role.'
        }
      };
    }
    return {
      project,
      files: [{ target: 'earthengine', path: '/home/x/ee', backup: null }],
      quota_project: { set: true }
    };
  }

  async signOut() {
    return { revoked: true, revoke_error: null, moved: [] };
  }
}
