import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { INotebookTracker } from '@jupyterlab/notebook';

import { onboardingRequest } from '../core/onboarding';
import { CommandIDs } from './authenticate';

const CREATE_NOTEBOOK = 'notebook:create-new';

/**
 * Onboarding links: JupyterLab opened with `?google-auth=signin` (optionally `&preset=…`)
 * opens the sign-in panel on the current notebook, so a hub's or Binder's README can link
 * straight to sign-in. With no notebook open it creates one (a sign-in writes credentials for
 * kernels; a notebook is where the user goes next). The parameters are then removed from the
 * address bar, so a reload or a bookmark does not sign in again.
 */
export const onboardingPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-google-auth:onboarding',
  description:
    'Opens the Google sign-in panel from a ?google-auth=signin link.',
  autoStart: true,
  requires: [INotebookTracker],
  activate: (app: JupyterFrontEnd, tracker: INotebookTracker) => {
    const request = onboardingRequest(window.location.href);
    if (!request) {
      return;
    }
    window.history.replaceState(window.history.state, '', request.cleanUrl);
    void app.restored.then(async () => {
      let panel = tracker.currentWidget;
      if (!panel && app.commands.hasCommand(CREATE_NOTEBOOK)) {
        // The default kernel, so no "Select Kernel" dialog stands before the sign-in.
        const specs = app.serviceManager.kernelspecs;
        await specs.ready;
        panel = await app.commands.execute(CREATE_NOTEBOOK, {
          kernelName: specs.specs?.default ?? ''
        });
      }
      if (!panel) {
        return;
      }
      await panel.context.ready;
      await app.commands.execute(CommandIDs.authenticate, {
        preset: request.preset ?? null
      });
    });
  }
};
