import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { IGoogleAuth } from '../tokens';
import { showProjectSelector } from '../widgets/projects/dialog';

export const CommandIDs = {
  selectProject: 'google-auth:select-project'
} as const;

// Sign out lives in its own plugin; the selector's button runs its command by id.
const SIGN_OUT = 'google-auth:sign-out';

/**
 * "Select project": opens the selector; the chosen project is written where ee and
 * google-auth read it. The command resolves to the server's answer (or null), so other
 * commands, such as the ee.Initialize cell, can ask for a project and wait.
 */
export const projectsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-google-auth:projects',
  description: 'The Google Cloud project selector.',
  autoStart: true,
  requires: [IGoogleAuth],
  optional: [ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    service: IGoogleAuth,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_google_auth');

    app.commands.addCommand(CommandIDs.selectProject, {
      label: trans.__('Google: Select project'),
      caption: trans.__('Choose the project ee and Google Cloud clients bill'),
      execute: async () => {
        // The service's client: the choice reaches every view and kernel through its door.
        const outcome = await showProjectSelector(service.api.projects, trans);
        if (outcome.result) {
          const where = outcome.result.files
            .map(f => f.target ?? f.path)
            .join(', ');
          Notification.success(
            trans.__('Project set to %1 (%2).', outcome.result.project, where),
            { autoClose: 5000 }
          );
        }
        if (outcome.signOut && app.commands.hasCommand(SIGN_OUT)) {
          await app.commands.execute(SIGN_OUT);
        }
        return outcome.result;
      }
    });
    palette?.addItem({
      command: CommandIDs.selectProject,
      category: trans.__('Google')
    });
  }
};
