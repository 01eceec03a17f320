import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { ProjectServices } from '../../core/projects';
import type { IShownError } from './errors';

export type ServicesLoad = ProjectServices | 'loading' | IShownError;

/** Whether the APIs that matter are enabled in the highlighted project. */
export function ServicesView(props: {
  project: string | null;
  load: ServicesLoad | undefined;
  trans: TranslationBundle;
}): JSX.Element {
  const { project, load, trans } = props;
  let body: React.ReactNode;
  if (!project) {
    body = <p>{trans.__('Highlight a project to see its APIs.')}</p>;
  } else if (load === undefined || load === 'loading') {
    body = <p>{trans.__('Checking APIs…')}</p>;
  } else if ('message' in load) {
    // Service Usage may be denied: "unknown", not a failure of the selector.
    body = (
      <p className="jp-GoogleAuth-serviceNote">
        {trans.__('API states unknown: %1', load.message)}
      </p>
    );
  } else {
    body = (
      <ul>
        {load.services.map(s => (
          <li key={s.name} data-service={s.name} data-state={s.state}>
            <span className="jp-GoogleAuth-serviceTitle">{s.title}</span>{' '}
            <ServiceState state={s.state} trans={trans} />
            {s.state === 'DISABLED' && s.enable_url && (
              <>
                {' '}
                <a
                  href={s.enable_url}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="jp-GoogleAuth-enableLink"
                >
                  {trans.__('Enable')}
                </a>
              </>
            )}
            {s.note && (
              <div className="jp-GoogleAuth-serviceNote">{s.note}</div>
            )}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <section
      className="jp-GoogleAuth-services"
      aria-live="polite"
      aria-label={trans.__('APIs of the highlighted project')}
    >
      <h3>{project ? trans.__('APIs in %1', project) : trans.__('APIs')}</h3>
      {body}
    </section>
  );
}

function ServiceState(props: {
  state: string;
  trans: TranslationBundle;
}): JSX.Element {
  const { state, trans } = props;
  const label =
    state === 'ENABLED'
      ? trans.__('enabled')
      : state === 'DISABLED'
        ? trans.__('disabled')
        : trans.__('unknown');
  return (
    <span
      className={`jp-GoogleAuth-serviceState jp-mod-${state.toLowerCase()}`}
    >
      {label}
    </span>
  );
}
