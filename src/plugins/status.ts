import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, showErrorMessage } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { credentialEvents, ProjectsClient } from '../api';
import { StatusItem } from '../widgets/status/StatusItem';
import { signInAgain } from '../core/status';
import { showStatusDialog } from '../widgets/status/dialog';
import { StatusModel } from '../widgets/status/model';
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
  optional: [IStatusBar, INotebookTracker, ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    statusBar: IStatusBar | null,
    tracker: INotebookTracker | null,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_google_auth');
    const client = new ProjectsClient();
    const model = new StatusModel(client, {
      translate: trans.__.bind(trans)
    });

    // Fresh after a flow, a project change or a sign-out; and when the user comes back from
    // another tab or window, where they may have run gcloud or ee.Authenticate().
    credentialEvents.changed.connect(() => void model.refresh());
    window.addEventListener('focus', () => model.refreshOnFocus());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        model.refreshOnFocus();
      }
    });

    const activate = () => {
      // A sign-in Google ended: the status dialog, whose one action is "Sign in again".
      const ended = model.report ? signInAgain(model.report) : null;
      const id =
        !ended && app.commands.hasCommand(ProjectCommands.selectProject)
          ? ProjectCommands.selectProject
          : CommandIDs.showStatus;
      void app.commands.execute(id);
    };

    if (statusBar) {
      statusBar.registerStatusItem('jupyterlab-google-auth:status', {
        item: new StatusItem(model, activate),
        align: 'left',
        rank: 50
      });
    } else if (tracker) {
      tracker.widgetAdded.connect((_, panel) => {
        const item = new StatusItem(model, activate);
        item.addClass('jp-GoogleAuth-toolbarStatus');
        panel.toolbar.addItem('google-auth-status', item);
      });
    }

    app.commands.addCommand(CommandIDs.showStatus, {
      label: trans.__('Google: Show credential status'),
      caption: trans.__('Every credential source on the kernel host'),
      execute: async () => {
        try {
          await model.refresh();
          const report = model.report ?? (await client.credentials());
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
