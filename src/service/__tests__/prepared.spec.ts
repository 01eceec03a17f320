import type { FlowView, StartFlowRequest } from '../../core';
import { PreparedFlows } from '../prepared';

const request: StartFlowRequest = {
  mode: 'loopback',
  origin: 'http://localhost:8888',
  preset: 'earthengine'
};

function view(id: string): FlowView {
  return {
    id,
    mode: 'loopback',
    state: 'pending',
    expects: 'callback',
    consent_url: `https://accounts.example/auth?state=${id}`,
    expires_at: new Date(Date.now() + 600_000).toISOString(),
    scopes: []
  } as FlowView;
}

function raw() {
  let n = 0;
  return {
    startFlow: jest.fn(async () => view(`flow-${++n}`)),
    cancelFlow: jest.fn(async () => undefined)
  };
}

describe('PreparedFlows', () => {
  it('hands the prepared flow to the start of the same request, once', async () => {
    const server = raw();
    const prepared = new PreparedFlows(server);
    prepared.prepare(request);
    prepared.prepare({ ...request }); // the pointer again: nothing more
    expect(server.startFlow).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(prepared.consentUrl(request)).toBe(
      'https://accounts.example/auth?state=flow-1'
    );
    const taken = prepared.take({ ...request });
    expect(await taken).toMatchObject({ id: 'flow-1' });
    expect(prepared.take(request)).toBeNull();
    expect(server.cancelFlow).not.toHaveBeenCalled();
  });

  it('never hands a flow to another request, and cancels it instead', async () => {
    const server = raw();
    const prepared = new PreparedFlows(server);
    prepared.prepare(request);
    expect(prepared.take({ ...request, preset: 'cloud' })).toBeNull();
    prepared.prepare({ ...request, preset: 'cloud' }); // replaces the first
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(server.cancelFlow).toHaveBeenCalledWith('flow-1');
  });

  it('cancels a flow nobody took', async () => {
    jest.useFakeTimers();
    try {
      const server = raw();
      const prepared = new PreparedFlows(server, 1000);
      prepared.prepare(request);
      jest.advanceTimersByTime(1001);
      await jest.runAllTimersAsync();
      expect(server.cancelFlow).toHaveBeenCalledWith('flow-1');
      expect(prepared.take(request)).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });
});
