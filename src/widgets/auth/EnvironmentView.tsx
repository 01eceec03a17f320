import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import {
  environmentLabel,
  modeLabel,
  SIGN_IN_MODES,
  type EnvironmentReport
} from '../../core';

/** What the server found about where it runs, and the mode it recommends. */
export function EnvironmentView(props: {
  report: EnvironmentReport;
  trans: TranslationBundle;
}): JSX.Element {
  const { report, trans } = props;
  return (
    <section
      className="jp-GoogleAuth-environment"
      aria-label={trans.__('Environment')}
    >
      <p>
        <strong>{trans.__('Environment:')}</strong>{' '}
        <span
          className="jp-GoogleAuth-class"
          data-environment-class={report.class}
        >
          {trans.__(environmentLabel(report.class))}
        </span>
      </p>
      <ul className="jp-GoogleAuth-reasons">
        {report.reasons.map((reason, i) => (
          <li key={i}>{reason}</li>
        ))}
      </ul>
      <p>
        <strong>{trans.__('Recommended sign-in:')}</strong>{' '}
        <span
          className="jp-GoogleAuth-mode"
          data-mode={report.recommended_mode ?? ''}
        >
          {report.recommended_mode
            ? trans.__(modeLabel(report.recommended_mode))
            : trans.__('none: your administrator turned every mode off here')}
        </span>
      </p>
      <details className="jp-GoogleAuth-modes">
        <summary>{trans.__('All sign-in modes')}</summary>
        <ul>
          {SIGN_IN_MODES.filter(m => report.modes[m]).map(m => {
            const availability = report.modes[m]!;
            return (
              <li key={m} data-mode={m} data-available={availability.available}>
                {trans.__(modeLabel(m))}
                {availability.available
                  ? ''
                  : ` — ${trans.__('unavailable')}: ${availability.reason ?? ''}`}
              </li>
            );
          })}
        </ul>
      </details>
    </section>
  );
}
