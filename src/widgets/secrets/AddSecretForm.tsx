import type { TranslationBundle } from '@jupyterlab/translation';
import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import { secretNameProblem } from '../../core';

/**
 * Name and masked value, sent once. The value field is cleared as soon as the server has
 * stored it: afterwards the page holds only the name and the last four characters.
 */
export function AddSecretForm(props: {
  known: string[];
  taken: string[];
  onAdd: (name: string, value: string, env: boolean) => Promise<boolean>;
  trans: TranslationBundle;
}): JSX.Element {
  const { trans } = props;
  const id = React.useId();
  const offered = props.known.filter(n => !props.taken.includes(n));
  const [name, setName] = React.useState(offered[0] ?? '');
  const [value, setValue] = React.useState('');
  const [env, setEnv] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const problem = name ? secretNameProblem(name) : null;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy || problem || !name || !value.trim()) {
      return;
    }
    setBusy(true);
    try {
      if (await props.onAdd(name, value, env)) {
        setValue('');
        setEnv(false);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="jp-GoogleAuth-secretsAdd"
      aria-label={trans.__('Add a secret')}
      onSubmit={submit}
    >
      <label htmlFor={`${id}-name`}>{trans.__('Name')}</label>
      <input
        id={`${id}-name`}
        className="jp-mod-styled"
        list={`${id}-known`}
        value={name}
        spellCheck={false}
        autoComplete="off"
        onChange={e => setName(e.target.value.toUpperCase())}
        aria-invalid={problem ? true : undefined}
      />
      <datalist id={`${id}-known`}>
        {offered.map(n => (
          <option key={n} value={n} />
        ))}
      </datalist>
      {problem && (
        <p className="jp-GoogleAuth-error" role="alert">
          {trans.__(problem)}
        </p>
      )}
      <label htmlFor={`${id}-value`}>{trans.__('Value')}</label>
      <input
        id={`${id}-value`}
        className="jp-mod-styled"
        type="password"
        value={value}
        autoComplete="off"
        spellCheck={false}
        onChange={e => setValue(e.target.value)}
      />
      <label className="jp-GoogleAuth-secretsCheckbox">
        <input
          type="checkbox"
          checked={env}
          onChange={e => setEnv(e.target.checked)}
        />
        {trans.__('Set in kernels of notebooks with access')}
      </label>
      <Button
        type="submit"
        className="jp-mod-accept"
        disabled={busy || !!problem || !name || !value.trim()}
      >
        {busy ? trans.__('Adding…') : trans.__('Add')}
      </Button>
    </form>
  );
}
