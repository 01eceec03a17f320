import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { projectIdProblem } from '../../core/projects';

/**
 * A project id typed by hand, for a project the credentials cannot list (no
 * resourcemanager.projects.list permission, or someone else's project). Checked here before
 * the server sees it.
 */
export function ManualProject(props: {
  trans: TranslationBundle;
  disabled: boolean;
  serverError: string | null;
  inputRef?: React.Ref<HTMLInputElement>;
  onSubmit(projectId: string): void;
}): JSX.Element {
  const { trans, disabled, serverError } = props;
  const [text, setText] = React.useState('');
  const [touched, setTouched] = React.useState(false);
  const problem = projectIdProblem(text);
  const shown = touched && problem ? problem : serverError;
  const messageId = React.useId();
  const inputId = React.useId();

  const submit = () => {
    setTouched(true);
    if (!problem) {
      props.onSubmit(text.trim());
    }
  };

  return (
    <div className="jp-GoogleAuth-manual">
      <label htmlFor={inputId}>{trans.__('Or type a project id:')}</label>
      <div className="jp-GoogleAuth-manualRow">
        <input
          id={inputId}
          ref={props.inputRef}
          type="text"
          className="jp-GoogleAuth-manualInput"
          placeholder="my-project-123"
          spellCheck={false}
          autoComplete="off"
          value={text}
          aria-invalid={Boolean(shown)}
          aria-describedby={shown ? messageId : undefined}
          onChange={e => {
            setText(e.target.value);
            // Judge only after a first attempt or once it is long enough to be one.
            if (e.target.value.trim().length >= 6) {
              setTouched(true);
            }
          }}
          onBlur={() => text && setTouched(true)}
          onKeyDown={e => {
            if (e.key === 'Enter') {
              e.preventDefault();
              submit();
            }
          }}
        />
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept jp-GoogleAuth-manualUse"
          disabled={disabled}
          onClick={submit}
        >
          {trans.__('Use this id')}
        </button>
      </div>
      {shown && (
        <p id={messageId} className="jp-GoogleAuth-fieldError" role="alert">
          {shown}
        </p>
      )}
    </div>
  );
}
