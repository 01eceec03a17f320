import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { INotebookTracker, type NotebookPanel } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { profileLabel, sameProfile, type INotebookBinding } from '../core';
import { whenKernelReady } from '../kernel/ready';
import { NotebookBindings } from '../service/NotebookBindings';
import { IGoogleAuth, IGoogleAuthBindings } from '../tokens';
import { CommandIDs as AuthCommands } from './authenticate';

export const CommandIDs = {
  bindNotebook: 'google-auth:bind-notebook'
} as const;

/**
 * A notebook bound to a profile: "Use in this notebook" in the profiles menu stores the
 * profile's name in the notebook's metadata and binds its kernel; whenever a notebook's kernel
 * becomes ready (opened, restarted, changed) it is bound again before the user's first cell;
 * a notebook naming a profile this home lacks says so and offers to sign in as it.
 */
export const bindingPlugin: JupyterFrontEndPlugin<IGoogleAuthBindings> = {
  id: 'jupyterlab-google-auth:binding',
  description: 'Notebooks bound to a Google profile of their own.',
  autoStart: true,
  requires: [IGoogleAuth, INotebookTracker],
  optional: [ITranslator],
  provides: IGoogleAuthBindings,
  activate: (
    app: JupyterFrontEnd,
    service: IGoogleAuth,
    tracker: INotebookTracker,
    translator: ITranslator | null
  ): IGoogleAuthBindings => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_google_auth');
    const __ = trans.__.bind(trans);
    const bindings = new NotebookBindings(service, tracker, __);

    service.changed.connect((_, cause) => {
      // Signed in as the profile a notebook names ("Sign in as bob"): bind it now.
      if (cause.kind === 'profile-added') {
        for (const panel of bindings.panelsNaming(cause.profile)) {
          void bindings.apply(panel).then(b => say(panel, b));
        }
      }
    });

    /**
     * A binding that did not take: say so (JupyterLab shows 140 characters of a notification),
     * with what to do as the notification's one action.
     */
    const say = (panel: NotebookPanel, binding: INotebookBinding | null) => {
      if (!binding || panel.isDisposed) {
        return;
      }
      const active = service.status.account ?? __('none');
      if (binding.state === 'missing') {
        const known = bindings.profiles.some(p =>
          sameProfile(p.name, binding.profile)
        );
        Notification.warning(
          known
            ? __(
                "This notebook uses the Google account profile '%1', which is signed out here; its kernel uses %2.",
                binding.profile,
                active
              )
            : __(
                "This notebook uses the Google account profile '%1', which this Jupyter does not have; its kernel uses %2.",
                binding.profile,
                active
              ),
          {
            autoClose: false,
            actions: [
              {
                label: __('Sign in as %1', binding.profile),
                caption: known
                  ? __('Sign in again into the profile %1', binding.profile)
                  : __('Sign in into a new profile named %1', binding.profile),
                callback: () => {
                  app.shell.activateById(panel.id);
                  void app.commands.execute(AuthCommands.addAccount, {
                    name: binding.profile,
                    existing: known
                  });
                }
              }
            ]
          }
        );
      } else if (binding.state === 'turned-off') {
        Notification.warning(
          __(
            "This notebook uses the Google account profile '%1', but notebook binding is turned off here; its kernel uses %2.",
            binding.profile,
            active
          ),
          { autoClose: false }
        );
      }
    };

    tracker.widgetAdded.connect((_, panel) => {
      whenKernelReady(
        panel,
        () => void bindings.apply(panel).then(b => say(panel, b)),
        () => bindings.forget(panel)
      );
    });

    const profileOf = (name: unknown) =>
      bindings.profiles.find(p => p.name === name);
    app.commands.addCommand(CommandIDs.bindNotebook, {
      label: args => {
        if (args.name === null || args.name === undefined) {
          return __('Use the active account in this notebook');
        }
        const profile = profileOf(args.name);
        return __(
          'Use in this notebook: %1',
          profile ? profileLabel(profile, __) : String(args.name)
        );
      },
      caption: args =>
        args.name === null || args.name === undefined
          ? __('This notebook’s kernel goes back to the active account')
          : __(
              'This notebook’s kernel uses this account (saved in the notebook: the name only); other notebooks keep the active one'
            ),
      isVisible: () => tracker.currentWidget !== null && bindings.allowed,
      execute: async args => {
        const panel = tracker.currentWidget;
        if (!panel) {
          return;
        }
        const name = typeof args.name === 'string' ? args.name : null;
        say(panel, await bindings.bind(panel, name));
      }
    });
    return bindings;
  }
};
