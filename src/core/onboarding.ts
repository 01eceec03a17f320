/** The query parameter of an onboarding link, and the values it takes. */
export const ONBOARDING_PARAM = 'google-auth';
import { PRESETS } from './names';

export interface IOnboardingRequest {
  /** A known preset from `&preset=`, else null (the panel's default). */
  preset: string | null;
  /** The address without the onboarding parameters, for history.replaceState. */
  cleanUrl: string;
}

/**
 * `?google-auth=signin[&preset=…]` in an address: what to open, and the address to show
 * afterwards. Anything else (another value, no parameter) is null. An unknown preset is
 * dropped rather than refused: the link still opens the sign-in.
 */
export function onboardingRequest(href: string): IOnboardingRequest | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.searchParams.get(ONBOARDING_PARAM) !== 'signin') {
    return null;
  }
  const preset = url.searchParams.get('preset');
  url.searchParams.delete(ONBOARDING_PARAM);
  url.searchParams.delete('preset');
  return {
    preset:
      preset && (PRESETS as readonly string[]).includes(preset) ? preset : null,
    cleanUrl: url.pathname + url.search + url.hash
  };
}
