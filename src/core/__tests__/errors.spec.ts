import { explainError, isKnownError } from '..';

const CODES = [
  'access_denied',
  'redirect_uri_mismatch',
  'invalid_grant',
  'invalid_scope',
  'org_internal',
  'admin_policy_enforced',
  'invalid_client',
  'unauthorized_client',
  'state_mismatch',
  'expired',
  'too_many_flows',
  'google_unavailable',
  'gcloud_missing',
  'gcloud_failed',
  'gcloud_hung',
  'bad_key',
  'key_rejected'
];

describe('explainError', () => {
  it.each(CODES)('has plain help for %s', code => {
    expect(isKnownError(code)).toBe(true);
    expect(explainError(code).length).toBeGreaterThan(30);
  });

  it('prefers the server’s help', () => {
    expect(explainError('invalid_grant', 'Ask Bob.')).toBe('Ask Bob.');
    expect(explainError('invalid_grant', '  ')).toMatch(/7 days/);
  });

  it('answers something useful for an unknown code', () => {
    expect(isKnownError('weird')).toBe(false);
    expect(explainError('weird')).toMatch(/Try again/);
  });
});
