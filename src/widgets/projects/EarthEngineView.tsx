import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { EarthEngineState } from '../../core/projects';
import type { ReadinessLoad } from './listing';

/** A state in a few words. */
export function readinessLabel(
  state: EarthEngineState,
  trans: TranslationBundle
): string {
  switch (state) {
    case 'ready':
      return trans.__('ready for Earth Engine');
    case 'disabled':
      return trans.__('Earth Engine API disabled');
    case 'unregistered':
      return trans.__('not registered for Earth Engine');
    case 'denied':
      return trans.__('no Earth Engine permission');
    default:
      return trans.__('Earth Engine: unknown');
  }
}

/** The list's badge: short, so the id keeps its room. */
export function readinessBadge(
  state: EarthEngineState,
  trans: TranslationBundle
): string {
  switch (state) {
    case 'ready':
      return trans.__('EE ready');
    case 'disabled':
      return trans.__('EE API off');
    case 'unregistered':
      return trans.__('EE unregistered');
    case 'denied':
      return trans.__('EE no access');
    default:
      return trans.__('EE ?');
  }
}

/** What `ee.Initialize(project=…)` would meet in the highlighted project, and the fix. */
export function EarthEngineView(props: {
  project: string | null;
  load: ReadinessLoad | undefined;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { project, load, trans } = props;
  if (!project) {
    return null;
  }
  let body: React.ReactNode;
  if (load === undefined || load === 'loading') {
    body = <p>{trans.__('Asking Earth Engine…')}</p>;
  } else if ('message' in load) {
    body = <p className="jp-GoogleAuth-serviceNote">{load.message}</p>;
  } else {
    const action =
      load.state === 'disabled'
        ? trans.__('Enable the API')
        : load.state === 'unregistered'
          ? trans.__('Register the project')
          : null;
    body = (
      <p data-ee-state={load.state}>
        <span className={`jp-GoogleAuth-serviceState jp-mod-ee-${load.state}`}>
          {readinessLabel(load.state, trans)}
        </span>
        {action && load.action_url && (
          <>
            {' '}
            <a
              href={load.action_url}
              target="_blank"
              rel="noopener noreferrer"
              className="jp-GoogleAuth-eeAction"
            >
              {action}
            </a>
          </>
        )}
        {load.note && (
          <span className="jp-GoogleAuth-serviceNote"> {load.note}</span>
        )}
      </p>
    );
  }
  return (
    <section
      className="jp-GoogleAuth-earthEngine"
      aria-live="polite"
      aria-label={trans.__('Earth Engine readiness of the highlighted project')}
    >
      <h3>{trans.__('Earth Engine in %1', project)}</h3>
      {body}
    </section>
  );
}
