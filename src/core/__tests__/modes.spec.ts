import {
  ambientIdentity,
  defaultTargets,
  effectiveClient,
  modeOptions,
  preselectMode,
  userSignInMode,
  type EnvironmentReport
} from '..';

function report(
  cls: EnvironmentReport['class'],
  available: string[],
  recommended: EnvironmentReport['recommended_mode']
): EnvironmentReport {
  const all = [
    'loopback',
    'notebook',
    'paste-url',
    'gcloud',
    'ambient',
    'service-account'
  ];
  return {
    class: cls,
    reasons: [],
    recommended_mode: recommended,
    modes: all.reduce<EnvironmentReport['modes']>((modes, m) => {
      (modes as any)[m] = available.includes(m)
        ? { available: true, reason: null }
        : { available: false, reason: `${m} is not here` };
      return modes;
    }, {}),
    facts: {}
  };
}

const noClient = { customClient: false };

describe('mode choice', () => {
  it('preselects loopback on a local server', () => {
    const r = report(
      'local',
      ['loopback', 'notebook', 'service-account'],
      'loopback'
    );
    expect(preselectMode(r, noClient)).toBe('loopback');
  });

  it('keeps the user’s choice while it is available', () => {
    const r = report('local', ['loopback', 'notebook'], 'loopback');
    expect(preselectMode(r, noClient, 'notebook')).toBe('notebook');
    expect(preselectMode(r, noClient, 'gcloud')).toBe('loopback');
  });

  it('prefers paste-url on a remote server once a custom client exists', () => {
    const r = report('remote', ['notebook', 'service-account'], 'notebook');
    expect(preselectMode(r, noClient)).toBe('notebook');
    expect(preselectMode(r, { customClient: true })).toBe('paste-url');
  });

  it('falls back to the first available mode', () => {
    const r = report('colab-like', ['notebook'], 'ambient');
    expect(preselectMode(r, noClient)).toBe('notebook');
  });

  it('keeps unavailable modes with their reason', () => {
    const options = modeOptions(
      report('remote', ['notebook'], 'notebook'),
      noClient
    );
    expect(options.find(o => o.mode === 'loopback')).toEqual({
      mode: 'loopback',
      available: false,
      reason: 'loopback is not here'
    });
  });

  it('makes paste-url available as soon as a client is uploaded', () => {
    const options = modeOptions(report('remote', ['notebook'], 'notebook'), {
      customClient: true
    });
    expect(options.find(o => o.mode === 'paste-url')).toEqual({
      mode: 'paste-url',
      available: true,
      reason: null
    });
  });

  it('offers a user sign-in instead of ambient', () => {
    const r = report('colab-like', ['ambient', 'notebook'], 'ambient');
    expect(userSignInMode(modeOptions(r, noClient))).toBe('notebook');
  });

  it('knows which client each mode uses', () => {
    expect(effectiveClient('loopback', 'custom')).toBe('custom');
    expect(effectiveClient('notebook', 'custom')).toBe('earthengine');
    expect(effectiveClient('paste-url', 'earthengine')).toBe('custom');
    expect(effectiveClient('gcloud', 'custom')).toBeUndefined();
  });

  it('writes both files for Earth Engine, ADC for the rest', () => {
    expect(defaultTargets('earthengine')).toEqual(['earthengine', 'adc']);
    expect(defaultTargets('gemini')).toEqual(['adc']);
  });

  it('reads the ambient identity from the metadata facts', () => {
    const r = report('colab-like', ['ambient'], 'ambient');
    expect(ambientIdentity(r)).toBeNull();
    r.facts = {
      metadata: { present: true, email: 'sa@x', scopes: ['a'], project_id: 'p' }
    };
    expect(ambientIdentity(r)).toEqual({
      email: 'sa@x',
      scopes: ['a'],
      project: 'p'
    });
  });
});
