import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { Status } from '../../core/status';
import { accountIcon, statusWarningIcon } from './icons';
import type { StatusModel } from './model';

/** The item's look for one status; a plain function so tests render it without a model. */
export function StatusView(props: {
  status: Status;
  onActivate?: () => void;
}): JSX.Element {
  const { status, onActivate } = props;
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
      title={status.title}
      aria-label={`${status.text}. ${status.title}`}
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
 * bar). Many items can share one model; each re-renders when it changes. The widget reads the
 * model on every render (no React-side copy), so an answer that arrives before the first
 * render is never missed.
 */
export class StatusItem extends ReactWidget {
  constructor(
    private readonly model: StatusModel,
    private readonly onActivate: () => void
  ) {
    super();
    this.addClass('jp-GoogleAuth-status');
    model.changed.connect(this.update, this);
  }

  dispose(): void {
    this.model.changed.disconnect(this.update, this);
    super.dispose();
  }

  protected render(): JSX.Element {
    return (
      <StatusView status={this.model.status} onActivate={this.onActivate} />
    );
  }
}
