import { ProfilesClient, type ProfilesList } from '../../api';
import type { ChangeCause } from '../../core';
import { GoogleAuthService } from '../GoogleAuthService';

const profile = (name: string, active: boolean) => ({
  name,
  kind: 'user' as const,
  account: `${name}@example.com`,
  project: null,
  active,
  signed_out: false,
  expires_about: null,
  impersonating: null
});

describe('the profiles through the service', () => {
  afterEach(() => jest.restoreAllMocks());

  it('keeps the newest list, the one every view reads, and announces it once', async () => {
    const s = new GoogleAuthService({
      auth: {} as any,
      projects: {} as any,
      origin: 'http://localhost:8888',
      safetyPollMs: 0,
      focusGapMs: 0
    });
    const heard: ChangeCause[] = [];
    s.changed.connect((_, cause) => heard.push(cause));
    const list: ProfilesList = {
      active: 'alice',
      profiles: [profile('alice', true), profile('bob', false)]
    };
    jest.spyOn(ProfilesClient.prototype, 'list').mockResolvedValue(list);
    expect(s.profiles).toBeNull();
    let seenInHandler: ProfilesList | null = null;
    s.changed.connect(() => (seenInHandler = s.profiles));
    await s.api.profiles.list();
    expect(s.profiles).toEqual(list);
    expect(seenInHandler).toEqual(list);
    expect(heard).toEqual([{ kind: 'profiles-listed' }]);
    // The same list again is no change; none at all (turned off, server away) is one.
    await s.api.profiles.list();
    expect(heard).toHaveLength(1);
    s.profilesAre(null);
    expect(s.profiles).toBeNull();
    expect(heard).toHaveLength(2);
  });
});
