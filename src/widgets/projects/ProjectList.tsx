import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { EarthEngineReadiness, ProjectEntry } from '../../core/projects';
import { readinessBadge, readinessLabel } from './EarthEngineView';

export interface IProjectListProps {
  id: string;
  entries: ProjectEntry[];
  highlighted: number;
  current: string | null;
  busy: string | null;
  /** Earth Engine readiness of the projects checked so far (shown as a badge). */
  readiness?: Map<string, EarthEngineReadiness>;
  trans: TranslationBundle;
  onHighlight(index: number): void;
  onChoose(projectId: string): void;
}

/** The listbox: one option per project, recent ones first, the highlighted one selected. */
export function ProjectList(props: IProjectListProps): JSX.Element {
  const { id, entries, highlighted, current, busy, trans } = props;
  const listRef = React.useRef<HTMLUListElement>(null);

  // Keep the highlighted row in view as the keyboard moves it.
  React.useEffect(() => {
    const row = listRef.current?.querySelector(
      `#${CSS.escape(optionId(id, highlighted))}`
    );
    (row as HTMLElement | null)?.scrollIntoView?.({ block: 'nearest' });
  }, [id, highlighted]);

  return (
    <ul
      ref={listRef}
      id={id}
      role="listbox"
      aria-label={trans.__('Projects')}
      className="jp-GoogleAuth-projectList"
    >
      {entries.map((entry, i) => (
        <li
          key={entry.project_id}
          id={optionId(id, i)}
          role="option"
          aria-selected={i === highlighted}
          data-project={entry.project_id}
          className={
            'jp-GoogleAuth-projectOption' +
            (i === highlighted ? ' jp-mod-active' : '') +
            (entry.project_id === current ? ' jp-mod-current' : '')
          }
          onMouseMove={() => i !== highlighted && props.onHighlight(i)}
          onClick={() => props.onChoose(entry.project_id)}
        >
          <span className="jp-GoogleAuth-projectId">{entry.project_id}</span>
          {entry.name && entry.name !== entry.project_id && (
            <span className="jp-GoogleAuth-projectName">{entry.name}</span>
          )}
          {entry.recent && (
            <span className="jp-GoogleAuth-badge">{trans.__('recent')}</span>
          )}
          {entry.project_id === current && (
            <span className="jp-GoogleAuth-badge">{trans.__('current')}</span>
          )}
          <ReadinessBadge
            found={props.readiness?.get(entry.project_id)}
            trans={trans}
          />
          {entry.project_id === busy && (
            <span className="jp-GoogleAuth-badge">{trans.__('saving…')}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

function ReadinessBadge(props: {
  found: EarthEngineReadiness | undefined;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { found, trans } = props;
  if (!found || found.state === 'unknown') {
    return null;
  }
  return (
    <span
      className={`jp-GoogleAuth-badge jp-mod-ee-${found.state}`}
      data-ee-state={found.state}
      title={readinessLabel(found.state, trans)}
    >
      {readinessBadge(found.state, trans)}
    </span>
  );
}

export function optionId(listId: string, index: number): string {
  return `${listId}-option-${index}`;
}
