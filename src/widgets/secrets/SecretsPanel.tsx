import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import * as React from 'react';

import { explainError, type ApiErrorBody, type ChangeCause } from '../../core';
import type { IGoogleAuth } from '../../tokens';
import { toErrorBody } from '../auth/errors';
import { keyIcon } from '../icons';
import { AddSecretForm } from './AddSecretForm';
import { SecretRow } from './SecretRow';

/**
 * The Secrets panel in the left sidebar (a key, as on Colab): the store's names, their last
 * four characters and checks, the current notebook's access to each, and a form to add one.
 * It renders from the service's `secrets` listing and writes through `service.api.secrets`,
 * so every change is announced once (`secrets-changed`) to every view and kernel follow-up.
 */
export class SecretsPanel extends ReactWidget {
  constructor(
    private readonly service: IGoogleAuth,
    private readonly trans: TranslationBundle
  ) {
    super();
    this.id = 'jp-GoogleAuth-secrets';
    this.addClass('jp-GoogleAuth-secrets');
    this.title.icon = keyIcon;
    this.title.caption = trans.__('Secrets (API keys for notebooks)');
    service.changed.connect(this.onChanged, this);
  }

  /** The notebook the access switches are for (path from the server's root), or null. */
  set notebook(path: string | null) {
    if (path !== this._notebook) {
      this._notebook = path;
      this.load();
    }
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.load();
  }

  dispose(): void {
    this.service.changed.disconnect(this.onChanged, this);
    super.dispose();
  }

  /** Reads the listing for the current notebook (visible panels only: no idle traffic). */
  load(): void {
    if (!this.isVisible) {
      return;
    }
    this.service.api.secrets.list(this._notebook).then(
      () => this.setError(null),
      error => this.setError(toErrorBody(error))
    );
  }

  private onChanged(_: IGoogleAuth, cause: ChangeCause): void {
    if (cause.kind === 'secrets-changed') {
      this.update();
    }
  }

  private setError(error: ApiErrorBody | null): void {
    this._error = error;
    this.update();
  }

  /** Runs a write; its failure is shown in the panel, its success updates the listing. */
  private run = async (write: () => Promise<unknown>): Promise<boolean> => {
    this._busy = true;
    this.update();
    try {
      await write();
      this._error = null;
      return true;
    } catch (error) {
      this._error = toErrorBody(error);
      return false;
    } finally {
      this._busy = false;
      this.update();
    }
  };

  protected render(): JSX.Element {
    const { service, trans } = this;
    const listing = service.secrets;
    const api = service.api.secrets;
    const notebook = this._notebook;
    const granted = listing?.notebook?.granted ?? [];
    const error = this._error;
    return (
      <div className="jp-GoogleAuth-secretsBody" aria-busy={this._busy}>
        <h2 className="jp-GoogleAuth-secretsTitle">{trans.__('Secrets')}</h2>
        <p className="jp-GoogleAuth-secretsIntro">
          {trans.__(
            'Keys kept on the server, never in a notebook. In a notebook with access: from jupyterlab_google_auth import userdata; userdata.get("NAME").'
          )}
        </p>
        {error && (
          <div className="jp-GoogleAuth-error" role="alert">
            <p>{error.message}</p>
            <p>{explainError(error.code, error.help)}</p>
          </div>
        )}
        {listing?.hidden ? (
          <p className="jp-GoogleAuth-problems">{listing.hidden}</p>
        ) : (
          listing && (
            <>
              <p className="jp-GoogleAuth-secretsNotebook">
                {notebook
                  ? trans.__('Notebook access is for %1.', notebook)
                  : trans.__('Open a notebook to give it access.')}
              </p>
              {listing.secrets.length === 0 ? (
                <p>{trans.__('No secrets yet.')}</p>
              ) : (
                <ul className="jp-GoogleAuth-secretList">
                  {listing.secrets.map(entry => (
                    <SecretRow
                      key={entry.name}
                      entry={entry}
                      granted={notebook ? granted.includes(entry.name) : null}
                      busy={this._busy}
                      trans={trans}
                      onGrant={on =>
                        void this.run(() =>
                          api.grant(notebook!, entry.name, on)
                        )
                      }
                      onEnv={on =>
                        void this.run(() => api.setEnv(entry.name, on))
                      }
                      onCheck={() => void this.run(() => api.check(entry.name))}
                      onDelete={() =>
                        void this.run(() => api.remove(entry.name))
                      }
                    />
                  ))}
                </ul>
              )}
              <AddSecretForm
                known={listing.known}
                taken={listing.secrets.map(s => s.name)}
                trans={trans}
                onAdd={(name, value, env) =>
                  this.run(() => api.add(name, value, env))
                }
              />
              <p className="jp-GoogleAuth-secretsBoundary">
                {trans.__(
                  'Kernels run as you: access protects against accidents (a shared notebook reading your key), not against code you choose to run.'
                )}
              </p>
            </>
          )
        )}
      </div>
    );
  }

  private _notebook: string | null = null;
  private _busy = false;
  private _error: ApiErrorBody | null = null;
}
