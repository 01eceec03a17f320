import { explainError, isKnownError } from '..';

const CODES = ['expired', 'file_too_large', 'network'];

describe('explainError', () => {
  it.each(CODES)('has plain help for the browser’s own %s', code => {
    expect(isKnownError(code)).toBe(true);
    expect(explainError(code).length).toBeGreaterThan(30);
  });

  it('prefers the server’s help', () => {
    expect(explainError('invalid_grant', 'Ask Bob.')).toBe('Ask Bob.');
    expect(explainError('expired', '  ')).toMatch(/Start again/);
  });

  it('answers something useful for an unknown code', () => {
    expect(isKnownError('weird')).toBe(false);
    expect(explainError('weird')).toMatch(/Try again/);
  });

  it('never names a fixed lifetime (the server’s flow_ttl decides it)', () => {
    expect(explainError('expired')).not.toMatch(/minute/);
  });
});
