import type {
  EarthEngineReadiness,
  ProjectServices,
  ProjectsPage,
  SetProjectResult,
  SignOutResult
} from '../core/projects';
import type { CredentialsReport } from '../core/types';
import { jsonInit, requestAPI } from './request';

export interface ListProjectsOptions {
  query?: string;
  pageToken?: string | null;
  pageSize?: number;
}

/**
 * What the status item, the project selector and the commands need from the server. Widgets
 * take this interface, so tests inject a fake instead of a server.
 */
export interface IProjectsApi {
  credentials(): Promise<CredentialsReport>;
  listProjects(options?: ListProjectsOptions): Promise<ProjectsPage>;
  recentProjects(): Promise<string[]>;
  services(project: string): Promise<ProjectServices>;
  /** Optional so older fakes and embedders keep compiling; the selector skips it if absent. */
  earthEngine?(project: string): Promise<EarthEngineReadiness>;
  setProject(project: string, gcloud: boolean): Promise<SetProjectResult>;
  signOut(revoke?: boolean): Promise<SignOutResult>;
}

/** The projects, project and sign-out routes of the server API (docs/ARCHITECTURE.md, "Server API"). */
export class ProjectsClient implements IProjectsApi {
  credentials(): Promise<CredentialsReport> {
    return requestAPI<CredentialsReport>('credentials');
  }

  listProjects(options: ListProjectsOptions = {}): Promise<ProjectsPage> {
    const params = new URLSearchParams();
    params.set('query', options.query ?? '');
    if (options.pageToken) {
      params.set('page_token', options.pageToken);
    }
    if (options.pageSize) {
      params.set('page_size', String(options.pageSize));
    }
    return requestAPI<ProjectsPage>(`projects?${params.toString()}`);
  }

  async recentProjects(): Promise<string[]> {
    const reply = await requestAPI<{ recent: string[] }>('projects/recent');
    return reply.recent ?? [];
  }

  services(project: string): Promise<ProjectServices> {
    return requestAPI<ProjectServices>(
      `projects/${encodeURIComponent(project)}/services`
    );
  }

  earthEngine(project: string): Promise<EarthEngineReadiness> {
    return requestAPI<EarthEngineReadiness>(
      `projects/${encodeURIComponent(project)}/earthengine`
    );
  }

  setProject(project: string, gcloud: boolean): Promise<SetProjectResult> {
    return requestAPI<SetProjectResult>(
      'project',
      jsonInit('PUT', { project, gcloud })
    );
  }

  signOut(revoke = true): Promise<SignOutResult> {
    return requestAPI<SignOutResult>('sign-out', jsonInit('POST', { revoke }));
  }
}
