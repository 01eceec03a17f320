import { PromiseDelegate } from '@lumino/coreutils';

import { GoogleAuthApiError, type IAuthClient } from '../../api';
import type { FlowView } from '../../core';
import { FlowController } from '../auth/FlowController';

const view = (changes: Partial<FlowView> = {}): FlowView => ({
  id: 'f1',
  mode: 'loopback',
  state: 'pending',
  expects: 'callback',
  consent_url: 'https://example.com/auth',
  expires_at: new Date(Date.now() + 600_000).toISOString(),
  scopes: [],
  ...changes
});

function client(): jest.Mocked<IAuthClient> {
  return {
    startFlow: jest.fn(),
    getFlow: jest.fn().mockResolvedValue(view()),
    completeFlow: jest.fn(),
    cancelFlow: jest.fn().mockResolvedValue(undefined)
  } as any;
}

describe('FlowController', () => {
  it('cancels a flow the server started after the user cancelled', async () => {
    const c = client();
    const started = new PromiseDelegate<FlowView>();
    c.startFlow.mockReturnValue(started.promise);
    const controller = new FlowController(c);
    const starting = controller.start({ mode: 'loopback' });
    await controller.cancel();
    started.resolve(view());
    await starting;
    expect(controller.state.phase).toBe('cancelled');
    expect(c.cancelFlow).toHaveBeenCalledWith('f1');
    controller.dispose();
  });

  it('stops polling once the flow settles', async () => {
    const c = client();
    c.startFlow.mockResolvedValue(view());
    c.getFlow
      .mockResolvedValueOnce(view())
      .mockResolvedValue(view({ state: 'expired' }));
    const controller = new FlowController(c, { pollInterval: 5 });
    await controller.start({ mode: 'loopback' });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && controller.state.phase !== 'expired') {
      await new Promise(r => setTimeout(r, 5));
    }
    expect(controller.state.phase).toBe('expired');
    const calls = c.getFlow.mock.calls.length;
    await new Promise(r => setTimeout(r, 50));
    expect(c.getFlow.mock.calls.length).toBe(calls);
    controller.dispose();
    expect(c.cancelFlow).not.toHaveBeenCalled();
  });

  it('keeps a sign-in open after a refused paste, with what was wrong and what to do', async () => {
    const c = client();
    const pending = view({ mode: 'notebook', expects: 'code' });
    c.startFlow.mockResolvedValue(pending);
    c.getFlow.mockResolvedValue(pending); // the server kept the flow pending
    c.completeFlow
      .mockRejectedValueOnce(
        new GoogleAuthApiError(400, {
          code: 'code_incomplete',
          message:
            'Google does not recognise this code: part of it is missing or was changed.',
          help: 'This sign-in is still open: copy the whole code again and paste it here.'
        })
      )
      .mockResolvedValueOnce(
        view({ mode: 'notebook', expects: 'code', state: 'succeeded' })
      );
    const controller = new FlowController(c);
    await controller.start({ mode: 'notebook' });
    await controller.submit('4/0AeaYSHcut');
    expect(controller.state.phase).toBe('awaiting-paste');
    expect(controller.state.pasteError).toBe(
      'Google does not recognise this code: part of it is missing or was changed. This sign-in is still open: copy the whole code again and paste it here.'
    );
    await controller.refresh(); // the look-up after a refusal keeps the words
    expect(controller.state.pasteError).toContain('still open');
    await controller.submit('4/0AeaYSHthe-whole-code');
    expect(controller.state.phase).toBe('succeeded');
    controller.dispose();
  });
});
