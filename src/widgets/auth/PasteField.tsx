import type { TranslationBundle } from '@jupyterlab/translation';
import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { FlowExpects } from '../../core';

/**
 * One labelled field for the code or the whole redirected address; the value is cleared
 * once sent, so a used code does not linger in the page.
 */
export function PasteField(props: {
  expects: FlowExpects;
  busy: boolean;
  error: string | null;
  onSubmit: (text: string) => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { expects, trans } = props;
  const id = React.useId();
  const [text, setText] = React.useState('');
  const label =
    expects === 'redirect_url'
      ? trans.__(
          'Address of the page Google sent you to (copy it from the address bar; the code alone works too)'
        )
      : trans.__('Code shown after you allowed access');
  return (
    <form
      className="jp-GoogleAuth-paste"
      onSubmit={event => {
        event.preventDefault();
        props.onSubmit(text);
        setText('');
      }}
    >
      <label htmlFor={`${id}-paste`}>{label}</label>
      <div className="jp-GoogleAuth-pasteRow">
        <input
          id={`${id}-paste`}
          name="google-auth-paste"
          type="text"
          className="jp-mod-styled jp-GoogleAuth-pasteInput"
          value={text}
          autoComplete="off"
          spellCheck={false}
          maxLength={8192}
          disabled={props.busy}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? `${id}-error` : undefined}
          onChange={event => setText(event.currentTarget.value)}
        />
        <Button
          type="submit"
          className="jp-GoogleAuth-submit"
          disabled={props.busy || !text.trim()}
        >
          {trans.__('Submit')}
        </Button>
      </div>
      {props.error && (
        <p id={`${id}-error`} className="jp-GoogleAuth-fieldError" role="alert">
          {props.error}
        </p>
      )}
    </form>
  );
}
