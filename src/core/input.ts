/**
 * What the user pasted into the panel: an authorization code, or the whole address Google
 * redirected the browser to. Parsed here so the panel sends the server one clean value and
 * the user hears about a wrong paste before anything leaves the browser. Nothing here logs:
 * a pasted value is a live credential until it is exchanged.
 */
import type { FlowExpects } from './flows';
import { english, type Translate } from './translate';

export const MAX_PASTE_CHARS = 4096;

export type PastedInput =
  | { kind: 'code'; code: string }
  | { kind: 'redirect_url'; url: string }
  | { kind: 'error'; message: string };

// Google's codes look like "4/0AeaYSH…": URL-safe characters and slashes, no spaces.
const CODE = /^[A-Za-z0-9/_\-.~%+]+$/;
const MIN_CODE_CHARS = 8;
// Chrome's address bar may drop the scheme of a loopback address when it is copied by hand.
const BARE_LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?[/?]/i;

const ERROR_WORDS: Record<string, string> = {
  access_denied:
    'Google says access was denied: the consent page was closed with “Cancel” or “Deny”. Start again and choose Allow.'
};

export function parsePastedInput(
  text: string,
  expects: FlowExpects,
  tr: Translate = english
): PastedInput {
  let value = text.trim().replace(/^["'<]+|["'>]+$/g, '');
  if (!value) {
    return error(
      expects === 'redirect_url'
        ? tr('Paste the whole address from the browser’s address bar.')
        : tr('Paste the code shown after you allowed access.')
    );
  }
  if (value.length > MAX_PASTE_CHARS) {
    return error(
      tr(
        'That is %1 characters; a code or address is at most %2. Copy it again.',
        value.length,
        MAX_PASTE_CHARS
      )
    );
  }
  if (expects === 'callback') {
    return error(
      tr('Nothing needs pasting in this mode: the panel updates by itself.')
    );
  }
  if (BARE_LOOPBACK.test(value)) {
    value = `http://${value}`;
  }
  if (/^https?:\/\//i.test(value)) {
    return fromUrl(value, expects, tr);
  }
  if (/\s/.test(value)) {
    return error(
      tr('The code has spaces in it. Copy it again, without any other text.')
    );
  }
  if (!CODE.test(value) || value.length < MIN_CODE_CHARS) {
    return error(
      expects === 'redirect_url'
        ? tr(
            'That is neither an address (starting with http://) nor a code. Copy the whole address from the address bar.'
          )
        : tr(
            'That does not look like an authorization code. Copy the code again.'
          )
    );
  }
  return { kind: 'code', code: value };
}

function fromUrl(
  value: string,
  expects: FlowExpects,
  tr: Translate
): PastedInput {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return error(
      tr('That address is not complete. Copy it again from the address bar.')
    );
  }
  const params = url.searchParams;
  const oauthError = params.get('error');
  if (oauthError) {
    const known = ERROR_WORDS[oauthError];
    return error(
      (known && tr(known)) ??
        tr(
          'Google answered with the error “%1”, so there is no code to use. Start again.',
          oauthError.slice(0, 80)
        )
    );
  }
  const code = params.get('code');
  if (!code) {
    return error(
      tr(
        'That address carries no code. Paste the address of the page Google sent you to after you chose Allow.'
      )
    );
  }
  if (expects === 'code') {
    // A code page's own URL, or a redirect pasted where a code was asked for: take its code.
    return { kind: 'code', code };
  }
  return { kind: 'redirect_url', url: value };
}

function error(message: string): PastedInput {
  return { kind: 'error', message };
}

/** Client files and keys are about 2 kB; the server refuses bodies over 64 KB. */
export const MAX_JSON_FILE_BYTES = 64 * 1024;

export type ParsedJson =
  { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

/** A pasted or uploaded JSON file (client_secret.json, a service-account key). */
export function parseJsonText(
  text: string,
  byteLength?: number,
  tr: Translate = english
): ParsedJson {
  const bytes = byteLength ?? new TextEncoder().encode(text).length;
  if (bytes > MAX_JSON_FILE_BYTES) {
    return {
      ok: false,
      message: tr(
        'That is %1 KB; a key or client file is at most 64 KB. Choose the right file.',
        Math.ceil(bytes / 1024)
      )
    };
  }
  if (!text.trim()) {
    return { ok: false, message: tr('The file is empty.') };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The parser's message may quote the text, which can hold a private key: say less.
    return {
      ok: false,
      message: tr('That is not valid JSON. Upload the file unchanged.')
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: tr('The JSON must be an object ({ … }).') };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
