import * as React from 'react';

import type { Status } from '../../core/status';

/**
 * Why the current project cannot work yet, and the one link that fixes it: the same words in
 * the panel, the selector's header and the status dialog (src/core/status.ts decides them).
 */
export function ProjectProblem(props: {
  status: Pick<Status, 'problem' | 'fix'> | null;
  /** Only the link, where the words are already shown (the status dialog's summary). */
  linkOnly?: boolean;
}): JSX.Element | null {
  const { status } = props;
  if (!status?.problem) {
    return null;
  }
  return (
    <p className="jp-GoogleAuth-projectProblem" role="note">
      {!props.linkOnly && `${status.problem} `}
      {status.fix && (
        <a
          className="jp-GoogleAuth-fixLink"
          href={status.fix.url}
          target="_blank"
          rel="noopener noreferrer"
        >
          {status.fix.label}
        </a>
      )}
    </p>
  );
}
