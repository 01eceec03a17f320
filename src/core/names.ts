/**
 * The vocabulary shared with the server: modes, presets, targets, clients, environment
 * classes and flow states. The server defines them once (jupyterlab_google_auth/names.py); a
 * test (jupyterlab_google_auth/tests/test_names_agree.py) checks that these lists say the same.
 * Everything else in the front end imports them from here.
 */

/** Sign-in modes that run a flow (a consent page, then a code or a redirect). */
export const FLOW_MODES = [
  'loopback',
  'notebook',
  'paste-url',
  'gcloud'
] as const;
export type FlowMode = (typeof FLOW_MODES)[number];

/** Every way the panel can sign in: the flows, the runtime's account and a key upload. */
export const SIGN_IN_MODES = [
  ...FLOW_MODES,
  'ambient',
  'service-account'
] as const;
export type SignInMode = (typeof SIGN_IN_MODES)[number];

export const PRESETS = [
  'earthengine',
  'earthengine-readonly',
  'gemini',
  'cloud'
] as const;
export type Preset = (typeof PRESETS)[number];

/** Presets whose sign-in serves Earth Engine (its own file, its project step). */
export const EARTH_ENGINE_PRESETS: readonly Preset[] = [
  'earthengine',
  'earthengine-readonly'
];

export const TARGETS = ['earthengine', 'adc'] as const;
export type Target = (typeof TARGETS)[number];

export const CLIENTS = ['earthengine', 'custom'] as const;
export type ClientKind = (typeof CLIENTS)[number];

export const ENVIRONMENT_CLASSES = ['local', 'remote', 'colab-like'] as const;
export type EnvironmentClass = (typeof ENVIRONMENT_CLASSES)[number];

export const FLOW_STATES = [
  'pending',
  'exchanging',
  'succeeded',
  'failed',
  'expired',
  'cancelled'
] as const;
export type FlowState = (typeof FLOW_STATES)[number];

export const SOURCE_NAMES = ['earthengine', 'adc', 'env', 'metadata'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

/** The secret store: names the panel offers (Google's libraries read the first two). */
export const KNOWN_SECRET_NAMES = [
  'GEMINI_API_KEY',
  'GOOGLE_API_KEY',
  'GOOGLE_MAPS_API_KEY'
] as const;

/** A key's check against the Generative Language API's model list. */
export const SECRET_CHECKS = [
  'ok',
  'key_invalid',
  'key_restricted',
  'api_disabled'
] as const;
export type SecretCheckState = (typeof SECRET_CHECKS)[number];

/** The answers to a kernel's `userdata.get` prompt. */
export const SECRET_ANSWERS = ['allow', 'deny'] as const;
export type SecretAnswer = (typeof SECRET_ANSWERS)[number];
/** What a named profile holds (GET profiles): a user sign-in, a key, the ambient account, or
 * a user acting as a service account. */
export const PROFILE_KINDS = [
  'user',
  'service-account',
  'ambient',
  'impersonated'
] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];
