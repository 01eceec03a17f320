import {
  buildStartRequest,
  formProblem,
  INITIAL_FORM,
  withScopeChoice
} from '../auth/form';

const origin = 'http://localhost:8888';

describe('sign-in form', () => {
  it('sends a preset, the client the mode allows and the files', () => {
    expect(
      buildStartRequest(INITIAL_FORM, 'paste-url', { origin, force: false })
    ).toEqual({
      mode: 'paste-url',
      origin,
      preset: 'earthengine',
      client: 'custom',
      targets: ['earthengine', 'adc']
    });
    expect(
      buildStartRequest(INITIAL_FORM, 'gcloud', { origin, force: true })
    ).toEqual({
      mode: 'gcloud',
      origin,
      force: true,
      preset: 'earthengine',
      targets: ['earthengine', 'adc']
    });
  });

  it('asks for a new profile only for "Add account"', () => {
    const adding = { origin, force: false, addProfile: true };
    expect(
      buildStartRequest(INITIAL_FORM, 'notebook', adding).add_profile
    ).toBe(true);
    expect(
      'add_profile' in
        buildStartRequest(INITIAL_FORM, 'notebook', { origin, force: false })
    ).toBe(false);
  });

  it('names the profile: a new one, or the one a bound kernel signs into', () => {
    const named = {
      origin,
      force: false,
      addProfile: true,
      profileName: 'bob'
    };
    expect(buildStartRequest(INITIAL_FORM, 'notebook', named)).toMatchObject({
      add_profile: true,
      profile_name: 'bob'
    });
    const bound = buildStartRequest(INITIAL_FORM, 'notebook', {
      origin,
      force: false,
      profileName: 'bob'
    });
    expect(bound.profile_name).toBe('bob');
    expect('add_profile' in bound).toBe(false);
  });

  it('sends custom scopes in full', () => {
    const form = {
      ...INITIAL_FORM,
      scopeChoice: 'custom' as const,
      customScopes: 'cloud-platform email'
    };
    expect(
      buildStartRequest(form, 'loopback', { origin, force: false }).scopes
    ).toEqual([
      'https://www.googleapis.com/auth/cloud-platform',
      'https://www.googleapis.com/auth/userinfo.email'
    ]);
  });

  it('says what is missing before sending', () => {
    expect(formProblem(INITIAL_FORM, 'loopback', false)).toBeNull();
    expect(formProblem(INITIAL_FORM, 'paste-url', false)).toMatch(
      /client_secret/
    );
    expect(
      formProblem({ ...INITIAL_FORM, targets: [] }, 'notebook', false)
    ).toMatch(/at least one file/);
    expect(
      formProblem({ ...INITIAL_FORM, scopeChoice: 'custom' }, 'notebook', false)
    ).toMatch(/Type the scopes/);
  });

  it('follows the preset’s files until the user picks them', () => {
    expect(withScopeChoice(INITIAL_FORM, 'gemini')).toEqual({
      scopeChoice: 'gemini',
      targets: ['adc']
    });
    expect(
      withScopeChoice({ ...INITIAL_FORM, targetsTouched: true }, 'gemini')
    ).toEqual({ scopeChoice: 'gemini' });
  });
});
