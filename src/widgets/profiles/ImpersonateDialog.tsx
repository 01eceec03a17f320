import { Dialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

import {
  readImpersonation,
  type IImpersonationFields,
  type IImpersonationRequest,
  type ImpersonationField
} from '../../core';
import { toErrorBody } from '../auth/errors';

interface IShownError {
  field: ImpersonationField | null;
  message: string;
  help: string;
  /** The server's answer (Google's refusal), not the form's own check. */
  fromGoogle?: boolean;
}

/** Refusals about the service account are shown under its field, where it is fixed. */
const FIELD_OF_CODE: Record<string, ImpersonationField> = {
  bad_profile_name: 'name',
  profile_exists: 'name',
  bad_service_account: 'serviceAccount',
  unknown_service_account: 'serviceAccount',
  impersonation_denied: 'serviceAccount'
};

/**
 * The form's fields and its last error. The widget keeps them (not React state) so the
 * dialog's accept handler reads what was typed and shows the server's refusal in place.
 */
class ImpersonateBody extends ReactWidget {
  fields: IImpersonationFields = {
    serviceAccount: '',
    delegates: '',
    name: ''
  };
  error: IShownError | null = null;
  busy = false;

  constructor(
    private readonly trans: TranslationBundle,
    private readonly source: string | null
  ) {
    super();
    this.addClass('jp-GoogleAuth-impersonate');
  }

  say(error: IShownError | null, busy = false): void {
    this.error = error;
    this.busy = busy;
    this.update();
  }

  protected render(): JSX.Element {
    const __ = this.trans.__.bind(this.trans);
    const field = (
      key: ImpersonationField,
      label: string,
      hint: string,
      placeholder: string
    ) => {
      const id = `jp-GoogleAuth-impersonate-${key}`;
      const wrong = this.error?.field === key;
      return (
        <div className="jp-GoogleAuth-field">
          <label htmlFor={id}>{label}</label>
          <input
            id={id}
            className="jp-mod-styled"
            data-field={key}
            defaultValue={this.fields[key]}
            placeholder={placeholder}
            spellCheck={false}
            autoComplete="off"
            // The body renders after the dialog looks for its focus node: focus on mount.
            autoFocus={key === 'serviceAccount'}
            aria-invalid={wrong || undefined}
            aria-describedby={wrong ? `${id}-error` : `${id}-hint`}
            disabled={this.busy}
            onChange={event => {
              this.fields[key] = event.currentTarget.value;
            }}
          />
          {wrong ? (
            <div
              id={`${id}-error`}
              className={
                'jp-GoogleAuth-fieldError' +
                (this.error!.fromGoogle ? ' jp-GoogleAuth-refusal' : '')
              }
              role="alert"
            >
              <p>{this.error!.message}</p>
              {this.error!.help && <p>{this.error!.help}</p>}
            </div>
          ) : (
            <p id={`${id}-hint`} className="jp-GoogleAuth-hint">
              {hint}
            </p>
          )}
        </div>
      );
    };
    const refused = this.error && this.error.field === null;
    return (
      <form onSubmit={event => event.preventDefault()}>
        <p>
          {this.source
            ? __(
                "Acts with %1's sign-in. Google must grant %1 the role Service Account Token Creator on the service account.",
                this.source
              )
            : __(
                'Acts with your sign-in. Google must grant you the role Service Account Token Creator on the service account.'
              )}
        </p>
        {field(
          'serviceAccount',
          __('Service account e-mail'),
          __('From IAM & Admin > Service accounts in the Cloud console.'),
          'pipeline@my-project.iam.gserviceaccount.com'
        )}
        {field(
          'delegates',
          __('Delegates (optional)'),
          __(
            'Service accounts in the chain, in order, separated by commas; leave empty when you act directly.'
          ),
          ''
        )}
        {field(
          'name',
          __('Profile name (optional)'),
          __("Leave empty to use the service account's e-mail."),
          ''
        )}
        {this.busy && (
          <p className="jp-GoogleAuth-hint" role="status">
            {__('Asking Google…')}
          </p>
        )}
        {refused && (
          <div
            className="jp-GoogleAuth-fieldError jp-GoogleAuth-refusal"
            role="alert"
          >
            <p className="jp-GoogleAuth-error">{this.error!.message}</p>
            {this.error!.help && <p>{this.error!.help}</p>}
          </div>
        )}
      </form>
    );
  }
}

/**
 * A dialog whose accept button runs ``submit`` first and closes only when it succeeds, so a
 * refusal is read and fixed where the input is (JupyterLab's Dialog closes on any button).
 */
class SubmitDialog extends Dialog<void> {
  constructor(
    options: Partial<Dialog.IOptions<void>>,
    private readonly submit: () => Promise<boolean>
  ) {
    super(options);
  }

  private submitting = false;

  resolve(index?: number): void {
    // Buttons: [Cancel, Add]; Enter resolves with the default (the last).
    if (index === 0) {
      super.resolve(0);
      return;
    }
    if (this.submitting) {
      return;
    }
    this.submitting = true;
    void this.submit().then(done => {
      this.submitting = false;
      if (done) {
        super.resolve(1);
      }
    });
  }
}

/**
 * "Act as a service account…": asks the e-mail, delegates and a name; ``impersonate`` sends
 * them (the service's client, which announces the new profile). Resolves with the new
 * profile's name, or null when cancelled.
 */
export async function showImpersonateDialog(
  trans: TranslationBundle,
  source: string | null,
  impersonate: (request: IImpersonationRequest) => Promise<{ added: string }>
): Promise<string | null> {
  const __ = trans.__.bind(trans);
  const body = new ImpersonateBody(trans, source);
  let added: string | null = null;
  const submit = async (): Promise<boolean> => {
    const checked = readImpersonation(body.fields, __);
    if (!checked.ok) {
      body.say({ field: checked.field, message: checked.message, help: '' });
      return false;
    }
    body.say(null, true);
    try {
      const request = source ? { ...checked.request, source } : checked.request;
      added = (await impersonate(request)).added;
      return true;
    } catch (error) {
      const shown = toErrorBody(error);
      body.say({
        field: FIELD_OF_CODE[shown.code] ?? null,
        message: shown.message,
        help: shown.help ?? '',
        fromGoogle: true
      });
      return false;
    }
  };
  const dialog = new SubmitDialog(
    {
      title: __('Act as a service account'),
      body,
      buttons: [
        Dialog.cancelButton(),
        Dialog.okButton({ label: __('Add profile') })
      ],
      hasClose: true,
      focusNodeSelector: 'input[data-field="serviceAccount"]'
    },
    submit
  );
  dialog.addClass('jp-GoogleAuth-impersonateDialog');
  await dialog.launch();
  return added;
}
