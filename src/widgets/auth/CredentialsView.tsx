import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import {
  describeSource,
  describeUsage,
  sourceLabel,
  type CredentialsReport
} from '../../core';

/** Every credential source on the kernel host, and which one each library will use. */
export function CredentialsView(props: {
  report: CredentialsReport;
  trans: TranslationBundle;
}): JSX.Element {
  const { report, trans } = props;
  return (
    <section
      className="jp-GoogleAuth-credentials"
      aria-label={trans.__('Credentials')}
    >
      <p>
        <strong>{trans.__('Credentials on the kernel host:')}</strong>
      </p>
      <ul>
        {report.sources.map(source => (
          <li
            key={source.name}
            data-source={source.name}
            data-present={source.present}
          >
            {trans.__(sourceLabel(source.name))}: {describeSource(source)}
            {source.problems.length > 0 && (
              <ul className="jp-GoogleAuth-problems">
                {source.problems.map(p => (
                  <li key={p.code}>{p.message}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {describeUsage(report).map((line, i) => (
        <p key={i} className="jp-GoogleAuth-usage">
          {line}
        </p>
      ))}
    </section>
  );
}
