/**
 * Scope presets (the names in names.ts) and helpers to read a scope list a user typed.
 * The server resolves presets itself; these lists are what the panel shows and checks
 * (e.g. whether a VM's fixed scopes cover a preset).
 */
import { english, type Translate } from './translate';

export const SCOPE_PREFIX = 'https://www.googleapis.com/auth/';

import { PRESETS, type Preset } from './names';

export type ScopePreset = Preset;
export type ScopeChoice = ScopePreset | 'custom';

export const SCOPE_PRESETS: readonly ScopePreset[] = PRESETS;

const full = (name: string): string => SCOPE_PREFIX + name;

export const IDENTITY_SCOPES: readonly string[] = [
  'openid',
  full('userinfo.email')
];

/**
 * The API scopes of each preset (identity scopes come on top where the client allows).
 * Earth Engine is what `ee.Authenticate()` asks for today. The read-only variant swaps each
 * scope for its read-only counterpart and drops Drive: Drive has no read-only scope that ee
 * uses, and reading assets and Cloud Storage needs no Drive access.
 */
export const PRESET_SCOPES: Readonly<Record<ScopePreset, readonly string[]>> = {
  earthengine: [
    full('earthengine'),
    full('cloud-platform'),
    full('drive'),
    full('devstorage.full_control')
  ],
  'earthengine-readonly': [
    full('earthengine.readonly'),
    full('cloud-platform.read-only'),
    full('devstorage.read_only')
  ],
  gemini: [full('cloud-platform'), full('generative-language.retriever')],
  cloud: [full('cloud-platform')]
};

export const PRESET_LABELS: Readonly<Record<ScopeChoice, string>> = {
  earthengine: 'Earth Engine',
  'earthengine-readonly': 'Earth Engine (read-only)',
  gemini: 'Gemini API',
  cloud: 'Google Cloud',
  custom: 'Custom scopes'
};

/**
 * What a token must carry to serve a preset: any one scope of each group. cloud-platform
 * serves the Earth Engine API too, which is why a VM with only cloud-platform is enough.
 */
const PRESET_NEEDS: Readonly<Record<ScopePreset, readonly string[][]>> = {
  earthengine: [[full('earthengine'), full('cloud-platform')]],
  'earthengine-readonly': [
    [
      full('earthengine.readonly'),
      full('earthengine'),
      full('cloud-platform'),
      full('cloud-platform.read-only')
    ]
  ],
  gemini: [[full('cloud-platform'), full('generative-language.retriever')]],
  cloud: [[full('cloud-platform')]]
};

/** Scopes of `needs` (one per unmet group) missing from `granted`; empty when covered. */
export function missingForPreset(
  preset: ScopePreset,
  granted: readonly string[]
): string[] {
  const have = new Set(granted.map(expandScope));
  return PRESET_NEEDS[preset]
    .filter(group => !group.some(scope => have.has(scope)))
    .map(group => group[0]);
}

/** The unmet needs in words, e.g. "earthengine or cloud-platform"; empty when covered. */
export function describeMissing(
  preset: ScopePreset,
  granted: readonly string[]
): string[] {
  const have = new Set(granted.map(expandScope));
  return PRESET_NEEDS[preset]
    .filter(group => !group.some(scope => have.has(scope)))
    .map(group => group.map(shortScope).join(' or '));
}

/** Short names as Google accepts them ("email", "earthengine") in their full form. */
export function expandScope(scope: string): string {
  if (scope === 'openid' || /^https:\/\//.test(scope)) {
    return scope;
  }
  if (scope === 'email' || scope === 'profile') {
    return full(`userinfo.${scope}`);
  }
  return full(scope);
}

/** A scope in words for the panel: its short name after the common prefix. */
export function shortScope(scope: string): string {
  return scope.startsWith(SCOPE_PREFIX)
    ? scope.slice(SCOPE_PREFIX.length)
    : scope;
}

export type ParsedScopes =
  { ok: true; scopes: string[] } | { ok: false; message: string };

const MAX_SCOPES = 30; // as the server (flows/scopes.py)
const SCOPE_NAME = /^[A-Za-z0-9._\-/:]+$/;

/** A custom scope list as typed: space- or comma-separated, short or full names. */
export function parseScopes(
  text: string,
  tr: Translate = english
): ParsedScopes {
  const parts = text
    .split(/[\s,]+/)
    .map(s => s.trim())
    .filter(Boolean);
  if (parts.length === 0) {
    return { ok: false, message: tr('Type at least one scope.') };
  }
  if (parts.length > MAX_SCOPES) {
    return { ok: false, message: tr('At most %1 scopes.', MAX_SCOPES) };
  }
  const bad = parts.find(
    s =>
      !SCOPE_NAME.test(s) || (/^[a-z]+:/i.test(s) && !/^https:\/\/[^/]/.test(s))
  );
  if (bad !== undefined) {
    return {
      ok: false,
      message: tr(
        '“%1” is not a Google scope. Use names like earthengine or %2cloud-platform.',
        bad.slice(0, 80),
        SCOPE_PREFIX
      )
    };
  }
  return { ok: true, scopes: [...new Set(parts.map(expandScope))] };
}

/**
 * The scope choices the administrator's policy leaves (GoogleAuth.allowed_presets and
 * allow_custom_scopes); all of them when the server reports no policy.
 */
export function offeredScopeChoices(policy?: {
  presets: string[];
  allow_custom_scopes: boolean;
}): ScopeChoice[] {
  if (!policy) {
    return [...SCOPE_PRESETS, 'custom'];
  }
  const presets = SCOPE_PRESETS.filter(p => policy.presets.includes(p));
  return policy.allow_custom_scopes ? [...presets, 'custom'] : presets;
}
