import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  Dialog,
  ICommandPalette,
  Notification,
  showDialog,
  showErrorMessage
} from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { TranslationBundle } from '@jupyterlab/translation';

import { IGoogleAuth } from '../tokens';
import { revokeErrorText, type SignOutResult } from '../core/projects';

export const CommandIDs = {
  signOut: 'google-auth:sign-out'
} as const;

/** Sign out: confirm, revoke at Google, move the files to backups, say what happened. */
export const signOutPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-google-auth:sign-out',
  description:
    'Revoke the Google sign-in and move its credential files to backups.',
  autoStart: true,
  requires: [IGoogleAuth],
  optional: [ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    service: IGoogleAuth,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_google_auth');

    app.commands.addCommand(CommandIDs.signOut, {
      label: trans.__('Google: Sign out'),
      caption: trans.__(
        'Revoke the Google sign-in and back up the credential files'
      ),
      execute: async () => {
        const answer = await showDialog({
          title: trans.__('Sign out of Google?'),
          body: trans.__(
            'This revokes the sign-in at Google and moves the Earth Engine and Application ' +
              'Default Credentials files to backups. Kernels already running keep working ' +
              'until their access token expires (at most an hour).'
          ),
          buttons: [
            Dialog.cancelButton(),
            Dialog.warnButton({ label: trans.__('Sign out') })
          ]
        });
        if (!answer.button.accept) {
          return null;
        }
        let result: SignOutResult;
        try {
          // Through the service: every view and kernel hears of it, even of a failure.
          result = await service.api.projects.signOut(true);
        } catch (error) {
          await showErrorMessage(trans.__('Sign out failed'), error as Error);
          return null;
        }
        await report(result, trans);
        return result;
      }
    });
    palette?.addItem({
      command: CommandIDs.signOut,
      category: trans.__('Google')
    });
  }
};

async function report(
  result: SignOutResult,
  trans: TranslationBundle
): Promise<void> {
  const moved = result.moved.length;
  const revokeError = revokeErrorText(result);
  if (revokeError) {
    // Signed out here, but the grant may still be live at Google: say so, and how to end it.
    const lines = [
      trans.__(
        'Signed out on this server: %1 credential file(s) moved to backups.',
        moved
      ),
      trans.__('Google did not confirm the revocation: %1', revokeError),
      trans.__(
        'To be sure, remove the app’s access at https://myaccount.google.com/permissions.'
      )
    ];
    await showDialog({
      title: trans.__('Signed out locally; revocation failed'),
      body: lines.join('\n\n'),
      buttons: [Dialog.okButton()]
    });
    return;
  }
  if (moved === 0 && !result.revoked) {
    Notification.info(trans.__('No Google credential files to sign out of.'), {
      autoClose: 5000
    });
    return;
  }
  Notification.success(
    result.revoked
      ? trans.__(
          'Signed out: access revoked at Google, %1 file(s) moved to backups.',
          moved
        )
      : trans.__('Signed out: %1 file(s) moved to backups.', moved),
    { autoClose: 5000 }
  );
}
