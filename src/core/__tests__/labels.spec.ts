import {
  describeSource,
  describeUsage,
  environmentLabel,
  modeLabel,
  type CredentialSource
} from '..';

const present: CredentialSource = {
  name: 'earthengine',
  present: true,
  type: 'authorized_user',
  account: 'alice@example.com',
  project: 'ee-alice',
  valid: true,
  problems: []
};

describe('labels', () => {
  it('names every environment class and mode in words', () => {
    expect(environmentLabel('local')).toMatch(/loopback/);
    expect(environmentLabel('colab-like')).toMatch(/Google-hosted/);
    expect(modeLabel('notebook')).toMatch(/Notebook Authenticator/);
  });

  it('describes a present, valid source with its account and project', () => {
    expect(describeSource(present)).toBe(
      'alice@example.com · project ee-alice · valid'
    );
  });

  it('says when a source is missing, expired or has problems', () => {
    expect(describeSource({ name: 'adc', present: false, problems: [] })).toBe(
      'not present'
    );
    expect(
      describeSource({
        ...present,
        project: null,
        valid: false,
        problems: [{ code: 'world_readable', message: 'x' }]
      })
    ).toBe('alice@example.com · no project · expired or revoked · 1 problem');
  });

  it('says which source each library will use', () => {
    expect(
      describeUsage({
        sources: [present],
        used_by: { earthengine: 'earthengine', google_auth: null }
      })
    ).toEqual([
      'ee.Initialize() will use the Earth Engine credentials file.',
      'google.auth.default() will find no credentials.'
    ]);
  });
});
