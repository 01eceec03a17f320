import { Dialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { PromiseDelegate } from '@lumino/coreutils';
import * as React from 'react';

import type { IProjectsApi } from '../../api/projects';
import type { SetProjectResult } from '../../core/projects';
import { ProjectSelector } from './ProjectSelector';

/**
 * A dialog whose body handles Enter itself. JupyterLab's Dialog resolves on Enter in any text
 * field; in the selector Enter means "choose the highlighted project", which the body does.
 */
class SelectorDialog extends Dialog<void> {
  handleEvent(event: Event): void {
    if (
      event.type === 'keydown' &&
      (event as KeyboardEvent).key === 'Enter' &&
      (event.target as HTMLElement | null)?.closest?.('.jp-GoogleAuth-selector')
    ) {
      return;
    }
    super.handleEvent(event);
  }
}

export interface ISelectorOutcome {
  /** The project written, or null when the dialog was closed. */
  result: SetProjectResult | null;
  gcloud: boolean;
  /** The user asked to sign out from the selector. */
  signOut: boolean;
}

/** Opens the project selector; resolves when a project is set or the dialog closes. */
export async function showProjectSelector(
  api: IProjectsApi,
  trans: TranslationBundle
): Promise<ISelectorOutcome> {
  const outcome: ISelectorOutcome = {
    result: null,
    gcloud: false,
    signOut: false
  };
  // The body closes the dialog itself, so it needs the dialog: create it first, wire later.
  let close = () => undefined as void;
  const ready = new PromiseDelegate<void>();
  const body = ReactWidget.create(
    <ProjectSelector
      api={api}
      trans={trans}
      ready={ready.promise}
      onChosen={(result, gcloud) => {
        outcome.result = result;
        outcome.gcloud = gcloud;
        close();
      }}
      onSignOut={() => {
        outcome.signOut = true;
        close();
      }}
    />
  );
  const dialog = new SelectorDialog({
    title: trans.__('Google Cloud project'),
    body,
    buttons: [Dialog.cancelButton({ label: trans.__('Close') })],
    hasClose: true,
    focusNodeSelector: '.jp-GoogleAuth-search'
  });
  dialog.addClass('jp-GoogleAuth-selectorDialog');
  close = () => dialog.resolve(0);
  void dialog.ready.then(() => ready.resolve());
  await dialog.launch();
  return outcome;
}
