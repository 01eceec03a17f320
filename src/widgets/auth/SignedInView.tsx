import type { TranslationBundle } from '@jupyterlab/translation';
import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import { projectWords, type Status } from '../../core/status';
import { ProjectProblem } from '../projects/ProjectProblem';

/** Valid credentials already fit: who, with which project, and the ways to change that. */
export function SignedInView(props: {
  status: Status;
  onSwitch: () => void;
  onAgain: () => void;
  onChooseProject: () => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { status, trans } = props;
  const first = React.useRef<HTMLButtonElement>(null);
  return (
    <div className="jp-GoogleAuth-signedIn" data-state={status.state}>
      <p className="jp-GoogleAuth-who">
        {status.account
          ? trans.__('Signed in as %1.', status.account)
          : trans.__('Signed in.')}{' '}
        {projectWords(status, trans.__.bind(trans))}
      </p>
      <ProjectProblem status={status} />
      <div className="jp-GoogleAuth-actions">
        {(!status.project || status.projectFromClient || status.problem) && (
          <Button
            className="jp-GoogleAuth-chooseProject"
            onClick={props.onChooseProject}
          >
            {status.project && !status.projectFromClient
              ? trans.__('Choose another project')
              : trans.__('Choose a project')}
          </Button>
        )}
        <button
          ref={first}
          type="button"
          className="jp-Button jp-mod-styled jp-GoogleAuth-switch"
          onClick={props.onSwitch}
        >
          {trans.__('Switch account')}
        </button>
        <Button minimal className="jp-GoogleAuth-force" onClick={props.onAgain}>
          {trans.__('Sign in again')}
        </Button>
      </div>
    </div>
  );
}
