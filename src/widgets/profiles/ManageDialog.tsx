import { Dialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { ProfilesList, ProfileView } from '../../api';
import {
  isProfileName,
  menuOrder,
  profileLabel,
  profileNote
} from '../../core';
import { toErrorBody } from '../auth/errors';

/** The profile routes the dialog uses; each answers the new list. */
export interface IManageApi {
  list(): Promise<ProfilesList>;
  signOut(name: string): Promise<ProfilesList>;
  remove(name: string): Promise<ProfilesList & { backup?: string }>;
  rename(name: string, to: string): Promise<ProfilesList>;
}

type Pending = { name: string; what: 'delete' | 'rename' } | null;

/**
 * Every profile with Rename, Sign out and Delete. Deleting asks once, in the row, and says
 * that the files are kept as a backup; renaming happens in the row too, so the dialog never
 * stacks a second one. The list shown is always the last one the server answered.
 */
export function ManageProfiles(props: {
  api: IManageApi;
  trans: TranslationBundle;
}): JSX.Element {
  const { api, trans } = props;
  const __ = trans.__.bind(trans);
  const [profiles, setProfiles] = React.useState<ProfileView[] | null>(null);
  const [pending, setPending] = React.useState<Pending>(null);
  const [newName, setNewName] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const [said, setSaid] = React.useState<{ text: string; error: boolean }>({
    text: '',
    error: false
  });

  React.useEffect(() => {
    api.list().then(
      list => setProfiles(list.profiles),
      error => setSaid({ text: toErrorBody(error).message, error: true })
    );
  }, []);

  const run = async (
    call: () => Promise<ProfilesList>,
    done: string
  ): Promise<void> => {
    setBusy(true);
    try {
      const list = await call();
      setProfiles(list.profiles);
      setPending(null);
      setSaid({ text: done, error: false });
    } catch (error) {
      const body = toErrorBody(error);
      setSaid({
        text: body.help ? `${body.message} ${body.help}` : body.message,
        error: true
      });
    } finally {
      setBusy(false);
    }
  };

  const rename = (name: string) => {
    const to = newName.trim();
    if (!isProfileName(to)) {
      setSaid({
        text: __(
          "A profile name is 1 to 64 letters, digits, '.', '_', '@', '+' or '-', starting with a letter or digit."
        ),
        error: true
      });
      return;
    }
    void run(() => api.rename(name, to), __('Renamed %1 to %2.', name, to));
  };

  const row = (p: ProfileView) => {
    const note = profileNote(p, __);
    const confirming = pending?.name === p.name && pending.what === 'delete';
    const renaming = pending?.name === p.name && pending.what === 'rename';
    return (
      <li
        key={p.name}
        className="jp-GoogleAuth-profileRow"
        data-profile={p.name}
      >
        <div className="jp-GoogleAuth-profileWho">
          <span className="jp-GoogleAuth-profileLabel">
            {profileLabel(p, __)}
          </span>
          {p.active && (
            <span className="jp-GoogleAuth-profileActive">{__('in use')}</span>
          )}
          {note && <span className="jp-GoogleAuth-hint">{note}</span>}
        </div>
        {confirming ? (
          <div className="jp-GoogleAuth-profileConfirm" role="group">
            <p>
              {__(
                'Delete %1? Its files are moved to a backup folder, not erased.',
                p.name
              )}
            </p>
            <button
              className="jp-mod-styled jp-mod-warn"
              disabled={busy}
              onClick={() =>
                void run(
                  () => api.remove(p.name),
                  __('Deleted %1; its files are kept as a backup.', p.name)
                )
              }
            >
              {__('Delete')}
            </button>
            <button
              className="jp-mod-styled jp-mod-reject"
              onClick={() => setPending(null)}
            >
              {__('Cancel')}
            </button>
          </div>
        ) : renaming ? (
          <div className="jp-GoogleAuth-profileConfirm" role="group">
            <input
              className="jp-mod-styled"
              aria-label={__('New name for %1', p.name)}
              value={newName}
              autoFocus
              spellCheck={false}
              onChange={event => setNewName(event.currentTarget.value)}
              onKeyDown={event => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  rename(p.name);
                }
              }}
            />
            <button
              className="jp-mod-styled jp-mod-accept"
              disabled={busy}
              onClick={() => rename(p.name)}
            >
              {__('Save')}
            </button>
            <button
              className="jp-mod-styled jp-mod-reject"
              onClick={() => setPending(null)}
            >
              {__('Cancel')}
            </button>
          </div>
        ) : (
          <div className="jp-GoogleAuth-profileActions">
            <button
              className="jp-mod-styled jp-mod-reject"
              disabled={busy}
              aria-label={__('Rename %1', p.name)}
              onClick={() => {
                setNewName(p.name);
                setPending({ name: p.name, what: 'rename' });
              }}
            >
              {__('Rename')}
            </button>
            {!p.signed_out && (
              <button
                className="jp-mod-styled jp-mod-reject"
                disabled={busy}
                aria-label={__('Sign out %1', p.name)}
                title={__(
                  'Revokes the sign-in at Google and moves its files to a backup.'
                )}
                onClick={() =>
                  void run(
                    () => api.signOut(p.name),
                    __('Signed out %1; its files are kept as a backup.', p.name)
                  )
                }
              >
                {__('Sign out')}
              </button>
            )}
            <button
              className="jp-mod-styled jp-mod-reject"
              disabled={busy || p.active}
              aria-label={__('Delete %1', p.name)}
              title={
                p.active
                  ? __('Switch to another account first: this one is in use.')
                  : __('Asks first; the files are kept as a backup.')
              }
              onClick={() => setPending({ name: p.name, what: 'delete' })}
            >
              {__('Delete')}
            </button>
          </div>
        )}
      </li>
    );
  };

  return (
    <div className="jp-GoogleAuth-manage">
      {profiles === null && !said.error && <p>{__('Reading the profiles…')}</p>}
      {profiles && (
        <ul className="jp-GoogleAuth-profileRows">
          {menuOrder(profiles).map(row)}
        </ul>
      )}
      <p
        className={said.error ? 'jp-GoogleAuth-error' : 'jp-GoogleAuth-hint'}
        role={said.error ? 'alert' : 'status'}
      >
        {said.text}
      </p>
    </div>
  );
}

/** Enter in the rename field saves the name; JupyterLab's Dialog would close instead. */
class ManageDialog extends Dialog<void> {
  handleEvent(event: Event): void {
    if (
      event.type === 'keydown' &&
      (event as KeyboardEvent).key === 'Enter' &&
      (event.target as HTMLElement | null)?.closest?.('.jp-GoogleAuth-manage')
    ) {
      return;
    }
    super.handleEvent(event);
  }
}

/** "Manage accounts…": rename, sign out or delete each profile. */
export async function showManageDialog(
  api: IManageApi,
  trans: TranslationBundle
): Promise<void> {
  const body = ReactWidget.create(<ManageProfiles api={api} trans={trans} />);
  body.addClass('jp-GoogleAuth-manageBody');
  const dialog = new ManageDialog({
    title: trans.__('Google accounts'),
    body,
    buttons: [Dialog.okButton({ label: trans.__('Close') })],
    hasClose: true
  });
  dialog.addClass('jp-GoogleAuth-manageDialog');
  await dialog.launch();
}
