import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { impersonationSource } from '../core';
import { IGoogleAuth } from '../tokens';
import { showImpersonateDialog } from '../widgets/profiles/ImpersonateDialog';
import { showManageDialog } from '../widgets/profiles/ManageDialog';

export const CommandIDs = {
  impersonate: 'google-auth:impersonate',
  manage: 'google-auth:manage-profiles'
} as const;

/**
 * The profiles menu's actions beyond switching: "Act as a service account…" and "Manage
 * accounts…". Both write through the service's profiles client, whose changes
 * (`profile-added`, `profiles-changed`, `signed-out`) reach the menu and every view.
 */
export const profileActionsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-google-auth:profile-actions',
  description: 'Impersonation and per-profile sign-out, rename and delete.',
  autoStart: true,
  requires: [IGoogleAuth],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    service: IGoogleAuth,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_google_auth');
    const profiles = service.api.profiles;
    const policy = () => service.environment?.policy;

    app.commands.addCommand(CommandIDs.impersonate, {
      label: trans.__('Act as a service account…'),
      caption: trans.__(
        'Add a profile that acts as a service account with your sign-in (impersonation)'
      ),
      isEnabled: () =>
        policy()?.allow_profiles !== false &&
        policy()?.allow_impersonation !== false,
      execute: async args => {
        // The menu names the user profile to act from; elsewhere the list is read.
        const source =
          typeof args.source === 'string'
            ? args.source
            : impersonationSource((await profiles.list()).profiles);
        return showImpersonateDialog(trans, source, request =>
          profiles.impersonate(request)
        );
      }
    });

    app.commands.addCommand(CommandIDs.manage, {
      label: trans.__('Manage accounts…'),
      caption: trans.__('Rename, sign out or delete each Google profile'),
      isEnabled: () => policy()?.allow_profiles !== false,
      execute: () =>
        showManageDialog(
          {
            list: () => profiles.list(),
            signOut: name => profiles.signOut(name, true),
            remove: name => profiles.remove(name),
            rename: (name, to) => profiles.rename(name, to)
          },
          trans
        )
    });
  }
};
