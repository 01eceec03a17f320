import type { TranslationBundle } from '@jupyterlab/translation';
import { HTMLSelect } from '@jupyterlab/ui-components';
import * as React from 'react';

import {
  offeredScopeChoices,
  PRESET_LABELS,
  PRESET_SCOPES,
  shortScope,
  type ScopeChoice
} from '../../core';

/** The scope preset, or a free list of scopes for "custom". */
export function ScopeChooser(props: {
  value: ScopeChoice;
  /** What the administrator's policy leaves (offeredScopeChoices); all by default. */
  choices?: ScopeChoice[];
  customText: string;
  error?: string | null;
  onChange: (choice: ScopeChoice) => void;
  onCustomText: (text: string) => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { value, trans } = props;
  const id = React.useId();
  return (
    <div className="jp-GoogleAuth-scopes">
      <label htmlFor={`${id}-preset`}>{trans.__('Access to grant')}</label>{' '}
      <HTMLSelect
        id={`${id}-preset`}
        className="jp-GoogleAuth-preset"
        value={value}
        onChange={event =>
          props.onChange(event.currentTarget.value as ScopeChoice)
        }
        options={(props.choices ?? offeredScopeChoices()).map(choice => ({
          value: choice,
          label: trans.__(PRESET_LABELS[choice])
        }))}
      />
      {value === 'custom' ? (
        <div className="jp-GoogleAuth-customScopes">
          <label htmlFor={`${id}-custom`}>
            {trans.__('Scopes (separated by spaces)')}
          </label>
          <input
            id={`${id}-custom`}
            type="text"
            className="jp-mod-styled"
            value={props.customText}
            spellCheck={false}
            autoComplete="off"
            placeholder="earthengine cloud-platform"
            aria-invalid={props.error ? true : undefined}
            aria-describedby={props.error ? `${id}-error` : undefined}
            onChange={event => props.onCustomText(event.currentTarget.value)}
          />
          {props.error && (
            <p id={`${id}-error`} className="jp-GoogleAuth-fieldError">
              {props.error}
            </p>
          )}
        </div>
      ) : (
        <p className="jp-GoogleAuth-scopeList">
          {PRESET_SCOPES[value].map(shortScope).join(', ')}
        </p>
      )}
    </div>
  );
}
