import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import type { ISessionContext } from '@jupyterlab/apputils';
import { INotebookTracker, type NotebookPanel } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { AuthClient, ProjectsClient } from '../api';
import { SIGNIN_MIME_TYPE } from '../core';
import { booleanSetting } from '../kernel/setting';
import { evaluateSilently } from '../kernel/silent';
import { SignInOutput } from '../widgets/cell/SignInOutput';

/** Routes ee.Authenticate() in the kernel to the panel (jupyterlab_google_auth/kernel). */
const INSTALL =
  "__import__('jupyterlab_google_auth.kernel', fromlist=['install']).install()";

/**
 * The cell route: renders `authenticate()`'s bundle with the auth panel inside the cell's
 * output, and, when a notebook's kernel starts or restarts, quietly installs the hook that
 * sends `ee.Authenticate()` there (Python kernels where the package imports; nothing shows).
 */
export const cellRoutePlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-google-auth:cell-route',
  description:
    'Shows the sign-in panel in cell outputs and routes ee.Authenticate() to it.',
  autoStart: true,
  requires: [IRenderMimeRegistry, INotebookTracker],
  optional: [ISettingRegistry, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    rendermime: IRenderMimeRegistry,
    tracker: INotebookTracker,
    settingRegistry: ISettingRegistry | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_google_auth');
    const client = new AuthClient();
    const projects = new ProjectsClient();
    rendermime.addFactory(
      {
        // Safe: it shows only this extension's panel; a saved (untrusted) output gets a note.
        safe: true,
        mimeTypes: [SIGNIN_MIME_TYPE],
        defaultRank: 0,
        createRenderer: () =>
          new SignInOutput({
            client,
            projects,
            trans,
            origin: window.location.origin
          })
      },
      0
    );

    const enabled = booleanSetting(settingRegistry, 'routeEeAuthenticate');

    const install = async (panel: NotebookPanel, context: ISessionContext) => {
      const kernel = context.session?.kernel;
      if (!enabled.value || !kernel) {
        return;
      }
      const answer = await evaluateSilently(kernel, INSTALL);
      if (context.session?.kernel === kernel && !panel.isDisposed) {
        // For tests and debugging only; nothing is shown.
        panel.node.dataset.googleAuthRoute = answer?.installed
          ? 'installed'
          : 'unavailable';
      }
    };

    tracker.widgetAdded.connect((_, panel) => {
      const context = panel.sessionContext;
      // A new kernel or a restart needs the hook again; install once the kernel is idle.
      let needed = true;
      const maybeInstall = () => {
        if (needed && context.session?.kernel?.status === 'idle') {
          needed = false;
          void install(panel, context);
        }
      };
      context.kernelChanged.connect(() => {
        needed = true;
        delete panel.node.dataset.googleAuthRoute;
        maybeInstall();
      });
      context.statusChanged.connect((_, status) => {
        if (status === 'restarting' || status === 'autorestarting') {
          needed = true;
          delete panel.node.dataset.googleAuthRoute;
        }
        maybeInstall();
      });
      void context.ready.then(maybeInstall);
    });
  }
};
