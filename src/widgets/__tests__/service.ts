/** A real GoogleAuthService over fake clients, for widget tests (no server, no poll). */
import type { IAuthClient, IProjectsApi } from '../../api';
import { GoogleAuthService } from '../../service/GoogleAuthService';

const unused = (name: string) => () =>
  Promise.reject(new Error(`${name} is not part of this test`));

export function serviceFor(
  auth: IAuthClient,
  projects: Partial<IProjectsApi> = {}
): GoogleAuthService {
  const service = new GoogleAuthService({
    auth,
    projects: {
      credentials: () => auth.credentials(),
      listProjects: unused('listProjects'),
      recentProjects: async () => [],
      services: unused('services'),
      setProject: unused('setProject'),
      signOut: unused('signOut'),
      ...projects
    },
    origin: 'http://localhost:8888',
    safetyPollMs: 0
  });
  service.settingsUnavailable();
  void service.start();
  return service;
}
