import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { modeLabel, type ModeOption, type SignInMode } from '../../core';

/**
 * The sign-in modes as a native radio group (arrow keys move, screen readers announce the
 * group). Unavailable modes stay listed, disabled, with their reason as visible text.
 */
export function ModeSelector(props: {
  options: ModeOption[];
  value: SignInMode | null;
  recommended: SignInMode | null;
  disabled?: boolean;
  onChange: (mode: SignInMode) => void;
  /** Extra controls under one option (e.g. the client upload that enables paste-url). */
  extra?: (option: ModeOption) => React.ReactNode;
  trans: TranslationBundle;
}): JSX.Element {
  const { options, value, recommended, trans } = props;
  const name = React.useId();
  return (
    <fieldset className="jp-GoogleAuth-modeSelector" disabled={props.disabled}>
      <legend>{trans.__('How to sign in')}</legend>
      {options.map(option => {
        const reasonId = `${name}-${option.mode}-reason`;
        return (
          <div
            key={option.mode}
            className="jp-GoogleAuth-modeOption"
            data-mode={option.mode}
            data-available={option.available}
          >
            <label>
              <input
                type="radio"
                name={name}
                value={option.mode}
                checked={value === option.mode}
                disabled={!option.available}
                aria-describedby={option.available ? undefined : reasonId}
                onChange={() => props.onChange(option.mode)}
              />{' '}
              {trans.__(modeLabel(option.mode))}
              {option.mode === recommended && (
                <span className="jp-GoogleAuth-recommended">
                  {' '}
                  {trans.__('(recommended here)')}
                </span>
              )}
            </label>
            {!option.available && option.reason && (
              <span id={reasonId} className="jp-GoogleAuth-reason">
                {option.reason}
              </span>
            )}
            {props.extra?.(option)}
          </div>
        );
      })}
    </fieldset>
  );
}
