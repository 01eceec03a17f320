import {
  canImpersonate,
  english,
  impersonationSource,
  readImpersonation,
  statusParts,
  type IProfileSummary
} from '..';

const SA = 'pipeline@ee-alice.iam.gserviceaccount.com';
const fields = (over: Partial<Record<string, string>> = {}) => ({
  serviceAccount: SA,
  delegates: '',
  name: '',
  ...over
});

describe('the impersonation form', () => {
  it('sends the trimmed e-mail, the delegates as a list and the name only when given', () => {
    expect(
      readImpersonation(fields({ serviceAccount: ` ${SA} ` }), english)
    ).toEqual({
      ok: true,
      request: { service_account: SA, delegates: [] }
    });
    const chained = readImpersonation(
      fields({
        delegates: 'a@p.iam.gserviceaccount.com, b@p.iam.gserviceaccount.com',
        name: 'pipeline'
      }),
      english
    );
    expect(chained).toEqual({
      ok: true,
      request: {
        service_account: SA,
        delegates: [
          'a@p.iam.gserviceaccount.com',
          'b@p.iam.gserviceaccount.com'
        ],
        name: 'pipeline'
      }
    });
  });

  it('names the field to fix', () => {
    const empty = readImpersonation(fields({ serviceAccount: '' }), english);
    expect(empty).toMatchObject({ ok: false, field: 'serviceAccount' });
    const delegate = readImpersonation(
      fields({ delegates: 'not-an-email' }),
      english
    );
    expect(delegate).toMatchObject({ ok: false, field: 'delegates' });
    expect(!delegate.ok && delegate.message).toContain('"not-an-email"');
    const many = Array.from(
      { length: 11 },
      (_, i) => `d${i}@p.iam.gserviceaccount.com`
    );
    expect(
      readImpersonation(fields({ delegates: many.join(',') }), english)
    ).toMatchObject({
      ok: false,
      field: 'delegates'
    });
    for (const name of [
      '../x',
      '.hidden',
      'impersonate',
      'ends.',
      'a'.repeat(65)
    ]) {
      expect(readImpersonation(fields({ name }), english)).toMatchObject({
        ok: false,
        field: 'name'
      });
    }
  });
});

describe('who may act as a service account', () => {
  const user: IProfileSummary = {
    name: 'alice@example.com',
    kind: 'user',
    account: 'alice@example.com',
    project: 'ee-alice',
    active: false,
    signed_out: false,
    expires_about: null
  };
  const key = {
    ...user,
    name: 'key',
    kind: 'service-account' as const,
    active: true
  };

  it('acts from a signed-in user profile, the active one first', () => {
    expect(impersonationSource([key, user])).toBe('alice@example.com');
    const bob = { ...user, name: 'bob@example.com', active: true };
    expect(impersonationSource([user, bob])).toBe('bob@example.com');
    expect(
      impersonationSource([key, { ...user, signed_out: true }])
    ).toBeNull();
  });

  it('is offered only when the policy allows it and a user profile exists', () => {
    expect(canImpersonate([user], undefined)).toBe(true);
    expect(canImpersonate([user], false)).toBe(false);
    expect(canImpersonate([key], true)).toBe(false);
  });
});

describe('the status item parts', () => {
  it('splits where the account ends', () => {
    expect(
      statusParts('alice@example.com · ee-alice', 'alice@example.com')
    ).toEqual({
      account: 'alice@example.com',
      project: 'ee-alice'
    });
    expect(
      statusParts('alice@example.com · no project', 'alice@example.com')
        ?.project
    ).toBe('no project');
  });

  it('keeps one target without an account or a second part', () => {
    expect(statusParts('Google: signed out', null)).toBeNull();
    expect(statusParts('alice@example.com', 'alice@example.com')).toBeNull();
    expect(statusParts('Google: checking', 'alice@example.com')).toBeNull();
  });
});
