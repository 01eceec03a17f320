import {
  flowReducer,
  hasPendingFlow,
  INITIAL_FLOW_STATE,
  wantsPaste,
  type FlowAction,
  type FlowView,
  type PanelFlowState
} from '..';

function view(changes: Partial<FlowView> = {}): FlowView {
  return {
    id: 'f1',
    mode: 'notebook',
    state: 'pending',
    expects: 'code',
    consent_url: 'https://example.com/consent',
    expires_at: '2030-01-01T00:00:00Z',
    scopes: [],
    ...changes
  };
}

const run = (
  actions: FlowAction[],
  from = INITIAL_FLOW_STATE
): PanelFlowState => actions.reduce(flowReducer, from);

describe('flowReducer', () => {
  it('walks a paste flow from idle to success', () => {
    let s = run([{ type: 'start' }]);
    expect(s.phase).toBe('starting');
    s = flowReducer(s, { type: 'started', answer: view() });
    expect(s.phase).toBe('awaiting-consent');
    expect(wantsPaste(s)).toBe(true);
    expect(hasPendingFlow(s)).toBe(true);
    s = flowReducer(s, { type: 'consent-opened' });
    expect(s.phase).toBe('awaiting-paste');
    s = flowReducer(s, { type: 'submit' });
    expect(s.phase).toBe('exchanging');
    s = flowReducer(s, {
      type: 'flow',
      flow: view({
        state: 'succeeded',
        result: { account: 'alice@example.com', scopes: [], files: [] }
      })
    });
    expect(s.phase).toBe('succeeded');
    expect(hasPendingFlow(s)).toBe(false);
  });

  it('keeps waiting after the consent opens in loopback mode', () => {
    const s = run([
      { type: 'start' },
      {
        type: 'started',
        answer: view({ mode: 'loopback', expects: 'callback' })
      },
      { type: 'consent-opened' }
    ]);
    expect(s.phase).toBe('awaiting-consent');
    expect(wantsPaste(s)).toBe(false);
  });

  it('reports already-signed-in instead of a flow', () => {
    const s = run([
      { type: 'start' },
      {
        type: 'started',
        answer: { already_signed_in: true, account: 'a@b', scopes: ['x'] }
      }
    ]);
    expect(s.phase).toBe('already-signed-in');
    expect(s.already?.account).toBe('a@b');
    expect(hasPendingFlow(s)).toBe(false);
  });

  it('shows a failed flow’s error, and a failed start’s', () => {
    const error = { code: 'access_denied', message: 'Denied', help: '' };
    let s = run([
      { type: 'start' },
      { type: 'started', answer: view() },
      { type: 'flow', flow: view({ state: 'failed', error }) }
    ]);
    expect(s).toMatchObject({ phase: 'failed', error });
    s = run([{ type: 'start' }, { type: 'start-failed', error }]);
    expect(s).toMatchObject({ phase: 'failed', error, flow: null });
  });

  it('keeps the flow pending when a paste is refused', () => {
    let s = run([
      { type: 'start' },
      { type: 'started', answer: view({ expects: 'redirect_url' }) },
      { type: 'submit' },
      { type: 'paste-rejected', message: 'stale' }
    ]);
    expect(s).toMatchObject({ phase: 'awaiting-paste', pasteError: 'stale' });
    s = flowReducer(s, { type: 'submit' });
    expect(s.pasteError).toBeNull();
  });

  it('ignores late answers once cancelled, and answers about other flows', () => {
    let s = run([
      { type: 'start' },
      { type: 'started', answer: view() },
      { type: 'cancel' }
    ]);
    expect(s.phase).toBe('cancelled');
    expect(
      flowReducer(s, { type: 'flow', flow: view({ state: 'succeeded' }) })
    ).toBe(s);
    s = run([{ type: 'start' }, { type: 'started', answer: view() }]);
    expect(
      flowReducer(s, {
        type: 'flow',
        flow: view({ id: 'other', state: 'failed' })
      })
    ).toBe(s);
  });

  it('ignores a start that arrives after cancelling while starting', () => {
    const s = run([
      { type: 'start' },
      { type: 'cancel' },
      { type: 'started', answer: view() }
    ]);
    expect(s.phase).toBe('cancelled');
    expect(s.flow).toBeNull();
  });

  it('runs one flow at a time, and resets to idle', () => {
    const s = run([{ type: 'start' }, { type: 'started', answer: view() }]);
    expect(flowReducer(s, { type: 'start' })).toBe(s);
    expect(flowReducer(s, { type: 'reset' })).toEqual(INITIAL_FLOW_STATE);
  });

  it('expires', () => {
    const s = run([
      { type: 'start' },
      { type: 'started', answer: view() },
      { type: 'flow', flow: view({ state: 'expired' }) }
    ]);
    expect(s.phase).toBe('expired');
  });
});
