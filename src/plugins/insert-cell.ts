import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, showErrorMessage } from '@jupyterlab/apputils';
import { INotebookTracker, type NotebookPanel } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { eeInitializeCode, type SetProjectResult } from '../core/projects';
import { IGoogleAuth } from '../tokens';
import { CommandIDs as ProjectCommands } from './projects';

export const CommandIDs = {
  insertEeInitialize: 'google-auth:insert-ee-initialize'
} as const;

/**
 * Inserts `import ee; ee.Initialize(project='…')` below the active cell, with the project
 * the credentials report gives ee; with none, the selector opens first.
 */
export const insertCellPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-google-auth:insert-cell',
  description:
    'Insert an ee.Initialize(project=...) cell with the chosen project.',
  autoStart: true,
  requires: [IGoogleAuth, INotebookTracker],
  optional: [ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    service: IGoogleAuth,
    tracker: INotebookTracker,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_google_auth');

    const projectForEe = async (): Promise<string | null> => {
      try {
        // Look at the files now: the cell must name the project they hold (a sign-in made in
        // a terminal meanwhile is heard of here, and by every view through the service).
        await service.refresh();
        const report = await service.api.projects.credentials();
        if (report.projects?.earthengine) {
          return report.projects.earthengine;
        }
      } catch {
        // The selector explains what is wrong with the server or the credentials.
      }
      if (!app.commands.hasCommand(ProjectCommands.selectProject)) {
        return null;
      }
      const chosen = (await app.commands.execute(
        ProjectCommands.selectProject
      )) as SetProjectResult | null;
      return chosen?.project ?? null;
    };

    app.commands.addCommand(CommandIDs.insertEeInitialize, {
      label: trans.__('Google: Insert ee.Initialize cell'),
      caption: trans.__(
        'Insert a cell that initializes Earth Engine with your project'
      ),
      isEnabled: () => tracker.currentWidget !== null,
      execute: async () => {
        // The notebook of the click, even if the selector dialog moves focus elsewhere.
        const panel = tracker.currentWidget;
        if (!panel) {
          return;
        }
        const project = await projectForEe();
        if (!project) {
          return;
        }
        try {
          insertCodeBelow(panel, eeInitializeCode(project));
        } catch (error) {
          await showErrorMessage(
            trans.__('Insert ee.Initialize cell'),
            error as Error
          );
        }
      }
    });
    palette?.addItem({
      command: CommandIDs.insertEeInitialize,
      category: trans.__('Google')
    });
  }
};

/** A code cell below the active one (at the end when none is active), made active. */
function insertCodeBelow(panel: NotebookPanel, source: string): void {
  const notebook = panel.content;
  const model = notebook.model;
  if (!model) {
    return;
  }
  const active = notebook.activeCellIndex;
  const at =
    active >= 0 && active < model.cells.length
      ? active + 1
      : model.cells.length;
  model.sharedModel.insertCell(at, { cell_type: 'code', source, metadata: {} });
  notebook.activeCellIndex = at;
  notebook.deselectAll();
}
