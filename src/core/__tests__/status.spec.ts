import {
  deriveStatus,
  expiresAbout,
  reauthChoice,
  signedInForEarthEngine,
  signInAgain,
  unavailableStatus
} from '../status';
import type { CredentialSource, CredentialsReport, SourceName } from '../types';

function source(
  name: SourceName,
  fields: Partial<CredentialSource> = {}
): CredentialSource {
  return { name, present: false, problems: [], ...fields };
}

const alice: CredentialSource = source('earthengine', {
  present: true,
  type: 'authorized_user',
  account: 'alice@example.com',
  project: 'ee-alice',
  quota_project: 'ee-alice',
  valid: true
});

function report(
  sources: CredentialSource[],
  used: [SourceName | null, SourceName | null],
  projects?: [string | null, string | null]
): CredentialsReport {
  return {
    sources,
    used_by: { earthengine: used[0], google_auth: used[1] },
    ...(projects
      ? { projects: { earthengine: projects[0], google_auth: projects[1] } }
      : {})
  };
}

describe('deriveStatus', () => {
  it('shows account and project for a working sign-in', () => {
    const s = deriveStatus(
      report([alice, source('adc')], ['earthengine', null], ['ee-alice', null])
    );
    expect(s.state).toBe('ok');
    expect(s.text).toBe('alice@example.com · ee-alice');
    expect(s.warning).toBe(false);
    expect(s.title).toContain('ee.Initialize()');
  });

  it('carries a project that cannot work: the reason and the one link that fixes it', () => {
    const unregistered = report(
      [alice, source('adc')],
      ['earthengine', null],
      ['proj-0005', null]
    );
    unregistered.projects!.readiness = {
      project: 'proj-0005',
      earthengine: {
        state: 'unregistered',
        action_url:
          'https://code.earthengine.google.com/register?project=proj-0005',
        note: null
      },
      quota: {
        code: 'quota_permission_missing',
        message: 'The quota project was not set.',
        help: 'Ask for the role.'
      }
    };
    const s = deriveStatus(unregistered);
    expect(s.state).toBe('warning');
    expect(s.warning).toBe(true);
    expect(s.text).toBe('alice@example.com · proj-0005');
    expect(s.title).toContain('not registered for Earth Engine');
    expect(s.fix).toEqual({
      label: 'Register the project for Earth Engine',
      url: 'https://code.earthengine.google.com/register?project=proj-0005'
    });

    // Ready for Earth Engine, but not billable as ADC's quota project: said, no link.
    unregistered.projects!.readiness!.earthengine = {
      state: 'ready',
      action_url: null,
      note: null
    };
    const quota = deriveStatus(unregistered);
    expect(quota.state).toBe('warning');
    expect(quota.title).toContain(
      'The quota project was not set. Ask for the role.'
    );
    expect(quota.fix).toBeNull();

    // What was learned about another project says nothing about this one.
    unregistered.projects!.readiness!.project = 'other';
    expect(deriveStatus(unregistered).state).toBe('ok');
  });

  it('knows a project nobody chose (the number in the sign-in client id)', () => {
    const r = report(
      [alice, source('adc')],
      ['earthengine', null],
      ['123456789012', null]
    );
    r.projects!.earthengine_from = 'client';
    expect(deriveStatus(r).projectFromClient).toBe(true);
    r.projects!.earthengine_from = 'earthengine';
    expect(deriveStatus(r).projectFromClient).toBe(false);
  });

  it('says signed out when no library finds credentials', () => {
    const s = deriveStatus(report([source('earthengine')], [null, null]));
    expect(s.state).toBe('signed-out');
    expect(s.text).toBe('Google: signed out');
    expect(s.warning).toBe(false);
  });

  it('shows the runtime service account from the metadata server', () => {
    const meta = source('metadata', {
      present: true,
      type: 'service_account',
      account: '123-compute@developer.gserviceaccount.com'
    });
    const s = deriveStatus(
      report([meta], ['metadata', 'metadata'], ['fake-gce-project', null])
    );
    expect(s.state).toBe('ambient');
    expect(s.text).toBe(
      '123-compute@developer.gserviceaccount.com · fake-gce-project'
    );
    expect(s.title).toContain('metadata server');
  });

  it('warns when the credentials are expired or revoked', () => {
    const expired = {
      ...alice,
      valid: false,
      problems: [
        { code: 'invalid_grant', message: 'This sign-in has expired.' }
      ]
    };
    const s = deriveStatus(
      report([expired], ['earthengine', null], [null, null])
    );
    expect(s.state).toBe('expired');
    expect(s.warning).toBe(true);
    expect(s.text).toBe('alice@example.com · sign in again');
    expect(s.title).toContain('This sign-in has expired.');
  });

  it('warns when the file the libraries read is gone', () => {
    const env = source('env', { present: false });
    const s = deriveStatus(report([env], ['env', 'env']));
    expect(s.state).toBe('expired');
    expect(s.warning).toBe(true);
  });

  it('warns when there is no project, with the server’s reason', () => {
    const noProject = {
      ...alice,
      project: null,
      quota_project: null,
      problems: [
        { code: 'no_project', message: 'ee.Initialize() has no project.' }
      ]
    };
    const s = deriveStatus(
      report([noProject], ['earthengine', 'earthengine'], [null, null])
    );
    expect(s.state).toBe('no-project');
    expect(s.text).toBe('alice@example.com · no project');
    expect(s.warning).toBe(true);
    expect(s.title).toContain('ee.Initialize() has no project.');
    expect(s.title).toContain('google.auth.default()');
  });

  it('uses the project the server says ee will use over the file’s', () => {
    const adc = source('adc', {
      present: true,
      type: 'authorized_user',
      account: 'alice@example.com',
      quota_project: 'billing-1'
    });
    const s = deriveStatus(
      report(
        [source('earthengine'), adc],
        ['adc', 'adc'],
        ['billing-1', 'billing-1']
      )
    );
    expect(s.text).toBe('alice@example.com · billing-1');
    expect(s.source).toBe('adc');
  });

  it('falls back to the source’s own project for an older server', () => {
    const s = deriveStatus(report([alice], ['earthengine', null]));
    expect(s.project).toBe('ee-alice');
  });

  it('names a service account without an e-mail, and flags problems', () => {
    const sa = source('env', {
      present: true,
      type: 'service_account',
      project: 'sa-project',
      problems: [
        { code: 'world_readable', message: 'The key is world-readable.' }
      ]
    });
    const s = deriveStatus(
      report([sa], ['env', 'env'], ['sa-project', 'sa-project'])
    );
    expect(s.state).toBe('warning');
    expect(s.text).toBe('service account · sa-project');
    expect(s.title).toContain('world-readable');
  });

  it('says when the status cannot be read', () => {
    const s = unavailableStatus('Could not reach the Jupyter server');
    expect(s.state).toBe('unavailable');
    expect(s.warning).toBe(true);
    expect(s.title).toContain('Could not reach');
  });
});

describe('signedInForEarthEngine', () => {
  const report = (
    scopes: string[] | null,
    present = true
  ): CredentialsReport => ({
    sources: [
      {
        name: 'earthengine',
        present,
        type: 'authorized_user',
        account: 'a@example.com',
        scopes,
        valid: true,
        problems: []
      }
    ],
    used_by: { earthengine: 'earthengine', google_auth: null },
    projects: { earthengine: null, google_auth: null }
  });

  it('is true for Earth Engine scopes or unknown scopes only', () => {
    expect(
      signedInForEarthEngine(
        report(['https://www.googleapis.com/auth/earthengine.readonly'])
      )
    ).toBe(true);
    expect(signedInForEarthEngine(report(null))).toBe(true);
    expect(
      signedInForEarthEngine(
        report(['https://www.googleapis.com/auth/cloud-platform'])
      )
    ).toBe(false);
    expect(signedInForEarthEngine(report(null, false))).toBe(false);
  });
});

describe('credential lifetime', () => {
  const issued = {
    issued_at: '2026-01-01T10:00:00Z',
    mode: 'notebook',
    preset: 'earthengine',
    client: 'notebook',
    expires_about: '2026-01-08T10:00:00Z',
    lifetime_note: null
  };
  const report = (fields: Partial<CredentialSource>): CredentialsReport => ({
    sources: [
      {
        name: 'earthengine',
        present: true,
        type: 'authorized_user',
        account: 'a@example.com',
        project: 'ee-a',
        problems: [],
        issued,
        ...fields
      }
    ],
    used_by: { earthengine: 'earthengine', google_auth: null },
    projects: { earthengine: 'ee-a', google_auth: null }
  });

  it('says "expires about" in the tooltip of a working sign-in', () => {
    const status = deriveStatus(report({ valid: true }));
    expect(status.state).toBe('ok');
    expect(status.title).toContain('Expires about 2026-01-08');
    expect(expiresAbout(report({}).sources[0])).toBe('2026-01-08');
    expect(
      deriveStatus(
        report({ valid: true, issued: { ...issued, expires_about: null } })
      ).title
    ).not.toContain('Expires');
  });

  it('offers one "Sign in again" with the same mode and preset', () => {
    expect(signInAgain(report({ valid: true }))).toBeNull();
    expect(
      signInAgain(report({ valid: false, check_error: 'invalid_grant' }))
    ).toEqual({ reason: 'expired', mode: 'notebook', preset: 'earthengine' });
    expect(
      signInAgain(report({ valid: false, check_error: 'reauth_required' }))
    ).toEqual({ reason: 'reauth', mode: 'notebook', preset: 'earthengine' });
    // Nothing recorded (or nonsense): the panel preselects a mode that works here.
    expect(
      signInAgain(
        report({
          valid: false,
          check_error: 'invalid_grant',
          issued: { ...issued, mode: 'telepathy', preset: null }
        })
      )
    ).toEqual({ reason: 'expired', mode: null, preset: null });
    // Other refusals are not fixed by signing in the same way.
    expect(
      signInAgain(report({ valid: false, check_error: 'missing_fields' }))
    ).toBeNull();
  });

  it('reads the reauthenticate arguments strictly', () => {
    expect(reauthChoice({ mode: 'paste-url', preset: 'gemini' })).toEqual({
      mode: 'paste-url',
      preset: 'gemini'
    });
    expect(reauthChoice({ mode: 'ambient', preset: 42 })).toEqual({
      mode: null,
      preset: null
    });
  });
});
