import { isLive, parseCellSignIn } from '../cell';

const ID = '0123456789abcdef0123456789abcdef';
const pending = (changes: Record<string, unknown> = {}) => ({
  version: 1,
  request_id: ID,
  state: 'pending',
  preset: 'earthengine',
  scopes: null,
  targets: null,
  force: false,
  project: null,
  expires_at: 2_000_000_000,
  ...changes
});

describe('parseCellSignIn', () => {
  it('reads a pending request as the kernel writes it', () => {
    expect(
      parseCellSignIn(pending({ force: true, project: 'ee-alice' }))
    ).toEqual({
      state: 'pending',
      requestId: ID,
      preset: 'earthengine',
      scopes: null,
      targets: null,
      force: true,
      project: 'ee-alice',
      profile: null,
      expiresAt: 2_000_000_000_000
    });
  });

  it('names the profile a bound kernel signs into', () => {
    expect(parseCellSignIn(pending({ profile: 'bob' }))).toMatchObject({
      profile: 'bob'
    });
  });

  it('keeps explicit scopes only without a preset, and checks the files', () => {
    const scopes = ['https://www.googleapis.com/auth/earthengine.readonly'];
    expect(parseCellSignIn(pending({ preset: null, scopes }))).toMatchObject({
      preset: null,
      scopes
    });
    expect(parseCellSignIn(pending({ targets: ['adc'] }))).toMatchObject({
      targets: ['adc']
    });
    expect(parseCellSignIn(pending({ targets: ['/etc/passwd'] }))).toBeNull();
  });

  it('refuses what a saved notebook could hold instead', () => {
    for (const bad of [
      null,
      'text',
      [],
      pending({ version: 2 }),
      pending({ request_id: '../x' }),
      pending({ state: 'other' }),
      pending({ expires_at: 'soon' })
    ]) {
      expect(parseCellSignIn(bad)).toBeNull();
    }
  });

  it('reads how a wait ended', () => {
    expect(
      parseCellSignIn({
        version: 1,
        request_id: ID,
        state: 'done',
        account: 'alice@example.com',
        project: 'ee-alice'
      })
    ).toEqual({
      state: 'done',
      requestId: ID,
      account: 'alice@example.com',
      project: 'ee-alice'
    });
    expect(
      parseCellSignIn({
        version: 1,
        request_id: ID,
        state: 'ended',
        reason: 'timeout'
      })
    ).toEqual({
      state: 'ended',
      requestId: ID,
      reason: 'timeout',
      message: ''
    });
  });
});

describe('isLive', () => {
  const request = parseCellSignIn(pending({ expires_at: 1000 }));
  it('is live only for trusted output before its deadline', () => {
    if (request?.state !== 'pending') {
      throw new Error('not pending');
    }
    expect(isLive(request, true, 999_000)).toBe(true);
    expect(isLive(request, false, 999_000)).toBe(false);
    expect(isLive(request, true, 1_000_001)).toBe(false);
  });
});
