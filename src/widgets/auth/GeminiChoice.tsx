import type { TranslationBundle } from '@jupyterlab/translation';
import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { SecretsClient } from '../../api';
import {
  CREATE_GEMINI_KEY_URL,
  explainError,
  GEMINI_KEY_NAME,
  type ApiErrorBody
} from '../../core';
import { toErrorBody } from './errors';
import { saveGeminiKey, type IGeminiKeySaved } from './gemini';

/**
 * The Gemini API's two ways in, key first: the Gemini quickstart's easiest way, and the only
 * one the google-genai SDK takes on the Developer API. Then the user's own OAuth client
 * (`oauth`: the form's sign-in button and client upload), which serves REST calls and the
 * older google-generativeai library, said in one line so nobody signs in expecting
 * `genai.Client()` to use it.
 */
export function GeminiChoice(props: {
  secrets: SecretsClient;
  /** The panel's notebook (path from the server's root): it gets access to the key. */
  notebook: string | null;
  /** Whether the administrator lets a Gemini key into the store. */
  keyOffered: boolean;
  oauth: React.ReactNode;
  trans: TranslationBundle;
}): JSX.Element {
  const { trans } = props;
  return (
    <div className="jp-GoogleAuth-gemini">
      {props.keyOffered && (
        <GeminiKeyForm
          secrets={props.secrets}
          notebook={props.notebook}
          trans={trans}
        />
      )}
      <div
        className="jp-GoogleAuth-geminiOAuth"
        role="group"
        aria-labelledby="jp-GoogleAuth-geminiOAuthTitle"
      >
        <p
          id="jp-GoogleAuth-geminiOAuthTitle"
          className="jp-GoogleAuth-geminiTitle"
        >
          {props.keyOffered
            ? trans.__('Or sign in with your own OAuth client')
            : trans.__('Sign in with your own OAuth client')}
        </p>
        <p className="jp-GoogleAuth-hint">
          {trans.__(
            'google-genai needs a key (or Vertex AI); OAuth serves REST calls and the older google-generativeai library.'
          )}
        </p>
        {props.oauth}
      </div>
    </div>
  );
}

/** A masked field and Save: stored, checked, set in this notebook's kernel. */
function GeminiKeyForm(props: {
  secrets: SecretsClient;
  notebook: string | null;
  trans: TranslationBundle;
}): JSX.Element {
  const { trans } = props;
  const id = React.useId();
  const [value, setValue] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<ApiErrorBody | null>(null);
  const [saved, setSaved] = React.useState<IGeminiKeySaved | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy || !value.trim()) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setSaved(await saveGeminiKey(props.secrets, value, props.notebook));
      setValue(''); // the page keeps no value once the server has it
    } catch (caught) {
      setError(toErrorBody(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="jp-GoogleAuth-geminiKey"
      aria-label={trans.__('Gemini API key')}
      onSubmit={submit}
    >
      <label htmlFor={`${id}-key`} className="jp-GoogleAuth-geminiTitle">
        {trans.__('Use an API key')}
      </label>
      <div className="jp-GoogleAuth-geminiKeyRow">
        <input
          id={`${id}-key`}
          className="jp-mod-styled"
          type="password"
          value={value}
          autoComplete="off"
          spellCheck={false}
          placeholder="AIza…"
          aria-describedby={`${id}-hint`}
          onChange={e => setValue(e.target.value)}
        />
        <Button
          type="submit"
          className="jp-mod-accept jp-GoogleAuth-saveGeminiKey"
          disabled={busy || !value.trim()}
        >
          {busy ? trans.__('Saving…') : trans.__('Save key')}
        </Button>
      </div>
      <p id={`${id}-hint`} className="jp-GoogleAuth-hint">
        <a
          href={CREATE_GEMINI_KEY_URL}
          target="_blank"
          rel="noopener noreferrer"
        >
          {trans.__('Create a key')}
        </a>{' '}
        {trans.__(
          '(Google AI Studio). Kept on this server, never in the notebook.'
        )}
      </p>
      <div role="status" className="jp-GoogleAuth-geminiResult">
        {error && (
          <p className="jp-GoogleAuth-error">
            {error.message} {explainError(error.code, error.help)}
          </p>
        )}
        {saved && <SavedKey saved={saved} trans={trans} />}
      </div>
    </form>
  );
}

/** What Save did, in the words a person acts on next. */
function SavedKey(props: {
  saved: IGeminiKeySaved;
  trans: TranslationBundle;
}): JSX.Element {
  const { saved, trans } = props;
  const check = saved.entry?.check ?? null;
  if (check && check.state !== 'ok') {
    return (
      <p className="jp-GoogleAuth-error" data-check={check.state}>
        {check.message}{' '}
        {check.link && (
          <a href={check.link} target="_blank" rel="noopener noreferrer">
            {check.state === 'api_disabled'
              ? trans.__('Turn the API on')
              : trans.__('Create a key')}
          </a>
        )}
      </p>
    );
  }
  const last4 = saved.entry?.last4 ? ` (…${saved.entry.last4})` : '';
  return (
    <p className="jp-GoogleAuth-secretOk" data-check="ok">
      {saved.granted
        ? trans.__(
            'Key saved%1 and working. This notebook’s kernel has %2: genai.Client() needs no arguments.',
            last4,
            GEMINI_KEY_NAME
          )
        : trans.__(
            'Key saved%1. Give a notebook access in the Secrets panel (the key icon).',
            last4
          )}
    </p>
  );
}
