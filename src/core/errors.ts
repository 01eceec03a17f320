/**
 * Plain-words help for the errors users meet while signing in (DESIGN.md section 5).
 * The server sends its own help with each error and that wins; these cover errors raised in
 * the browser and servers that send none.
 */

const HELP: Record<string, string> = {
  access_denied:
    'Access was denied on Google’s consent page. Start again and choose Allow; if your account is not allowed to use this app, ask the app’s owner to add you as a test user.',
  redirect_uri_mismatch:
    'Google refused the address it was asked to send you back to. Use a Desktop-app OAuth client (not a Web client), or use the Earth Engine Notebook Authenticator mode.',
  invalid_grant:
    'The code or the saved credentials are no longer valid: expired, already used, or revoked. Clients in “testing” mode expire refresh tokens after 7 days. Sign in again.',
  invalid_scope:
    'Google refused one of the requested scopes. Choose another preset, or remove that scope from the custom list.',
  org_internal:
    'This OAuth client is limited to its own organisation’s accounts. Sign in with an account of that organisation, or use another client.',
  admin_policy_enforced:
    'Your Google Workspace administrator blocks this app. Ask them to allow it, or use another account.',
  invalid_client:
    'Google does not accept this OAuth client (deleted, disabled or mistyped). Upload a current client_secret.json of a Desktop-app client.',
  unauthorized_client:
    'This OAuth client is not allowed to use this kind of sign-in (an incompatible OAuth2 client configuration). Use a Desktop-app client.',
  state_mismatch:
    'That address belongs to another sign-in attempt (perhaps an older tab). Paste the address from the tab this sign-in opened, or start again.',
  expired: 'This sign-in took longer than 10 minutes and expired. Start again.',
  too_many_flows:
    'Too many sign-ins are waiting. Finish or cancel one (close other auth panels), then try again.',
  google_unavailable:
    'Google’s sign-in service did not answer in time. Check the server’s network connection and try again.',
  gcloud_missing:
    'gcloud is not installed on the Jupyter server’s host (or not on its PATH). Install the Google Cloud CLI there, or choose another mode.',
  gcloud_failed:
    'gcloud stopped with an error. Check that the code was copied whole and try again; the server log names gcloud’s exit status.',
  gcloud_hung:
    'gcloud did not finish in time and was stopped. Try again, or choose another mode.',
  bad_key:
    'That is not a service-account key file. Download a JSON key for the service account (IAM → Service accounts → Keys) and upload it unchanged.',
  key_rejected:
    'Google refused the key: it was deleted or disabled, or the service account no longer exists. Create a new key.',
  bad_client_secret:
    'That is not a Desktop-app client_secret.json. Download it from Google Cloud console → APIs & Services → Credentials for an OAuth client of type “Desktop app”.',
  file_too_large:
    'The file is larger than 64 KB, far larger than any key or client file. Choose the right file.',
  network:
    'The Jupyter server could not be reached. Check that it is still running and try again.'
};

const ALIASES: Record<string, string> = {
  incompatible_client: 'unauthorized_client',
  flow_expired: 'expired',
  endpoint_unavailable: 'google_unavailable',
  endpoint_timeout: 'google_unavailable',
  gcloud_timeout: 'gcloud_hung',
  invalid_key: 'bad_key'
};

const GENERIC =
  'Something went wrong while signing in. Try again; if it keeps failing, the Jupyter server log has the details.';

/** Help for an error code, preferring the server's own words when it sent any. */
export function explainError(code: string, serverHelp?: string | null): string {
  if (serverHelp && serverHelp.trim()) {
    return serverHelp;
  }
  return HELP[ALIASES[code] ?? code] ?? GENERIC;
}

/** Whether a code has its own help (for tests and for logging unknown codes). */
export function isKnownError(code: string): boolean {
  return (ALIASES[code] ?? code) in HELP;
}
