/**
 * A sign-in flow started while the pointer rests on Authenticate, before the click: the click
 * then opens Google's consent page directly, with no request between the click and the page
 * (as fast as a plain link). At most one is kept; one the click does not take is cancelled on
 * the server after `unusedMs`, so nothing lingers when the user moves on.
 */
import type { IAuthClient } from '../api';
import type { AlreadySignedIn, FlowView, StartFlowRequest } from '../core';

type Answer = FlowView | AlreadySignedIn;

const keyOf = (request: StartFlowRequest) => JSON.stringify(request);

export class PreparedFlows {
  constructor(
    private readonly raw: Pick<IAuthClient, 'startFlow' | 'cancelFlow'>,
    private readonly unusedMs = 60_000
  ) {}

  /** Starts `request` unless the same one is already prepared. */
  prepare(request: StartFlowRequest): void {
    const key = keyOf(request);
    if (this.entry?.key === key) {
      return;
    }
    this.drop();
    const entry: IEntry = {
      key,
      answer: this.raw.startFlow(request),
      resolved: null,
      timer: setTimeout(
        () => this.entry === entry && this.drop(),
        this.unusedMs
      )
    };
    entry.answer.then(
      answer => (entry.resolved = answer),
      () => this.entry === entry && this.forget()
    );
    this.entry = entry;
  }

  /** The consent address of a prepared flow for `request` that the server has answered. */
  consentUrl(request: StartFlowRequest): string | null {
    const resolved =
      this.entry?.key === keyOf(request) ? this.entry.resolved : null;
    return resolved && 'consent_url' in resolved ? resolved.consent_url : null;
  }

  /** Hands the prepared answer for `request` to its caller (once), or null. */
  take(request: StartFlowRequest): Promise<Answer> | null {
    if (this.entry?.key !== keyOf(request)) {
      return null;
    }
    const { answer } = this.entry;
    this.forget();
    return answer;
  }

  /** Cancels an unused prepared flow on the server. */
  drop(): void {
    const entry = this.entry;
    this.forget();
    void entry?.answer.then(
      answer =>
        'id' in answer
          ? this.raw.cancelFlow(answer.id).catch(() => undefined)
          : undefined,
      () => undefined
    );
  }

  private forget(): void {
    if (this.entry) {
      clearTimeout(this.entry.timer);
    }
    this.entry = null;
  }

  private entry: IEntry | null = null;
}

interface IEntry {
  key: string;
  answer: Promise<Answer>;
  resolved: Answer | null;
  timer: ReturnType<typeof setTimeout>;
}
