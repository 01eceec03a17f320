import * as React from 'react';

/** The panel's folded sections; `settings.openSections` names those that start open. */
export type SectionId = 'why' | 'other-ways' | 'options';

const STORAGE_PREFIX = 'jupyterlab-google-auth:section:';

/** The user's last choice for a section, else the settings' default. */
function rememberedOpen(id: SectionId, fallback: boolean): boolean {
  try {
    const stored = window.localStorage.getItem(STORAGE_PREFIX + id);
    return stored === null ? fallback : stored === 'open';
  } catch {
    return fallback; // storage blocked (privacy mode): the default each time
  }
}

/**
 * A native <details> section (keyboard and screen readers know it) that remembers whether
 * the user left it open, across panels and reloads.
 */
export function Disclosure(props: {
  id: SectionId;
  summary: string;
  defaultOpen: boolean;
  children: React.ReactNode;
}): JSX.Element {
  const { id } = props;
  const [open, setOpen] = React.useState(() =>
    rememberedOpen(id, props.defaultOpen)
  );
  return (
    <details
      className="jp-GoogleAuth-section"
      data-section={id}
      open={open}
      onToggle={event => {
        const now = (event.currentTarget as HTMLDetailsElement).open;
        if (now !== open) {
          setOpen(now);
          try {
            window.localStorage.setItem(
              STORAGE_PREFIX + id,
              now ? 'open' : 'closed'
            );
          } catch {
            // Not remembered; the section still works.
          }
        }
      }}
    >
      <summary>{props.summary}</summary>
      <div className="jp-GoogleAuth-sectionBody">{props.children}</div>
    </details>
  );
}
