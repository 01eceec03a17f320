import type { TranslationBundle } from '@jupyterlab/translation';
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
  chosen: SetProjectResult | null;
  onChosen: (result: SetProjectResult) => void;
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
        {trans.__('Project set: %1.', chosen.project)}
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
    </section>
  );
}
