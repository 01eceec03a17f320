import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import type { ISessionContext } from '@jupyterlab/apputils';
import { INotebookTracker, type NotebookPanel } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { SIGNIN_MIME_TYPE } from '../core';
import { whenKernelReady } from '../kernel/ready';
import { evaluateSilently } from '../kernel/silent';
import { IGoogleAuth } from '../tokens';
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
  requires: [IGoogleAuth, IRenderMimeRegistry, INotebookTracker],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    service: IGoogleAuth,
    rendermime: IRenderMimeRegistry,
    tracker: INotebookTracker,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_google_auth');
    rendermime.addFactory(
      {
        // Safe: it shows only this extension's panel; a saved (untrusted) output gets a note.
        safe: true,
        mimeTypes: [SIGNIN_MIME_TYPE],
        defaultRank: 0,
        createRenderer: () => new SignInOutput({ service, trans })
      },
      0
    );

    const install = async (panel: NotebookPanel, context: ISessionContext) => {
      await service.settingsLoaded;
      const kernel = context.session?.kernel;
      if (!service.settings.routeEeAuthenticate || !kernel) {
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
      whenKernelReady(
        panel,
        () => void install(panel, panel.sessionContext),
        () => delete panel.node.dataset.googleAuthRoute
      );
    });
  }
};
