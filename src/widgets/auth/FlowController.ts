import type { IDisposable } from '@lumino/disposable';
import { Poll } from '@lumino/polling';
import { Signal, type ISignal } from '@lumino/signaling';

import type { IAuthClient } from '../../api';
import {
  explainError,
  flowReducer,
  hasPendingFlow,
  INITIAL_FLOW_STATE,
  isAlreadySignedIn,
  isSettled,
  parsePastedInput,
  type FlowAction,
  type FlowView,
  type PanelFlowState,
  type StartFlowRequest,
  type Translate
} from '../../core';
import type { IConsentTab } from './consentTab';
import { toErrorBody } from './errors';

export interface IFlowControllerOptions {
  /** First poll interval in ms while waiting for Google's redirect (loopback). */
  pollInterval?: number;
  /** Longest poll interval in ms once the poll backs off after failures. */
  pollMax?: number;
  /** The language of the messages built here (the panel passes its bundle's `__`). */
  translate?: Translate;
  /** Told once when a flow succeeds: the panel reports the change through the service. */
  onSucceeded?: (flow: FlowView) => void;
}

/**
 * Runs one panel's sign-in flow against the server: the pure reducer holds the state, this
 * class does the calls, the polling and the clean-up (a closed panel cancels its flow).
 */
export class FlowController implements IDisposable {
  constructor(
    private readonly client: IAuthClient,
    private readonly options: IFlowControllerOptions = {}
  ) {}

  get state(): PanelFlowState {
    return this._state;
  }

  get changed(): ISignal<this, PanelFlowState> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** The request of the last start, to sign in again with `force`. */
  get lastRequest(): StartFlowRequest | null {
    return this._lastRequest;
  }

  /**
   * Starts a flow. `tab` is a blank tab the click that asked for the sign-in opened (see
   * consentTab.ts): it is sent to Google's consent page as soon as the server answers, or
   * closed when there is nothing to consent to.
   */
  async start(
    request: StartFlowRequest,
    tab: IConsentTab | null = null
  ): Promise<void> {
    if (!isSettled(this._state.phase)) {
      tab?.close();
      return;
    }
    this._lastRequest = request;
    this.dispatch({ type: 'start' });
    try {
      const answer = await this.client.startFlow(request);
      if (this._state.phase !== 'starting' || this._disposed) {
        // Cancelled or closed while the server was starting it: do not leave it pending.
        tab?.close();
        if (!isAlreadySignedIn(answer)) {
          void this.client.cancelFlow(answer.id).catch(() => undefined);
        }
        return;
      }
      this.dispatch({ type: 'started', answer });
      if (tab && !isAlreadySignedIn(answer) && tab.go(answer.consent_url)) {
        this.dispatch({ type: 'consent-opened' });
      } else {
        tab?.close();
      }
    } catch (error) {
      tab?.close();
      this.dispatch({ type: 'start-failed', error: toErrorBody(error) });
    }
  }

  /** Call from the consent button's click handler, after it opened the tab. */
  consentOpened(): void {
    this.dispatch({ type: 'consent-opened' });
  }

  /** The user's paste: parsed in the browser first, then sent to the server. */
  async submit(text: string): Promise<void> {
    const flow = this._state.flow;
    if (!flow) {
      return;
    }
    const parsed = parsePastedInput(text, flow.expects, this.options.translate);
    if (parsed.kind === 'error') {
      this.dispatch({ type: 'paste-rejected', message: parsed.message });
      return;
    }
    this.dispatch({ type: 'submit' });
    try {
      const view = await this.client.completeFlow(
        flow.id,
        parsed.kind === 'code'
          ? { code: parsed.code }
          : { redirect_url: parsed.url }
      );
      this.dispatch({ type: 'flow', flow: view });
    } catch (error) {
      const body = toErrorBody(error);
      const help = explainError(body.code, body.help);
      this.dispatch({
        type: 'paste-rejected',
        message:
          help && help !== body.message
            ? `${body.message} ${help}`
            : body.message
      });
      // The server may have ended the flow (e.g. it expired): ask for its state once.
      void this.refresh();
    }
  }

  async cancel(): Promise<void> {
    const pending = hasPendingFlow(this._state) ? this._state.flow : null;
    this.dispatch({ type: 'cancel' });
    if (pending) {
      await this.client.cancelFlow(pending.id).catch(() => undefined);
    }
  }

  reset(): void {
    if (hasPendingFlow(this._state)) {
      void this.cancel();
    }
    this.dispatch({ type: 'reset' });
  }

  /** Asks the server for the flow's state now (e.g. when the user comes back to the tab). */
  async refresh(): Promise<void> {
    const flow = this._state.flow;
    if (!flow || isSettled(this._state.phase)) {
      return;
    }
    try {
      this.dispatch({ type: 'flow', flow: await this.client.getFlow(flow.id) });
    } catch {
      // A failed look-up changes nothing; the poll or the user tries again.
    }
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    const pending = hasPendingFlow(this._state) ? this._state.flow : null;
    this._disposed = true;
    this.stopWatching();
    if (pending) {
      void this.client.cancelFlow(pending.id).catch(() => undefined);
    }
    Signal.clearData(this);
  }

  private dispatch(action: FlowAction): void {
    if (this._disposed) {
      return;
    }
    const before = this._state;
    this._state = flowReducer(before, action);
    if (this._state === before) {
      return;
    }
    if (
      this._state.phase === 'succeeded' &&
      before.phase !== 'succeeded' &&
      this._state.flow
    ) {
      this.options.onSucceeded?.(this._state.flow);
    }
    this.watch();
    this._changed.emit(this._state);
  }

  /** Polls while the server, not the user, moves the flow on; watches its expiry. */
  private watch(): void {
    const { flow, phase } = this._state;
    const serverMoves =
      flow !== null &&
      !isSettled(phase) &&
      (flow.expects === 'callback' || phase === 'exchanging');
    if (!serverMoves || (this._poll && this._pollFlow !== flow!.id)) {
      this.stopPoll();
    }
    if (serverMoves && !this._poll) {
      this.startPoll(flow!.id);
    }
    if (!flow || isSettled(phase)) {
      this.stopExpiryTimer();
    } else if (this._expiryFlow !== flow.id) {
      this.startExpiryTimer(flow.id, flow.expires_at);
    }
  }

  private startPoll(id: string): void {
    const interval = this.options.pollInterval ?? 1000;
    this._pollFlow = id;
    this._poll = new Poll({
      name: 'google-auth:flow',
      factory: async () => {
        const view = await this.client.getFlow(id);
        this.dispatch({ type: 'flow', flow: view });
      },
      frequency: {
        interval,
        backoff: true,
        max: this.options.pollMax ?? 10 * interval
      },
      // The user is on Google's tab while this runs: keep polling when ours is hidden.
      standby: 'never'
    });
  }

  private startExpiryTimer(id: string, expiresAt: string): void {
    this.stopExpiryTimer();
    const due = Date.parse(expiresAt);
    if (Number.isNaN(due)) {
      return;
    }
    this._expiryFlow = id;
    // A little after the server's deadline, so its answer is "expired".
    const delay = Math.min(Math.max(due - Date.now() + 1500, 0), 2 ** 31 - 1);
    this._expiryTimer = setTimeout(() => void this.refresh(), delay);
  }

  private stopWatching(): void {
    this.stopPoll();
    this.stopExpiryTimer();
  }

  private stopPoll(): void {
    this._poll?.dispose();
    this._poll = null;
    this._pollFlow = null;
  }

  private stopExpiryTimer(): void {
    if (this._expiryTimer !== null) {
      clearTimeout(this._expiryTimer);
    }
    this._expiryTimer = null;
    this._expiryFlow = null;
  }

  private _state: PanelFlowState = INITIAL_FLOW_STATE;
  private _changed = new Signal<this, PanelFlowState>(this);
  private _disposed = false;
  private _lastRequest: StartFlowRequest | null = null;
  private _poll: Poll | null = null;
  private _pollFlow: string | null = null;
  private _expiryTimer: ReturnType<typeof setTimeout> | null = null;
  private _expiryFlow: string | null = null;
}
