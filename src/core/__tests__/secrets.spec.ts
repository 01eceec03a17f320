import { isLive } from '../cell';
import {
  parseSecretRequest,
  secretNameProblem,
  type ISecretRequest
} from '../secrets';

const ID = '0123456789abcdef0123456789abcdef';

describe('the prompt bundle of userdata.get', () => {
  it('reads a pending request and its deadline', () => {
    const parsed = parseSecretRequest({
      version: 1,
      request_id: ID,
      state: 'pending',
      name: 'GEMINI_API_KEY',
      notebook: '/srv/work/a.ipynb',
      expires_at: 100
    });
    expect(parsed).toEqual({
      state: 'pending',
      requestId: ID,
      name: 'GEMINI_API_KEY',
      notebook: '/srv/work/a.ipynb',
      expiresAt: 100_000
    });
    const request = parsed as ISecretRequest;
    expect(isLive(request, true, 99_999)).toBe(true);
    expect(isLive(request, true, 100_000)).toBe(false);
    expect(isLive(request, false, 0)).toBe(false); // a saved output
  });

  it('reads how the wait ended', () => {
    expect(
      parseSecretRequest({
        version: 1,
        request_id: ID,
        state: 'denied',
        name: 'GEMINI_API_KEY',
        message: 'Access to GEMINI_API_KEY was denied.'
      })
    ).toEqual({
      state: 'denied',
      requestId: ID,
      name: 'GEMINI_API_KEY',
      message: 'Access to GEMINI_API_KEY was denied.'
    });
  });

  it.each([
    null,
    'text',
    { version: 2, request_id: ID, state: 'pending', name: 'A' },
    { version: 1, request_id: '../x', state: 'denied', name: 'A' },
    { version: 1, request_id: ID, state: 'denied', name: 'lower' },
    { version: 1, request_id: ID, state: 'pending', name: 'A' },
    { version: 1, request_id: ID, state: 'granted', name: 'A' }
  ])('refuses what it does not understand: %p', data => {
    expect(parseSecretRequest(data)).toBeNull();
  });
});

describe('secret names', () => {
  it('are environment-variable style, as the server checks', () => {
    expect(secretNameProblem('GEMINI_API_KEY')).toBeNull();
    expect(secretNameProblem('_X1')).toBeNull();
    expect(secretNameProblem('')).toMatch(/Enter a name/);
    expect(secretNameProblem('gemini')).toMatch(/capital letters/);
    expect(secretNameProblem('1KEY')).toMatch(/capital letters/);
  });
});
