/**
 * Plain-words help for the errors users meet while signing in: the server's own help, which
 * every server error carries, else the browser's words for the errors it raises itself.
 */

/**
 * Only the errors the browser itself raises. Help for the server's codes lives in one place,
 * on the server (jupyterlab_google_auth/help.py), and arrives with each error.
 */
const HELP: Record<string, string> = {
  // The panel's own expiry timer (the server says how long a sign-in lasts when it starts).
  expired: 'This sign-in expired before it was finished. Start again.',
  file_too_large:
    'The file is larger than 64 KB, far larger than any key or client file. Choose the right file.',
  network:
    'The Jupyter server could not be reached. Check that it is still running and try again.'
};

const ALIASES: Record<string, string> = {
  flow_expired: 'expired'
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
