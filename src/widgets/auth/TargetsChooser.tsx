import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { Target } from '../../core';

const TARGETS: { target: Target; label: string; hint: string }[] = [
  {
    target: 'earthengine',
    label: 'Earth Engine credentials file',
    hint: '~/.config/earthengine/credentials, read first by ee.Initialize()'
  },
  {
    target: 'adc',
    label: 'Application Default Credentials file',
    hint: 'read by google.auth.default() and the Cloud client libraries'
  }
];

/** Which files the sign-in writes on the kernel host. */
export function TargetsChooser(props: {
  value: Target[];
  onChange: (targets: Target[]) => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { value, trans } = props;
  const toggle = (target: Target, on: boolean) =>
    props.onChange(
      TARGETS.map(t => t.target).filter(t =>
        t === target ? on : value.includes(t)
      )
    );
  return (
    <fieldset className="jp-GoogleAuth-targets">
      <legend>{trans.__('Write the credentials to')}</legend>
      {TARGETS.map(({ target, label, hint }) => (
        <label key={target} data-target={target}>
          <input
            type="checkbox"
            checked={value.includes(target)}
            onChange={event => toggle(target, event.currentTarget.checked)}
          />{' '}
          {trans.__(label)}{' '}
          <span className="jp-GoogleAuth-hint">({trans.__(hint)})</span>
        </label>
      ))}
      {value.length === 0 && (
        <p className="jp-GoogleAuth-fieldError">
          {trans.__('Choose at least one file.')}
        </p>
      )}
    </fieldset>
  );
}
