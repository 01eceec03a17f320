import { nullTranslator } from '@jupyterlab/translation';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';

import type { CellOutcome, IAuthClient } from '../../api';
import { SIGNIN_MIME_TYPE } from '../../core';
import { serviceFor } from './service';
import { formFor, SignInOutput } from '../cell/SignInOutput';

const trans = nullTranslator.load('jupyterlab_google_auth');
const ID = '0123456789abcdef0123456789abcdef';

function model(
  data: Record<string, unknown>,
  trusted = true
): IRenderMime.IMimeModel {
  return {
    trusted,
    data: {
      [SIGNIN_MIME_TYPE]: { version: 1, request_id: ID, ...data } as any
    },
    metadata: {},
    setData: () => undefined
  };
}

const pending = (changes: Record<string, unknown> = {}) =>
  model({
    state: 'pending',
    preset: 'cloud',
    targets: ['adc'],
    force: true,
    project: null,
    expires_at: Date.now() / 1000 + 600,
    ...changes
  });

/** A server that never answers: the panel stays on its first screen. */
function client(): IAuthClient {
  const never = () => new Promise<never>(() => undefined);
  return {
    environment: jest.fn(never),
    credentials: jest.fn(never),
    startFlow: jest.fn(),
    getFlow: jest.fn(),
    completeFlow: jest.fn(),
    cancelFlow: jest.fn().mockResolvedValue(undefined),
    customClient: jest.fn(never),
    uploadCustomClient: jest.fn(),
    removeCustomClient: jest.fn(),
    storeServiceAccount: jest.fn()
  } as unknown as IAuthClient;
}

describe('SignInOutput', () => {
  let reports: [string, CellOutcome][];
  let output: SignInOutput;

  beforeEach(() => {
    reports = [];
    output = new SignInOutput({
      service: serviceFor(client()),
      trans,
      report: async (id, body) => {
        reports.push([id, body]);
      }
    });
    Widget.attach(output, document.body);
  });

  afterEach(() => output.dispose());

  const panel = () => output.node.querySelector('.jp-GoogleAuth-panel');
  const note = () =>
    output.node.querySelector<HTMLElement>('.jp-GoogleAuth-cellNote');

  it('shows the panel for a live request; closing it tells the kernel once', async () => {
    await output.renderModel(pending());
    expect(panel()).not.toBeNull();
    await output.renderModel(pending()); // an update of the same request keeps the panel
    // React paints the panel on the next frame.
    let close: HTMLElement | null = null;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !close) {
      await new Promise(resolve => setTimeout(resolve, 10));
      close = output.node.querySelector<HTMLElement>('.jp-GoogleAuth-close');
    }
    close!.click();
    expect(reports).toEqual([[ID, { outcome: 'cancelled' }]]);
    expect(panel()).toBeNull();
    expect(note()?.dataset.state).toBe('closed');
  });

  it('replaces the panel with the outcome the kernel reports, without reporting back', async () => {
    await output.renderModel(pending());
    await output.renderModel(
      model({
        state: 'done',
        account: 'alice@example.com',
        project: 'ee-alice'
      })
    );
    expect(panel()).toBeNull();
    expect(note()?.textContent).toBe(
      'Signed in to Google as alice@example.com (project: ee-alice).'
    );
    await output.renderModel(
      model({ state: 'ended', reason: 'timeout', message: 'x' })
    );
    expect(note()?.textContent).toContain('not finished in time');
    expect(reports).toEqual([]);
  });

  it('never opens a live panel for saved or expired output', async () => {
    for (const stale of [
      model({ state: 'pending', expires_at: Date.now() / 1000 + 600 }, false),
      pending({ expires_at: Date.now() / 1000 - 1 })
    ]) {
      const fresh = new SignInOutput({
        service: serviceFor(client()),
        trans,
        report: async (id, body) => {
          reports.push([id, body]);
        }
      });
      await fresh.renderModel(stale);
      expect(fresh.node.querySelector('.jp-GoogleAuth-panel')).toBeNull();
      expect(fresh.node.textContent).toContain(
        'This sign-in request has ended'
      );
      fresh.dispose();
    }
    expect(reports).toEqual([]);
  });
});

describe('formFor', () => {
  const base = {
    state: 'pending' as const,
    requestId: ID,
    force: false,
    project: null,
    profile: null,
    expiresAt: 0
  };
  it('takes the preset and its default files, or the files the kernel named', () => {
    expect(
      formFor({ ...base, preset: 'earthengine', scopes: null, targets: null })
    ).toEqual({
      scopeChoice: 'earthengine',
      targets: ['earthengine', 'adc']
    });
    expect(
      formFor({ ...base, preset: 'cloud', scopes: null, targets: ['adc'] })
    ).toEqual({
      scopeChoice: 'cloud',
      targets: ['adc'],
      targetsTouched: true
    });
  });
  it('turns explicit scopes into the custom choice', () => {
    expect(
      formFor({ ...base, preset: null, scopes: ['a', 'b'], targets: null })
    ).toEqual({ scopeChoice: 'custom', customScopes: 'a b' });
  });
});
