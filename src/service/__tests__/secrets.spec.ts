import { SecretsClient } from '../../api';
import type { ChangeCause, ISecretsListing } from '../../core';
import { GoogleAuthService } from '../GoogleAuthService';

const entry = (name: string, env = false) => ({
  name,
  set_at: '2026-01-01T00:00:00Z',
  last4: 'abcd',
  env,
  check: null
});

function service(): { service: GoogleAuthService; heard: ChangeCause[] } {
  const s = new GoogleAuthService({
    auth: {} as any,
    projects: {} as any,
    origin: 'http://localhost:8888',
    safetyPollMs: 0,
    focusGapMs: 0
  });
  const heard: ChangeCause[] = [];
  s.changed.connect((_, cause) => heard.push(cause));
  return { service: s, heard };
}

describe('the secret store through the service', () => {
  afterEach(() => jest.restoreAllMocks());

  it('keeps the newest listing and announces it once, before the caller sees it', async () => {
    const { service: s, heard } = service();
    const listing: ISecretsListing = {
      secrets: [entry('GEMINI_API_KEY')],
      known: ['GEMINI_API_KEY']
    };
    jest.spyOn(SecretsClient.prototype, 'add').mockResolvedValue(listing);
    let seenInHandler: ISecretsListing | null = null;
    s.changed.connect(() => (seenInHandler = s.secrets));
    await s.api.secrets.add('GEMINI_API_KEY', 'AIza-value', false);
    expect(s.secrets).toEqual(listing);
    expect(seenInHandler).toEqual(listing);
    expect(heard).toEqual([{ kind: 'secrets-changed' }]);
    // The same listing again is no change.
    s.secretsAre({ ...listing });
    expect(heard).toHaveLength(1);
  });

  it("re-reads the current notebook's grants after a write", async () => {
    const { service: s } = service();
    const list = jest
      .spyOn(SecretsClient.prototype, 'list')
      .mockImplementation(async notebook => ({
        secrets: [entry('GEMINI_API_KEY', true)],
        known: [],
        notebook: { path: `/root/${notebook}`, granted: ['GEMINI_API_KEY'] }
      }));
    jest.spyOn(SecretsClient.prototype, 'setEnv').mockResolvedValue({
      secrets: [entry('GEMINI_API_KEY', true)],
      known: []
    });
    await s.api.secrets.list('work/a.ipynb');
    await s.api.secrets.setEnv('GEMINI_API_KEY', true);
    expect(list).toHaveBeenLastCalledWith('work/a.ipynb');
    expect(s.secrets?.notebook?.granted).toEqual(['GEMINI_API_KEY']);
  });
});
