import { Poll } from '@lumino/polling';
import { Signal, type ISignal } from '@lumino/signaling';

import type { IProjectsApi } from '../../api/projects';
import {
  deriveStatus,
  LOADING_STATUS,
  loadingStatus,
  unavailableStatus,
  type Status
} from '../../core/status';
import { english, type Translate } from '../../core/translate';
import type { CredentialsReport } from '../../core/types';

export interface IStatusModelOptions {
  /** The sentences' language (the plugin passes its bundle's `__`). */
  translate?: Translate;
  /** Normal spacing of polls; failures back off from it up to `max`. */
  interval?: number;
  max?: number;
  /** Refreshes asked by focus changes closer than this to the last answer are skipped. */
  focusGap?: number;
  /** Start polling at once (tests turn it off and call refresh()). */
  auto?: boolean;
}

/**
 * The credential status shared by every status view (status bar item or notebook toolbar
 * items). One backoff poll, not one per view: `GET credentials` asks Google to refresh the
 * token, so it must stay rare.
 */
export class StatusModel {
  constructor(
    private readonly api: Pick<IProjectsApi, 'credentials'>,
    options: IStatusModelOptions = {}
  ) {
    this._focusGap = options.focusGap ?? 10_000;
    this._tr = options.translate ?? english;
    this._status = loadingStatus(this._tr);
    this._poll = new Poll({
      name: 'jupyterlab-google-auth:status',
      auto: options.auto ?? true,
      factory: () => this._fetch(),
      frequency: {
        interval: options.interval ?? 60_000,
        backoff: true,
        max: options.max ?? 10 * 60_000
      },
      standby: 'when-hidden'
    });
  }

  get changed(): ISignal<this, Status> {
    return this._changed;
  }

  get status(): Status {
    return this._status;
  }

  get report(): CredentialsReport | null {
    return this._report;
  }

  get isDisposed(): boolean {
    return this._poll.isDisposed;
  }

  /** Ask now (coalesced with a refresh already scheduled); resolves after the answer. */
  async refresh(): Promise<void> {
    await this._poll.refresh();
    await this._poll.tick;
  }

  /** A refresh on focus or visibility, skipped when the last answer is fresh. */
  refreshOnFocus(): void {
    if (Date.now() - this._answeredAt >= this._focusGap) {
      void this._poll.refresh();
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._poll.dispose();
    Signal.clearData(this);
  }

  private async _fetch(): Promise<void> {
    const seq = ++this._seq;
    try {
      const report = await this.api.credentials();
      if (seq === this._seq) {
        this._set(deriveStatus(report, this._tr), report);
      }
    } catch (error) {
      if (seq === this._seq) {
        const message = error instanceof Error ? error.message : String(error);
        this._set(unavailableStatus(message, this._tr), null);
      }
      throw error; // the poll backs off
    }
  }

  private _set(status: Status, report: CredentialsReport | null) {
    this._answeredAt = Date.now();
    this._status = status;
    this._report = report;
    this._changed.emit(status);
  }

  private readonly _poll: Poll;
  private readonly _focusGap: number;
  private readonly _changed = new Signal<this, Status>(this);
  private _status: Status = LOADING_STATUS;
  private readonly _tr: Translate;
  private _report: CredentialsReport | null = null;
  private _answeredAt = 0;
  private _seq = 0;
}
