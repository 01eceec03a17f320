import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, showErrorMessage } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import type { ProfileView } from '../api';
import { profileMenuLabel, profileNote } from '../core';
import { IGoogleAuth, IGoogleAuthBindings } from '../tokens';
import { addBindingItems, bindingChoices } from '../widgets/profiles/binding';
import { menuAnchor, openAt, profilesMenu } from '../widgets/profiles/menu';
import { CommandIDs as AuthCommands } from './authenticate';
import { CommandIDs as BindingCommands } from './binding';
import { CommandIDs as ActionCommands } from './profile-actions';
import { CommandIDs as ProjectCommands } from './projects';

export const CommandIDs = {
  menu: 'google-auth:profiles-menu',
  switchProfile: 'google-auth:switch-profile'
} as const;

/**
 * Several Google accounts side by side: the status bar item's account opens a menu of the
 * profiles (one click to open, one to switch), from the first profile on, so "Add account",
 * "Act as a service account…" and "Manage accounts…" are always one click away. The list is
 * read from the server after each change that may alter it.
 */
export const profilesPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-google-auth:profiles',
  description: 'Named Google profiles: a menu to switch between them.',
  autoStart: true,
  requires: [IGoogleAuth],
  optional: [ICommandPalette, ITranslator, IGoogleAuthBindings],
  activate: (
    app: JupyterFrontEnd,
    service: IGoogleAuth,
    palette: ICommandPalette | null,
    translator: ITranslator | null,
    bindings: IGoogleAuthBindings | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_google_auth');
    const __ = trans.__.bind(trans);
    const offered = () => service.environment?.policy?.allow_profiles !== false;
    // The service's list, the one every view reads; null until listed (or not offered).
    const listing = () => (offered() ? service.profiles : null);
    const profiles = (): ProfileView[] => {
      const list = listing();
      return list && !list.visitor ? list.profiles : [];
    };
    // The list was read and is this user's own (not turned off, not a visitor).
    const listed = () => {
      const list = listing();
      return list !== null && !list.visitor;
    };
    service.changed.connect((_, cause) => {
      if (cause.kind === 'profiles-listed') {
        app.commands.notifyCommandChanged(CommandIDs.menu);
      }
    });

    const find = (name: unknown) => profiles().find(p => p.name === name);
    app.commands.addCommand(CommandIDs.switchProfile, {
      label: args => {
        const profile = find(args.name);
        // The kind and any expiry warning are on the line: Lumino's menus show no caption.
        return profile
          ? profileMenuLabel(profile, __)
          : String(args.name ?? '');
      },
      caption: args => {
        const profile = find(args.name);
        return profile ? profileNote(profile, __) : '';
      },
      isToggled: args => find(args.name)?.active ?? false,
      execute: async args => {
        const profile = find(args.name);
        if (!profile || profile.active) {
          return;
        }
        try {
          await service.api.profiles.switchTo(profile.name);
        } catch (error) {
          await showErrorMessage(
            __('Switching Google account'),
            error as Error
          );
        }
      }
    });

    app.commands.addCommand(CommandIDs.menu, {
      label: __('Google: Switch account'),
      caption: __('Choose which Google account the notebooks use'),
      // From the first profile on: the menu is also where accounts are added.
      isEnabled: () => listed(),
      execute: async () => {
        const menu = profilesMenu(
          app.commands,
          {
            switchProfile: CommandIDs.switchProfile,
            addAccount: AuthCommands.addAccount,
            impersonate: ActionCommands.impersonate,
            manage: ActionCommands.manage,
            selectProject: ProjectCommands.selectProject,
            showStatus: 'google-auth:show-status'
          },
          profiles(),
          service.environment?.policy?.allow_impersonation
        );
        // The current notebook: "Use in this notebook" (binding.ts).
        if (
          bindings?.allowed &&
          app.commands.isVisible(BindingCommands.bindNotebook)
        ) {
          const choices = bindingChoices(bindings.profiles, bindings.current);
          addBindingItems(menu, BindingCommands.bindNotebook, choices);
        }
        menu.aboutToClose.connect(() => menu.dispose());
        openAt(menu, menuAnchor());
      }
    });
    palette?.addItem({ command: CommandIDs.menu, category: __('Google') });
  }
};
