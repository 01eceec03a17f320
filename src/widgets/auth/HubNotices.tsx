import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { EnvironmentReport } from '../../core';

/**
 * What a hub user must read before signing in: on a server shared with them, that the
 * credentials land in the owner's home; and an administrator's client that cannot be used.
 * Shown above the sign-in action, so nobody signs in without having seen it.
 */
export function HubNotices(props: {
  environment?: EnvironmentReport;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { environment, trans } = props;
  const shared = environment?.shared_server;
  const adminProblem = environment?.admin_client_problem;
  if (!shared && !adminProblem) {
    return null;
  }
  return (
    <div className="jp-GoogleAuth-notices">
      {shared && (
        <p className="jp-GoogleAuth-warning" role="alert">
          {trans.__(
            'This server belongs to %1. If you sign in here, your Google credentials are written into %1’s home, where %1’s notebooks (and anyone they share this server with) can use them.',
            shared.owner
          )}
        </p>
      )}
      {adminProblem && (
        <p className="jp-GoogleAuth-warning" role="alert">
          {adminProblem}
        </p>
      )}
    </div>
  );
}
