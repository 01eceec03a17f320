import {
  describeMissing,
  expandScope,
  missingForPreset,
  offeredScopeChoices,
  parseScopes,
  PRESET_SCOPES,
  SCOPE_PREFIX,
  SCOPE_PRESETS,
  shortScope
} from '..';

describe('scope presets', () => {
  it('asks for what ee.Authenticate() asks for', () => {
    expect(PRESET_SCOPES.earthengine.map(shortScope)).toEqual([
      'earthengine',
      'cloud-platform',
      'drive',
      'devstorage.full_control'
    ]);
    expect(PRESET_SCOPES.gemini.map(shortScope)).toEqual([
      'cloud-platform',
      'generative-language.retriever'
    ]);
  });

  it('has a read-only Earth Engine preset with no write scope', () => {
    const scopes = PRESET_SCOPES['earthengine-readonly'].map(shortScope);
    expect(scopes).toContain('earthengine.readonly');
    expect(scopes.every(s => /read/.test(s))).toBe(true);
  });

  it('tells what a VM’s scopes lack for a preset', () => {
    const cloud = [SCOPE_PREFIX + 'cloud-platform'];
    expect(missingForPreset('earthengine', cloud)).toEqual([]);
    expect(missingForPreset('cloud', ['email'])).toEqual([
      SCOPE_PREFIX + 'cloud-platform'
    ]);
    expect(
      missingForPreset('earthengine', [SCOPE_PREFIX + 'userinfo.email'])
    ).toEqual([SCOPE_PREFIX + 'earthengine']);
    expect(
      missingForPreset('earthengine-readonly', ['earthengine.readonly'])
    ).toEqual([]);
    expect(describeMissing('earthengine', ['email'])).toEqual([
      'earthengine or cloud-platform'
    ]);
  });
});

describe('parseScopes', () => {
  it('expands short names and drops duplicates', () => {
    expect(parseScopes('earthengine, openid email earthengine')).toEqual({
      ok: true,
      scopes: [
        SCOPE_PREFIX + 'earthengine',
        'openid',
        SCOPE_PREFIX + 'userinfo.email'
      ]
    });
    expect(expandScope('https://mail.google.com/')).toBe(
      'https://mail.google.com/'
    );
  });

  it('refuses an empty list and non-scopes', () => {
    expect(parseScopes('  ').ok).toBe(false);
    expect(parseScopes('javascript:alert(1)').ok).toBe(false);
    expect(parseScopes('<b>').ok).toBe(false);
  });
});

describe('offeredScopeChoices', () => {
  it('offers everything without a policy', () => {
    expect(offeredScopeChoices()).toEqual([...SCOPE_PRESETS, 'custom']);
  });

  it('keeps only what the administrator allows, in the usual order', () => {
    expect(
      offeredScopeChoices({
        presets: ['cloud', 'gemini'],
        allow_custom_scopes: false
      })
    ).toEqual(['gemini', 'cloud']);
    expect(
      offeredScopeChoices({ presets: ['cloud'], allow_custom_scopes: true })
    ).toEqual(['cloud', 'custom']);
  });
});
