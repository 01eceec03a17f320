import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { LatestRunner, SECRET_REQUEST_MIME_TYPE } from '../core';
import { notebookKernels } from '../kernel/notebooks';
import { evaluateSilently } from '../kernel/silent';
import { IGoogleAuth } from '../tokens';
import { SecretPrompt } from '../widgets/secrets/SecretPrompt';
import { SecretsPanel } from '../widgets/secrets/SecretsPanel';

/** Each kernel sets or removes its notebook's "set in kernels" variables (userdata.py). */
const SYNC =
  "__import__('jupyterlab_google_auth.userdata', fromlist=['sync_environment'])" +
  '.sync_environment()';

/**
 * The secret store in JupyterLab: the Secrets panel in the left sidebar, the prompt that
 * `userdata.get` shows in a cell's output, and, after a change, the open notebooks' kernels
 * catching up with their "set in kernels" variables (the server sets them at kernel start).
 */
export const secretsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-google-auth:secrets',
  description:
    'A secret store for API keys: the Secrets panel, the access prompt, kernel variables.',
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

    const panel = new SecretsPanel(service, trans);
    app.shell.add(panel, 'left', { rank: 900, type: 'Secrets' });
    // The access switches are for the current notebook, under its current name (a rename
    // or "Save as" changes the path without changing the current widget).
    const follow = () => {
      panel.notebook = tracker.currentWidget?.context.path ?? null;
    };
    tracker.currentChanged.connect(follow);
    tracker.widgetAdded.connect((_, nb) => {
      nb.context.pathChanged.connect(() => {
        if (tracker.currentWidget === nb) {
          follow();
        }
      });
    });
    follow();

    rendermime.addFactory(
      {
        // Safe: it shows only a question and two buttons; a saved output gets a plain line.
        safe: true,
        mimeTypes: [SECRET_REQUEST_MIME_TYPE],
        defaultRank: 0,
        createRenderer: () => new SecretPrompt(service, trans)
      },
      0
    );

    const sync = new LatestRunner(async () => {
      await Promise.all(
        notebookKernels(tracker).map(kernel => evaluateSilently(kernel, SYNC))
      );
    });
    service.changed.connect((_, cause) => {
      if (cause.kind === 'secrets-changed') {
        void sync.request();
      }
    });
  }
};
