import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { quotaProblem, type SetProjectResult } from '../../core/projects';
import { projectProblem } from '../../core/status';

/**
 * A choice that was only partly written, or whose project cannot work yet: said in one place
 * (what was set, what was not and why, the fix), while the list above stays open to choose
 * another project; "Keep" closes the selector with this one.
 */
export function ChoiceNotice(props: {
  result: SetProjectResult;
  trans: TranslationBundle;
  onKeep(): void;
}): JSX.Element | null {
  const { result, trans } = props;
  const quota = quotaProblem(result);
  const unready = result.credentials
    ? projectProblem(result.credentials, result.project, trans.__.bind(trans))
    : null;
  // The quota words come with the project problem when that is all there is to say.
  const eeProblem =
    unready && unready.why !== quotaWords(quota) ? unready : null;
  return (
    <div
      className="jp-GoogleAuth-error jp-GoogleAuth-choiceNotice"
      role="alert"
      data-code={quota?.code ?? 'project_not_ready'}
    >
      {eeProblem && (
        <p>
          {eeProblem.why}{' '}
          {eeProblem.fix && (
            <a
              href={eeProblem.fix.url}
              target="_blank"
              rel="noopener noreferrer"
            >
              {eeProblem.fix.label}
            </a>
          )}
        </p>
      )}
      {quota && <p>{quotaWords(quota)}</p>}
      <p>
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept"
          onClick={props.onKeep}
        >
          {trans.__('Keep %1', result.project)}
        </button>{' '}
        {trans.__('or choose another project above.')}
      </p>
    </div>
  );
}

function quotaWords(
  quota: { message?: string; help?: string | null } | null
): string {
  return quota ? [quota.message, quota.help].filter(Boolean).join(' ') : '';
}

/** Whether a choice needs the notice (else the selector closes at once). */
export function needsNotice(result: SetProjectResult): boolean {
  return (
    quotaProblem(result) !== null ||
    (!!result.credentials &&
      projectProblem(result.credentials, result.project) !== null)
  );
}
