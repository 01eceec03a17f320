import type { TranslationBundle } from '@jupyterlab/translation';
import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { IProjectsApi } from '../../api/projects';
import type { SetProjectResult } from '../../core/projects';
import { ProjectSelector } from '../projects/ProjectSelector';

/**
 * The step right after a sign-in: Earth Engine needs a project, so the same panel asks for
 * it (recent and listed projects, search, a typed id, each with its readiness). The status
 * bar item and the project dialog stay for later changes.
 */
export function ProjectStep(props: {
  api: IProjectsApi;
  /** The project chosen in this step or elsewhere meanwhile (the selector, a cell). */
  chosen: string | null;
  onChosen: (result: SetProjectResult) => void;
  /** "Skip for now": the panel goes on without a project (the cell route returns). */
  onSkip?: () => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { trans, chosen } = props;
  const section = React.useRef<HTMLElement>(null);
  React.useEffect(() => {
    // The next thing to do is to pick: the search box takes the keyboard.
    section.current
      ?.querySelector<HTMLInputElement>('.jp-GoogleAuth-search')
      ?.focus({ preventScroll: true });
  }, []);
  if (chosen) {
    return (
      <p className="jp-GoogleAuth-projectSet" role="status">
        {trans.__('Project set: %1.', chosen)}
      </p>
    );
  }
  return (
    <section
      ref={section}
      className="jp-GoogleAuth-projectStep"
      aria-label={trans.__('Choose your project')}
    >
      <h3>{trans.__('Choose your project')}</h3>
      <ProjectSelector
        api={props.api}
        trans={trans}
        onChosen={result => props.onChosen(result)}
      />
      {props.onSkip && (
        <Button
          minimal
          small
          className="jp-GoogleAuth-skipProject"
          onClick={props.onSkip}
        >
          {trans.__('Skip for now')}
        </Button>
      )}
    </section>
  );
}
