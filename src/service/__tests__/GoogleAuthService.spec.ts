import { ProfilesClient, type IAuthClient, type IProjectsApi } from '../../api';
import {
  LatestRunner,
  type ChangeCause,
  type CredentialsReport
} from '../../core';
import { GoogleAuthService } from '../GoogleAuthService';

function report(project: string | null, account = 'alice@example.com') {
  return {
    sources: [
      {
        name: 'earthengine',
        present: true,
        account,
        valid: true,
        problems: []
      }
    ],
    used_by: { earthengine: 'earthengine', google_auth: null },
    projects: { earthengine: project, google_auth: null }
  } as CredentialsReport;
}

/** A server whose credentials answer is whatever the test last wrote. */
function server() {
  const state = { report: report(null), credentialsCalls: 0 };
  const projects: IProjectsApi = {
    credentials: jest.fn(async () => {
      state.credentialsCalls++;
      return state.report;
    }),
    listProjects: jest.fn(),
    recentProjects: jest.fn(async () => []),
    services: jest.fn(),
    setProject: jest.fn(async (project: string) => {
      state.report = report(project);
      return { project, files: [], quota_project_set: true } as any;
    }),
    signOut: jest.fn(async () => {
      state.report = {
        sources: [],
        used_by: { earthengine: null, google_auth: null }
      };
      return { moved: [], revoked: true } as any;
    })
  };
  const auth = {
    environment: jest.fn(async () => ({ class: 'local' }) as any),
    customClient: jest.fn(async () => ({ configured: false, source: null })),
    storeServiceAccount: jest.fn(async () => ({
      client_email: 'robot@p.iam.gserviceaccount.com',
      project_id: 'p',
      files: [],
      tried: true
    }))
  } as unknown as IAuthClient;
  const service = new GoogleAuthService({
    auth,
    projects,
    origin: 'http://localhost:8888',
    safetyPollMs: 0,
    focusGapMs: 0
  });
  return { state, service, projects, auth };
}

describe('GoogleAuthService', () => {
  it('reads the credentials once per change, however many views listen', async () => {
    const { state, service } = server();
    await service.start();
    await service.refresh();
    const before = state.credentialsCalls;
    const heard: ChangeCause[][] = [[], [], []];
    heard.forEach(list => service.changed.connect((_, c) => list.push(c)));
    await service.api.projects.setProject('ee-alice', false);
    expect(state.credentialsCalls - before).toBe(1);
    for (const list of heard) {
      expect(list).toEqual([{ kind: 'project-set', project: 'ee-alice' }]);
    }
    expect(service.status.project).toBe('ee-alice');
  });

  it('has the new state in place when a view hears the change', async () => {
    const { service } = server();
    await service.start();
    const seen: (string | null)[] = [];
    service.changed.connect(() => seen.push(service.status.project));
    await service.api.projects.setProject('ee-bob', false);
    expect(seen).toEqual(['ee-bob']);
  });

  it('coalesces changes made while a read is in flight into one more read', async () => {
    const { state, service } = server();
    await service.start();
    await service.refresh();
    const before = state.credentialsCalls;
    const heard: ChangeCause[] = [];
    service.changed.connect((_, c) => heard.push(c));
    await Promise.all([
      service.report({ kind: 'signed-in', mode: 'loopback' }),
      service.report({ kind: 'token-imported' }),
      service.report({ kind: 'key-stored', account: 'x' })
    ]);
    // The first read started with the first cause; the two others share the next one.
    expect(state.credentialsCalls - before).toBe(2);
    expect(heard.map(c => c.kind)).toEqual([
      'signed-in',
      'token-imported',
      'key-stored'
    ]);
  });

  it('reports a sign-out through the door even when the server refused it', async () => {
    const { service, projects } = server();
    await service.start();
    (projects.signOut as jest.Mock).mockRejectedValueOnce(new Error('boom'));
    const heard: string[] = [];
    service.changed.connect((_, c) => heard.push(c.kind));
    await expect(service.api.projects.signOut(true)).rejects.toThrow('boom');
    expect(heard).toEqual(['signed-out']);
  });

  it('says "noticed" only when a refresh finds other credentials', async () => {
    const { state, service } = server();
    const heard: string[] = [];
    service.changed.connect((_, c) => heard.push(c.kind));
    await service.start();
    await service.refresh();
    expect(heard).toEqual(['loaded']);
    await service.refresh();
    expect(heard).toEqual(['loaded']); // the same credentials: nothing to redraw
    state.report = report('ee-alice', 'bob@example.com');
    await service.refresh();
    expect(heard).toEqual(['loaded', 'noticed']);
  });

  it('answers credentials() from its state instead of asking the server again', async () => {
    const { state, service } = server();
    await service.start();
    await service.refresh();
    const before = state.credentialsCalls;
    await service.api.projects.credentials();
    await service.api.auth.credentials();
    expect(state.credentialsCalls).toBe(before);
  });

  it('stores a key through the door', async () => {
    const { service } = server();
    await service.start();
    const heard: ChangeCause[] = [];
    service.changed.connect((_, c) => heard.push(c));
    await service.api.auth.storeServiceAccount({});
    expect(heard).toEqual([
      { kind: 'key-stored', account: 'robot@p.iam.gserviceaccount.com' }
    ]);
  });
});

describe('LatestRunner', () => {
  it('never runs an old request after a newer one, and coalesces the ones between', async () => {
    let state = 'old';
    const applied: string[] = [];
    let release: () => void = () => undefined;
    const runner = new LatestRunner(async () => {
      const seen = state; // what a follow-up reads when it starts
      await new Promise<void>(resolve => (release = resolve));
      applied.push(seen);
    });
    const first = runner.request();
    state = 'middle';
    void runner.request();
    state = 'new';
    const last = runner.request();
    release();
    await new Promise(resolve => setTimeout(resolve, 0));
    release();
    await Promise.all([first, last]);
    expect(applied).toEqual(['old', 'new']);
  });
});

describe('GoogleAuthService while a change is being read', () => {
  it('lets a view asking for the credentials wait for that read instead of asking again', async () => {
    const { state, service } = server();
    await service.start();
    await service.refresh();
    const before = state.credentialsCalls;
    const change = service.report({ kind: 'signed-in', mode: 'loopback' });
    const report = await service.api.projects.credentials(); // e.g. the project step mounting
    await change;
    expect(state.credentialsCalls - before).toBe(1);
    expect(report).toBe(service.credentials);
  });
});

describe('GoogleAuthService with answers that carry the report', () => {
  it('takes the report a project write answered, without asking again', async () => {
    const { state, service, projects } = server();
    await service.start();
    await service.refresh();
    const before = state.credentialsCalls;
    (projects.setProject as jest.Mock).mockImplementationOnce(
      async (project: string) => ({
        project,
        files: [],
        credentials: report(project)
      })
    );
    await service.api.projects.setProject('ee-carol', false);
    expect(state.credentialsCalls).toBe(before);
    expect(service.status.project).toBe('ee-carol');
  });

  it('never lets a read that started earlier overwrite a report answered later', async () => {
    const { state, service } = server();
    await service.start();
    await service.refresh();
    state.report = report('stale');
    const read = service.refresh(); // in flight: reads "stale"
    await service.report(
      { kind: 'project-set', project: 'fresh' },
      report('fresh')
    );
    await read;
    expect(service.status.project).toBe('fresh');
  });
});

describe('GoogleAuthService and profiles', () => {
  it('announces a switch as profile-switched with the report the switch answered', async () => {
    const { state, service } = server();
    await service.start();
    await service.refresh();
    const before = state.credentialsCalls;
    const heard: ChangeCause[] = [];
    service.changed.connect((_, cause) => heard.push(cause));
    const spy = jest
      .spyOn(ProfilesClient.prototype, 'switchTo')
      .mockImplementation(async () => ({
        active: 'bob@example.com',
        profiles: [],
        credentials: report('bob-ee-project', 'bob@example.com')
      }));
    await service.api.profiles.switchTo('bob@example.com');
    spy.mockRestore();
    expect(heard).toEqual([
      { kind: 'profile-switched', profile: 'bob@example.com' }
    ]);
    expect(state.credentialsCalls).toBe(before); // no second request
    expect(service.status.account).toBe('bob@example.com');
    expect(service.status.project).toBe('bob-ee-project');
  });
});
