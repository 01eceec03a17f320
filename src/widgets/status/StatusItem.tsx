import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { Status } from '../../core/status';
import { STATUS_SEPARATOR, statusParts } from '../../core/statusParts';
import type { IGoogleAuth, IGoogleAuthBindings } from '../../tokens';
import { accountIcon, statusWarningIcon } from './icons';

/** Which part of the item was clicked: the account (profiles) or the project. */
export type StatusPart = 'account' | 'project';

/** What a click on each part does, added to its tooltip and accessible name. */
export interface IStatusHints {
  account?: string;
  project?: string;
}

function onEnterOrSpace(run: () => void) {
  return (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      run();
    }
  };
}

/**
 * The item's look for one status; a plain function so tests render it without a model.
 * With an account shown and ``splitHints`` given it is two buttons side by side (the account,
 * then the project); otherwise one button, as in the status dialog.
 */
export function StatusView(props: {
  status: Status;
  onActivate?: (part: StatusPart) => void;
  /** What a click does, added to the tooltip where a click does it (not in the dialog). */
  clickHint?: string;
  /** Hints per part: given, the account and the project are two click targets. */
  splitHints?: IStatusHints;
  /** What a click on the item does when it is one target (the project by default). */
  singlePart?: StatusPart;
}): JSX.Element {
  const { status, onActivate, splitHints } = props;
  const Icon = status.warning ? statusWarningIcon : accountIcon;
  const className =
    'jp-GoogleAuth-statusItem' + (status.warning ? ' jp-mod-warning' : '');
  const parts = splitHints ? statusParts(status.text, status.account) : null;
  if (parts && splitHints) {
    const hinted = (hint?: string) =>
      hint ? `${status.title} ${hint}` : status.title;
    const part = (
      which: StatusPart,
      text: string,
      hint: string | undefined,
      children: React.ReactNode
    ) => (
      <span
        className={`jp-GoogleAuth-statusPart jp-GoogleAuth-status${which === 'account' ? 'Account' : 'Project'}`}
        role="button"
        tabIndex={0}
        title={hinted(hint)}
        aria-label={`${text}. ${hint ?? status.title}`}
        onClick={() => onActivate?.(which)}
        onKeyDown={onEnterOrSpace(() => onActivate?.(which))}
      >
        {children}
      </span>
    );
    return (
      <div
        className={className + ' jp-mod-split'}
        data-state={status.state}
        role="group"
        aria-label={`Google: ${status.title}`}
        title={status.title}
      >
        {part(
          'account',
          parts.account,
          splitHints.account,
          <>
            <Icon.react tag="span" className="jp-GoogleAuth-statusIcon" />
            <span className="jp-GoogleAuth-statusText">{parts.account}</span>
          </>
        )}
        <span className="jp-GoogleAuth-statusSeparator" aria-hidden="true">
          {STATUS_SEPARATOR}
        </span>
        {part(
          'project',
          parts.project,
          splitHints.project,
          <span className="jp-GoogleAuth-statusProjectText">
            {parts.project}
          </span>
        )}
      </div>
    );
  }
  const single = props.singlePart ?? 'project';
  const title =
    props.clickHint && status.account && single === 'project'
      ? `${status.title} ${props.clickHint}`
      : status.title;
  return (
    <div
      className={className}
      data-state={status.state}
      role="button"
      tabIndex={0}
      title={title}
      aria-label={`${status.text}. ${title}`}
      onClick={() => onActivate?.(single)}
      onKeyDown={onEnterOrSpace(() => onActivate?.(single))}
    >
      <Icon.react tag="span" className="jp-GoogleAuth-statusIcon" />
      <span className="jp-GoogleAuth-statusText">{status.text}</span>
    </div>
  );
}

/**
 * Account and project for the status bar (or a notebook toolbar, where there is no status
 * bar). Every item renders the shared service's status and redraws on its changes. The
 * widget reads the service on every render (no React-side copy), so an answer that arrives
 * before the first render is never missed.
 */
export class StatusItem extends ReactWidget {
  constructor(
    private readonly service: Pick<IGoogleAuth, 'status' | 'changed'>,
    private readonly onActivate: (part: StatusPart) => void,
    private readonly clickHint?: string,
    /** Read on each render: the split may come and go (profiles turned off by policy). */
    private readonly splitHints?: () => IStatusHints | undefined,
    /** The current notebook's own account, when it is bound to another profile. */
    private readonly bindings?: Pick<
      IGoogleAuthBindings,
      'status' | 'changed'
    > | null
  ) {
    super();
    this.addClass('jp-GoogleAuth-status');
    service.changed.connect(this.onChanged, this);
    bindings?.changed.connect(this.onChanged, this);
  }

  dispose(): void {
    this.service.changed.disconnect(this.onChanged, this);
    this.bindings?.changed.disconnect(this.onChanged, this);
    super.dispose();
  }

  protected render(): JSX.Element {
    const status = this.bindings ? this.bindings.status() : this.service.status;
    // A notebook's own account ("This notebook: bob…") is one target: the profiles menu,
    // where its binding is changed (the project selector sets the active account's project).
    const own = status !== this.service.status;
    return (
      <StatusView
        status={status}
        onActivate={this.onActivate}
        clickHint={this.clickHint}
        splitHints={own ? undefined : this.splitHints?.()}
        singlePart={own ? 'account' : 'project'}
      />
    );
  }

  private onChanged(): void {
    this.update();
  }
}
