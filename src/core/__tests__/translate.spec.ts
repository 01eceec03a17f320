import { english, parsePastedInput, parseScopes, type Translate } from '..';
import { deriveStatus } from '../status';
import type { CredentialsReport } from '../types';

/** A "language" that marks every message, to see which sentences went through it. */
const marked: Translate = (msgid, ...args) => `«${english(msgid, ...args)}»`;

const signedOut: CredentialsReport = {
  sources: [],
  used_by: { earthengine: null, google_auth: null },
  projects: { earthengine: null, google_auth: null },
  paths: { earthengine: '', adc: '' }
} as unknown as CredentialsReport;

describe('sentences built in src/core go through the translator', () => {
  it('fills placeholders as JupyterLab does', () => {
    expect(english('%1 · %2', 'a', 3)).toBe('a · 3');
    expect(english('100%', 'x')).toBe('100%');
  });

  it('status texts', () => {
    const status = deriveStatus(signedOut, marked);
    expect(status.text).toBe('«Google: signed out»');
    expect(status.title.startsWith('«No Google credentials')).toBe(true);
  });

  it('paste and scope messages, with their numbers inside one message', () => {
    const long = parsePastedInput('x'.repeat(5000), 'code', marked);
    expect(long.kind === 'error' && long.message).toMatch(
      /^«That is 5000 characters; .*»$/
    );
    const scopes = parseScopes('javascript:alert', marked);
    expect(!scopes.ok && scopes.message).toMatch(
      /^«“javascript:alert” is not a Google/
    );
  });
});
