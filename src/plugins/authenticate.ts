import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker, type NotebookPanel } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { AuthClient } from '../api';
import { reauthChoice } from '../core/status';
import type { ISignInForm } from '../widgets/auth/form';
import { AuthPanel } from '../widgets/auth/AuthPanel';
import { attachBelowActiveCell } from '../widgets/attach';
import { googleIcon } from '../widgets/icons';

export const CommandIDs = {
  authenticate: 'google-auth:authenticate',
  reauthenticate: 'google-auth:reauthenticate'
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
    const client = new AuthClient();

    /** Opens (or reuses) the notebook's panel; `force` signs in even when credentials fit. */
    const open = (force: boolean, initialForm: Partial<ISignInForm> = {}) => {
      const panel = tracker.currentWidget;
      if (!panel) {
        return;
      }
      const existing = openPanels.get(panel);
      if (existing && !existing.isDisposed) {
        existing.force = existing.force || force;
        existing.node.scrollIntoView?.({ block: 'nearest' });
        return;
      }
      const widget = new AuthPanel(
        client,
        trans,
        window.location.origin,
        {},
        initialForm
      );
      widget.force = force;
      openPanels.set(panel, widget);
      attachBelowActiveCell(panel, widget);
    };

    app.commands.addCommand(CommandIDs.authenticate, {
      label: args =>
        args.toolbar
          ? trans.__('Authenticate')
          : trans.__('Google: Authenticate'),
      caption: trans.__('Sign in to Google for this notebook’s kernel'),
      icon: args => (args.toolbar ? googleIcon : undefined),
      isEnabled: () => tracker.currentWidget !== null,
      execute: () => open(false)
    });

    app.commands.addCommand(CommandIDs.reauthenticate, {
      label: trans.__('Google: Re-authenticate'),
      caption: trans.__(
        'Sign in again even when the saved credentials already fit (like ee.Authenticate(force=True))'
      ),
      isEnabled: () => tracker.currentWidget !== null,
      // "Sign in again" passes the mode and preset of the sign-in that ended; the panel keeps
      // the mode only where it still works (preselectMode), never one that cannot.
      execute: args => {
        const { mode, preset } = reauthChoice(args);
        const form: Partial<ISignInForm> = {};
        if (mode) {
          form.mode = mode;
        }
        if (preset) {
          form.scopeChoice = preset;
        }
        open(true, form);
      }
    });

    for (const command of [
      CommandIDs.authenticate,
      CommandIDs.reauthenticate
    ]) {
      palette?.addItem({ command, category: trans.__('Google') });
    }
  }
};
