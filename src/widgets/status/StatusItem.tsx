import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { Status } from '../../core/status';
import type { IGoogleAuth, IGoogleAuthBindings } from '../../tokens';
import { accountIcon, statusWarningIcon } from './icons';

/** The item's look for one status; a plain function so tests render it without a model. */
export function StatusView(props: {
  status: Status;
  onActivate?: () => void;
  /** What a click does, added to the tooltip where a click does it (not in the dialog). */
  clickHint?: string;
}): JSX.Element {
  const { status, onActivate } = props;
  const title =
    props.clickHint && status.account
      ? `${status.title} ${props.clickHint}`
      : status.title;
  const Icon = status.warning ? statusWarningIcon : accountIcon;
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onActivate?.();
    }
  };
  return (
    <div
      className={
        'jp-GoogleAuth-statusItem' + (status.warning ? ' jp-mod-warning' : '')
      }
      data-state={status.state}
      role="button"
      tabIndex={0}
      title={title}
      aria-label={`${status.text}. ${title}`}
      onClick={() => onActivate?.()}
      onKeyDown={onKeyDown}
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
    private readonly onActivate: () => void,
    private readonly clickHint?: string,
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
    return (
      <StatusView
        status={this.bindings ? this.bindings.status() : this.service.status}
        onActivate={this.onActivate}
        clickHint={this.clickHint}
      />
    );
  }

  private onChanged(): void {
    this.update();
  }
}
