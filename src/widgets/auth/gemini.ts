/**
 * The sign-in panel's "Use an API key" for Gemini: one Save that does what the Secrets panel
 * takes four steps for. The key goes into the secret store once (never back to the page),
 * marked "set in kernels"; the server checks it against the model list; a key Google accepts
 * is granted to the panel's notebook, whose kernel then has GEMINI_API_KEY (the server at
 * kernel start, the secrets plugin's sync for a running kernel), so `genai.Client()` works.
 */
import type { SecretsClient } from '../../api';
import { GEMINI_KEY_NAME, type ISecretEntry } from '../../core';

export interface IGeminiKeySaved {
  /** The stored entry: last four characters and the check, never the value. */
  entry: ISecretEntry | null;
  /** Whether the notebook may now read it (false: refused by the check, or no notebook). */
  granted: boolean;
}

export async function saveGeminiKey(
  api: SecretsClient,
  value: string,
  notebook: string | null
): Promise<IGeminiKeySaved> {
  await api.add(GEMINI_KEY_NAME, value.trim(), true);
  const checked = await api.check(GEMINI_KEY_NAME);
  const entry = checked.secrets.find(s => s.name === GEMINI_KEY_NAME) ?? null;
  // A key Google refused reaches no kernel: the message says what to fix first.
  if (!notebook || (entry?.check && entry.check.state !== 'ok')) {
    return { entry, granted: false };
  }
  const listing = await api.grant(notebook, GEMINI_KEY_NAME, true);
  return {
    entry: listing.secrets.find(s => s.name === GEMINI_KEY_NAME) ?? entry,
    granted: true
  };
}
