import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker, type NotebookPanel } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { GoogleAuthClient } from '../api';
import { AuthPanel } from '../widgets/AuthPanel';
import { attachBelowActiveCell } from '../widgets/attach';
import { googleIcon } from '../widgets/icons';

export const CommandIDs = {
  authenticate: 'google-auth:authenticate'
} as const;

/** One open panel per notebook: a second click focuses it instead of stacking another. */
const openPanels = new WeakMap<NotebookPanel, AuthPanel>();

/**
 * The Authenticate command: shown in the notebook toolbar (declared in schema/plugin.json under
 * `jupyter.lab.toolbars`) and in the command palette.
 */
export const authenticatePlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-google-auth:plugin',
  description:
    'Google sign-in for notebooks: the Authenticate button and the auth panel.',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_google_auth');
    const client = new GoogleAuthClient();

    app.commands.addCommand(CommandIDs.authenticate, {
      label: args =>
        args.toolbar
          ? trans.__('Authenticate')
          : trans.__('Google: Authenticate'),
      caption: trans.__('Sign in to Google for this notebook’s kernel'),
      icon: args => (args.toolbar ? googleIcon : undefined),
      isEnabled: () => tracker.currentWidget !== null,
      execute: () => {
        const panel = tracker.currentWidget;
        if (!panel) {
          return;
        }
        const existing = openPanels.get(panel);
        if (existing && !existing.isDisposed) {
          existing.node.scrollIntoView?.({ block: 'nearest' });
          return;
        }
        const widget = new AuthPanel(client, trans, window.location.origin);
        openPanels.set(panel, widget);
        attachBelowActiveCell(panel, widget);
      }
    });

    palette?.addItem({
      command: CommandIDs.authenticate,
      category: trans.__('Google')
    });
  }
};
