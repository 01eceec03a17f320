import * as React from 'react';

import type { SectionId } from '../../core';

export type { SectionId } from '../../core';

/**
 * Whether each folded section starts open, and where the user's own folding is remembered
 * (the service's UI memory; a value set in the settings editor beats it).
 */
export interface ISections {
  startsOpen(id: SectionId): boolean;
  remember(id: SectionId, open: boolean): void;
}

/** A native <details> section (keyboard and screen readers know it) that remembers its state. */
export function Disclosure(props: {
  id: SectionId;
  summary: string;
  sections: ISections;
  children: React.ReactNode;
}): JSX.Element {
  const { id, sections } = props;
  const [open, setOpen] = React.useState(() => sections.startsOpen(id));
  return (
    <details
      className="jp-GoogleAuth-section"
      data-section={id}
      open={open}
      onToggle={event => {
        const now = (event.currentTarget as HTMLDetailsElement).open;
        if (now !== open) {
          setOpen(now);
          sections.remember(id, now);
        }
      }}
    >
      <summary>{props.summary}</summary>
      <div className="jp-GoogleAuth-sectionBody">{props.children}</div>
    </details>
  );
}
