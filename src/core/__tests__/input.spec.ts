import { MAX_PASTE_CHARS, parseJsonText, parsePastedInput } from '..';

const CODE = '4/0AeaYSHBx-abc_DEF123';
const REDIRECT = `http://localhost:1/?state=s123&code=${encodeURIComponent(CODE)}&scope=openid`;

describe('parsePastedInput', () => {
  it('takes a bare code, trimmed, for every paste mode', () => {
    expect(parsePastedInput(`  ${CODE}\n`, 'code')).toEqual({
      kind: 'code',
      code: CODE
    });
    expect(parsePastedInput(CODE, 'redirect_url')).toEqual({
      kind: 'code',
      code: CODE
    });
  });

  it('keeps a whole redirected address for paste-url', () => {
    expect(parsePastedInput(` ${REDIRECT} `, 'redirect_url')).toEqual({
      kind: 'redirect_url',
      url: REDIRECT
    });
  });

  it('takes the code out of an address where a code was asked for', () => {
    expect(parsePastedInput(REDIRECT, 'code')).toEqual({
      kind: 'code',
      code: CODE
    });
  });

  it('adds the scheme Chrome hides for a loopback address', () => {
    const bare = REDIRECT.replace('http://', '');
    expect(parsePastedInput(bare, 'redirect_url')).toEqual({
      kind: 'redirect_url',
      url: REDIRECT
    });
  });

  it('turns access_denied into plain words', () => {
    const result = parsePastedInput(
      'http://localhost:1/?error=access_denied&state=s',
      'redirect_url'
    );
    expect(result.kind).toBe('error');
    expect((result as any).message).toMatch(/denied/);
  });

  it('names another OAuth error without inventing a code', () => {
    const result = parsePastedInput(
      'http://127.0.0.1:9/?error=invalid_scope',
      'redirect_url'
    );
    expect(result).toEqual({
      kind: 'error',
      message: expect.stringContaining('invalid_scope')
    });
  });

  it('refuses an address without a code', () => {
    expect(
      parsePastedInput('http://localhost:1/?state=s', 'redirect_url')
    ).toEqual({
      kind: 'error',
      message: expect.stringContaining('no code')
    });
  });

  it('refuses empty, over-long, spaced or odd input', () => {
    expect(parsePastedInput('   ', 'code').kind).toBe('error');
    expect(parsePastedInput('a'.repeat(MAX_PASTE_CHARS + 1), 'code')).toEqual({
      kind: 'error',
      message: expect.stringContaining(`${MAX_PASTE_CHARS}`)
    });
    expect(parsePastedInput('4/0abc def ghi', 'code').kind).toBe('error');
    expect(parsePastedInput('<script>', 'code').kind).toBe('error');
    expect(parsePastedInput('abc', 'code').kind).toBe('error');
    expect(parsePastedInput('http://', 'redirect_url').kind).toBe('error');
  });

  it('says there is nothing to paste in loopback mode', () => {
    expect(parsePastedInput(CODE, 'callback').kind).toBe('error');
  });

  it('never repeats the pasted value in its messages', () => {
    const secret = '4/0secretcodevalue';
    for (const text of [
      `${secret} x`,
      `${secret}<>`,
      'http://x/?state=' + secret
    ]) {
      const result = parsePastedInput(text, 'redirect_url');
      expect(result.kind).toBe('error');
      expect((result as any).message).not.toContain(secret);
    }
  });
});

describe('parseJsonText', () => {
  it('parses an object', () => {
    expect(parseJsonText('{"installed": {}}')).toEqual({
      ok: true,
      value: { installed: {} }
    });
  });

  it('refuses what is too large, not JSON, or not an object', () => {
    expect(parseJsonText('{}', 65 * 1024)).toEqual({
      ok: false,
      message: expect.stringContaining('64 KB')
    });
    const bad = parseJsonText('{"private_key": "-----BEGIN');
    expect(bad.ok).toBe(false);
    expect((bad as any).message).not.toContain('BEGIN');
    expect(parseJsonText('[1]').ok).toBe(false);
    expect(parseJsonText('').ok).toBe(false);
  });
});
