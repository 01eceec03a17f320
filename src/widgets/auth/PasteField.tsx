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
  const field = React.useRef<HTMLInputElement>(null);
  React.useEffect(() => {
    // The one thing left to do is the paste: the field waits for it with the focus, and gets
    // it back after a refused paste (sending disabled it, which took the focus away).
    if (!props.busy) {
      field.current?.focus({ preventScroll: true });
    }
  }, [props.busy, props.error]);
  const send = (value: string) => {
    props.onSubmit(value);
    setText('');
  };
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
        send(text);
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
          ref={field}
          onChange={event => setText(event.currentTarget.value)}
          onPaste={event => {
            // A paste into the empty field is the whole answer: send it at once.
            const pasted = event.clipboardData.getData('text');
            if (!text.trim() && pasted.trim()) {
              event.preventDefault();
              send(pasted);
            }
          }}
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
