import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, showErrorMessage } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { signInAgain } from '../core/status';
import { IGoogleAuth, IGoogleAuthBindings } from '../tokens';
import { showStatusDialog } from '../widgets/status/dialog';
import { StatusItem, type StatusPart } from '../widgets/status/StatusItem';
import { CommandIDs as ProfileCommands } from './profiles';
import { CommandIDs as ProjectCommands } from './projects';

export const CommandIDs = {
  showStatus: 'google-auth:show-status'
} as const;

/**
 * Account and project in the status bar. Without a status bar (Notebook 7 has none) the same
 * item goes at the end of each notebook's toolbar instead; it is added by code rather than
 * declared in the toolbar schema so JupyterLab, which has a status bar, does not show it twice.
 */
export const statusPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-google-auth:status',
  description: 'Google account and project in the status bar, kept up to date.',
  autoStart: true,
  requires: [IGoogleAuth],
  optional: [
    IStatusBar,
    INotebookTracker,
    ICommandPalette,
    ITranslator,
    IGoogleAuthBindings
  ],
  activate: (
    app: JupyterFrontEnd,
    service: IGoogleAuth,
    statusBar: IStatusBar | null,
    tracker: INotebookTracker | null,
    palette: ICommandPalette | null,
    translator: ITranslator | null,
    bindings: IGoogleAuthBindings | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_google_auth');
    const clickHint = trans.__('Click to change the project.');
    // Two click targets while profiles are offered: the account opens the profiles menu
    // (switch, add, act as a service account, manage), the project the project selector, so
    // neither costs more than one click.
    const splitHints = () =>
      service.environment?.policy?.allow_profiles === false
        ? undefined
        : {
            account: trans.__('Click to switch or add a Google account.'),
            project: clickHint
          };
    const activate = (part: StatusPart) => {
      if (part === 'account' && app.commands.isEnabled(ProfileCommands.menu)) {
        void app.commands.execute(ProfileCommands.menu);
        return;
      }
      // A sign-in Google ended: the status dialog, whose one action is "Sign in again".
      const report = service.credentials;
      const ended = report ? signInAgain(report) : null;
      const id =
        !ended && app.commands.hasCommand(ProjectCommands.selectProject)
          ? ProjectCommands.selectProject
          : CommandIDs.showStatus;
      void app.commands.execute(id);
    };

    if (statusBar) {
      statusBar.registerStatusItem('jupyterlab-google-auth:status', {
        item: new StatusItem(
          service,
          activate,
          clickHint,
          splitHints,
          bindings
        ),
        align: 'left',
        rank: 50,
        // Above 0: JupyterLab hides priority-0 items in windows 630 px wide or less, and the
        // account must stay visible there (the toolbar's Authenticate is an icon by then).
        priority: 1
      });
    } else if (tracker) {
      tracker.widgetAdded.connect((_, panel) => {
        const item = new StatusItem(
          service,
          activate,
          clickHint,
          splitHints,
          bindings
        );
        item.addClass('jp-GoogleAuth-toolbarStatus');
        panel.toolbar.addItem('google-auth-status', item);
      });
    }

    app.commands.addCommand(CommandIDs.showStatus, {
      label: trans.__('Google: Show credential status'),
      caption: trans.__('Every credential source on the kernel host'),
      execute: async () => {
        try {
          await service.refresh();
          const report = await service.api.projects.credentials();
          await showStatusDialog(report, trans, again => {
            // The same mode and preset; the panel opens in the current notebook.
            void app.commands.execute('google-auth:reauthenticate', {
              mode: again.mode,
              preset: again.preset
            });
          });
        } catch (error) {
          await showErrorMessage(
            trans.__('Google credentials'),
            error as Error
          );
        }
      }
    });
    palette?.addItem({
      command: CommandIDs.showStatus,
      category: trans.__('Google')
    });
  }
};
