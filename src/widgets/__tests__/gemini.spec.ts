import type { SecretsClient } from '../../api';
import {
  geminiKeyOffered,
  type ISecretCheck,
  type ISecretsListing
} from '../../core';
import { saveGeminiKey } from '../auth/gemini';

/** The secret store's routes as the server answers them: listings, never a value. */
function fakeStore(check: ISecretCheck | null) {
  const calls: string[] = [];
  const listing = (granted: string[] = []): ISecretsListing => ({
    secrets: [
      { name: 'GEMINI_API_KEY', set_at: 'now', last4: 'abcd', env: true, check }
    ],
    known: [],
    notebook: { path: '/nb.ipynb', granted }
  });
  const api = {
    add: async (name: string, value: string, env: boolean) => {
      calls.push(`add ${name} ${value} env=${env}`);
      return listing();
    },
    check: async (name: string) => {
      calls.push(`check ${name}`);
      return listing();
    },
    grant: async (notebook: string, name: string, granted: boolean) => {
      calls.push(`grant ${notebook} ${name} ${granted}`);
      return listing([name]);
    }
  } as unknown as SecretsClient;
  return { api, calls };
}

const ok: ISecretCheck = { state: 'ok', message: 'Works.', checked_at: 'now' };

describe('saveGeminiKey', () => {
  it('stores the key set in kernels, checks it, and grants the notebook', async () => {
    const { api, calls } = fakeStore(ok);
    const saved = await saveGeminiKey(api, '  AIzaKey  ', 'work/nb.ipynb');
    expect(calls).toEqual([
      'add GEMINI_API_KEY AIzaKey env=true',
      'check GEMINI_API_KEY',
      'grant work/nb.ipynb GEMINI_API_KEY true'
    ]);
    expect(saved.granted).toBe(true);
    expect(saved.entry?.last4).toBe('abcd');
  });

  it('grants nothing for a key Google refused', async () => {
    const { api, calls } = fakeStore({
      state: 'key_invalid',
      message: 'API key not valid.',
      checked_at: 'now'
    });
    const saved = await saveGeminiKey(api, 'AIzaBad', 'work/nb.ipynb');
    expect(calls.some(c => c.startsWith('grant'))).toBe(false);
    expect(saved).toMatchObject({ granted: false });
    expect(saved.entry?.check?.state).toBe('key_invalid');
  });

  it('grants nothing without a notebook', async () => {
    const { api, calls } = fakeStore(ok);
    expect((await saveGeminiKey(api, 'AIzaKey', null)).granted).toBe(false);
    expect(calls).toHaveLength(2);
  });
});

describe('geminiKeyOffered', () => {
  it('follows the administrator: store off, or names without GEMINI_API_KEY', () => {
    expect(geminiKeyOffered(undefined)).toBe(true);
    const base = {
      presets: [],
      default_preset: 'gemini',
      allow_custom_scopes: true,
      allow_service_account_keys: true,
      allow_token_export: true
    };
    expect(geminiKeyOffered({ ...base, allow_secrets: false })).toBe(false);
    expect(
      geminiKeyOffered({ ...base, allowed_secret_names: ['MAPS_API_KEY'] })
    ).toBe(false);
    expect(
      geminiKeyOffered({ ...base, allowed_secret_names: ['GEMINI_API_KEY'] })
    ).toBe(true);
  });
});
