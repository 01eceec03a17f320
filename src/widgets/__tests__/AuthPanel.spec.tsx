import { nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import { GoogleAuthApiError, type IAuthClient } from '../../api';
import type { ChangeCause, EnvironmentReport, FlowView } from '../../core';
import { AuthPanel } from '../auth/AuthPanel';
import { serviceFor } from './service';

const trans = nullTranslator.load('jupyterlab_google_auth');

function environment(
  changes: Partial<EnvironmentReport> = {}
): EnvironmentReport {
  const on = { available: true, reason: null };
  return {
    class: 'local',
    reasons: ['The browser reaches Jupyter at http://localhost:8888.'],
    recommended_mode: 'loopback',
    modes: {
      loopback: on,
      notebook: on,
      'paste-url': { available: false, reason: 'No custom client.' },
      gcloud: { available: false, reason: 'gcloud is not installed.' },
      ambient: { available: false, reason: 'No metadata server.' },
      'service-account': on
    },
    facts: { metadata: { present: false } },
    ...changes
  };
}

function flow(changes: Partial<FlowView> = {}): FlowView {
  return {
    id: 'flow-1',
    mode: 'notebook',
    state: 'pending',
    expects: 'code',
    consent_url: 'https://fake.example/client-auth?x=1',
    expires_at: new Date(Date.now() + 600_000).toISOString(),
    scopes: [],
    notes: [],
    ...changes
  };
}

function fakeClient(report = environment()): jest.Mocked<IAuthClient> {
  return {
    environment: jest.fn().mockResolvedValue(report),
    credentials: jest.fn().mockResolvedValue({
      sources: [],
      used_by: { earthengine: null, google_auth: null }
    }),
    startFlow: jest.fn().mockResolvedValue(flow()),
    getFlow: jest.fn().mockResolvedValue(flow()),
    completeFlow: jest.fn(),
    cancelFlow: jest.fn().mockResolvedValue(undefined),
    customClient: jest
      .fn()
      .mockResolvedValue({ configured: false, source: null }),
    uploadCustomClient: jest.fn(),
    removeCustomClient: jest.fn(),
    storeServiceAccount: jest.fn()
  };
}

async function waitFor<T>(
  find: () => T | null | undefined | false
): Promise<T> {
  // A state, not a time: the deadline only ends a test that would never pass (loaded CI).
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const found = find();
    if (found) {
      return found;
    }
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  throw new Error(`Timed out waiting for ${find.toString()}`);
}

const $ = (panel: AuthPanel, selector: string) =>
  panel.node.querySelector<HTMLElement>(selector);

function typeInto(
  element: HTMLInputElement | HTMLTextAreaElement,
  value: string
) {
  const proto = Object.getPrototypeOf(element);
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(element, value);
  element.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('AuthPanel', () => {
  let panel: AuthPanel;
  let client: jest.Mocked<IAuthClient>;

  function open(report?: EnvironmentReport) {
    client = fakeClient(report);
    panel = new AuthPanel(serviceFor(client), trans, {
      pollInterval: 20
    });
    Widget.attach(panel, document.body);
  }

  beforeEach(() => {
    window.open = jest.fn();
    // The remembered mode and folded sections must not leak from one test to the next.
    window.localStorage.clear();
  });

  afterEach(() => {
    if (!panel.isDisposed) {
      panel.dispose();
    }
  });

  it('preselects the recommended mode and shows unavailable ones with their reason', async () => {
    open();
    const loopback = await waitFor(() =>
      $(panel, '[data-mode="loopback"] input[type="radio"]')
    );
    expect((loopback as HTMLInputElement).checked).toBe(true);
    const gcloud = $(panel, '.jp-GoogleAuth-modeOption[data-mode="gcloud"]')!;
    expect(gcloud.querySelector('input')!.disabled).toBe(true);
    expect(gcloud.textContent).toContain('gcloud is not installed.');
  });

  it('shows the paste field in a paste mode, and sends the parsed code', async () => {
    open();
    const notebook = await waitFor(() =>
      $(panel, '[data-mode="notebook"] input[type="radio"]')
    );
    notebook.click();
    (await waitFor(() => $(panel, '.jp-GoogleAuth-signIn'))).click();
    await waitFor(() => $(panel, '.jp-GoogleAuth-paste'));
    expect(client.startFlow).toHaveBeenCalledWith({
      mode: 'notebook',
      origin: 'http://localhost:8888',
      preset: 'earthengine',
      client: 'earthengine',
      targets: ['earthengine', 'adc']
    });
    expect($(panel, '.jp-GoogleAuth-paste label')!.textContent).toMatch(/Code/);

    $(panel, '.jp-GoogleAuth-consentButton')!.click();
    expect(window.open).toHaveBeenCalledWith(
      'https://fake.example/client-auth?x=1',
      '_blank',
      'noopener'
    );

    client.completeFlow.mockResolvedValue(
      flow({
        state: 'succeeded',
        result: {
          account: 'alice@example.com',
          scopes: ['https://www.googleapis.com/auth/earthengine'],
          files: [{ target: 'adc', path: '/home/a/adc.json' }]
        }
      })
    );
    const input = $(panel, '.jp-GoogleAuth-pasteInput') as HTMLInputElement;
    typeInto(input, '  4/0fake-code-123  ');
    (
      await waitFor(() => $(panel, '.jp-GoogleAuth-submit:not([disabled])'))
    ).click();
    const success = await waitFor(() => $(panel, '.jp-GoogleAuth-success'));
    expect(client.completeFlow).toHaveBeenCalledWith('flow-1', {
      code: '4/0fake-code-123'
    });
    expect(success.textContent).toContain('Signed in as alice@example.com.');
    expect(success.textContent).toContain('/home/a/adc.json');
  });

  it('refuses a bad paste in the browser, keeping the flow', async () => {
    open();
    (await waitFor(() => $(panel, '[data-mode="notebook"] input'))).click();
    (await waitFor(() => $(panel, '.jp-GoogleAuth-signIn'))).click();
    const input = (await waitFor(() =>
      $(panel, '.jp-GoogleAuth-pasteInput')
    )) as HTMLInputElement;
    typeInto(input, 'not a code');
    (
      await waitFor(() => $(panel, '.jp-GoogleAuth-submit:not([disabled])'))
    ).click();
    const error = await waitFor(() =>
      $(panel, '.jp-GoogleAuth-paste [role="alert"]')
    );
    expect(error.textContent).toMatch(/spaces/);
    expect(client.completeFlow).not.toHaveBeenCalled();
  });

  it('shows a server refusal of the paste (stale address) with its help', async () => {
    open();
    (await waitFor(() => $(panel, '[data-mode="notebook"] input'))).click();
    (await waitFor(() => $(panel, '.jp-GoogleAuth-signIn'))).click();
    client.completeFlow.mockRejectedValue(
      new GoogleAuthApiError(400, {
        code: 'state_mismatch',
        message: 'That address belongs to another sign-in.',
        help: 'Paste the address from this sign-in’s tab.'
      })
    );
    const input = (await waitFor(() =>
      $(panel, '.jp-GoogleAuth-pasteInput')
    )) as HTMLInputElement;
    typeInto(input, 'http://localhost:1/?state=old&code=4/0abcdefgh');
    (
      await waitFor(() => $(panel, '.jp-GoogleAuth-submit:not([disabled])'))
    ).click();
    const error = await waitFor(() =>
      $(panel, '.jp-GoogleAuth-paste [role="alert"]')
    );
    expect(error.textContent).toContain('another sign-in');
    expect(error.textContent).toContain('this sign-in’s tab');
    expect($(panel, '.jp-GoogleAuth-flow')!.dataset.phase).toBe(
      'awaiting-paste'
    );
  });

  it('shows a failed flow with its help and a retry', async () => {
    open();
    client.startFlow.mockResolvedValue(
      flow({
        mode: 'loopback',
        expects: 'callback',
        state: 'failed',
        error: {
          code: 'access_denied',
          message: 'You denied access.',
          // The server sends the help for its codes (help.py); the panel shows it.
          help: 'Start again and choose Allow. If the page said your organisation blocks the app, ask its administrator, or sign in with a custom Desktop client.'
        }
      })
    );
    (await waitFor(() => $(panel, '.jp-GoogleAuth-signIn'))).click();
    const alert = await waitFor(() =>
      $(panel, '.jp-GoogleAuth-error[role="alert"]')
    );
    expect(alert.textContent).toContain('You denied access.');
    expect(alert.textContent).toMatch(/choose Allow/);
    $(panel, '.jp-GoogleAuth-retry')!.click();
    await waitFor(() => !$(panel, '.jp-GoogleAuth-flow'));
    expect(
      ($(panel, '.jp-GoogleAuth-signIn') as HTMLButtonElement).disabled
    ).toBe(false);
  });

  it('notices a loopback flow ending by itself, and says so to every view', async () => {
    client = fakeClient();
    const service = serviceFor(client);
    panel = new AuthPanel(service, trans, { pollInterval: 20 });
    Widget.attach(panel, document.body);
    const events: ChangeCause[] = [];
    service.changed.connect((_, cause) => events.push(cause));
    client.startFlow.mockResolvedValue(
      flow({ mode: 'loopback', expects: 'callback' })
    );
    client.getFlow.mockResolvedValue(
      flow({
        mode: 'loopback',
        expects: 'callback',
        state: 'succeeded',
        result: { account: 'alice@example.com', scopes: [], files: [] }
      })
    );
    (await waitFor(() => $(panel, '.jp-GoogleAuth-signIn'))).click();
    await waitFor(() => $(panel, '.jp-GoogleAuth-success'));
    expect($(panel, '.jp-GoogleAuth-paste')).toBeNull();
    await waitFor(() => events.some(e => e.kind === 'signed-in'));
    expect(events.filter(e => e.kind === 'signed-in')).toEqual([
      { kind: 'signed-in', mode: 'loopback' }
    ]);
  });

  it('follows a sign-out made elsewhere: its success and project step are gone', async () => {
    client = fakeClient();
    const service = serviceFor(client);
    panel = new AuthPanel(service, trans, { pollInterval: 20 });
    Widget.attach(panel, document.body);
    client.startFlow.mockResolvedValue(
      flow({
        mode: 'loopback',
        expects: 'callback',
        state: 'succeeded',
        result: { account: 'alice@example.com', scopes: [], files: [] }
      })
    );
    (await waitFor(() => $(panel, '.jp-GoogleAuth-signIn'))).click();
    await waitFor(() => $(panel, '.jp-GoogleAuth-success'));
    await service.report({ kind: 'signed-out' }); // e.g. palette → Google: Sign out
    await waitFor(() => $(panel, '.jp-GoogleAuth-signIn'));
    expect($(panel, '.jp-GoogleAuth-flow')).toBeNull();
    expect($(panel, '.jp-GoogleAuth-projectStep')).toBeNull();
    expect($(panel, '.jp-GoogleAuth-statusLine')!.textContent).toMatch(
      /^Not signed in/
    );
  });

  it('cancels its pending flow when closed', async () => {
    open();
    (await waitFor(() => $(panel, '[data-mode="notebook"] input'))).click();
    (await waitFor(() => $(panel, '.jp-GoogleAuth-signIn'))).click();
    await waitFor(() => $(panel, '.jp-GoogleAuth-paste'));
    panel.dispose();
    expect(client.cancelFlow).toHaveBeenCalledWith('flow-1');
  });

  it('offers to sign in again when already signed in', async () => {
    open();
    client.startFlow.mockResolvedValueOnce({
      already_signed_in: true,
      account: 'alice@example.com',
      scopes: ['https://www.googleapis.com/auth/earthengine']
    });
    (await waitFor(() => $(panel, '.jp-GoogleAuth-signIn'))).click();
    const already = await waitFor(() => $(panel, '.jp-GoogleAuth-already'));
    expect(already.textContent).toContain(
      'Already signed in as alice@example.com with these scopes.'
    );
    $(panel, '.jp-GoogleAuth-force')!.click();
    await waitFor(() => client.startFlow.mock.calls.length === 2);
    expect(client.startFlow.mock.calls[1][0]).toMatchObject({
      mode: 'loopback',
      force: true
    });
  });

  it('shows the runtime service account and says when its scopes fall short', async () => {
    open(
      environment({
        class: 'colab-like',
        recommended_mode: 'ambient',
        modes: {
          ...environment().modes,
          ambient: { available: true, reason: null }
        },
        facts: {
          metadata: {
            present: true,
            email: 'vm@proj.iam.gserviceaccount.com',
            scopes: ['https://www.googleapis.com/auth/userinfo.email'],
            project_id: 'vm-project'
          }
        }
      })
    );
    const ambient = await waitFor(() => $(panel, '.jp-GoogleAuth-ambient'));
    expect(ambient.textContent).toContain('vm@proj.iam.gserviceaccount.com');
    expect(ambient.textContent).toContain('vm-project');
    expect(ambient.textContent).toMatch(/fixed when it is created/);
    $(panel, '.jp-GoogleAuth-useUser')!.click();
    await waitFor(() => $(panel, '.jp-GoogleAuth-signIn'));
    expect(
      ($(panel, '[data-mode="loopback"] input') as HTMLInputElement).checked
    ).toBe(true);
  });

  it('stores a pasted service-account key and shows its e-mail', async () => {
    open();
    client.storeServiceAccount.mockResolvedValue({
      client_email: 'robot@p.iam.gserviceaccount.com',
      project_id: 'p',
      files: [{ target: 'adc', path: '/h/adc.json' }],
      tried: true
    });
    (
      await waitFor(() => $(panel, '[data-mode="service-account"] input'))
    ).click();
    const area = (await waitFor(() =>
      $(panel, '.jp-GoogleAuth-keyPaste')
    )) as HTMLTextAreaElement;
    typeInto(area, '{"type": "service_account"}');
    (
      await waitFor(() => $(panel, '.jp-GoogleAuth-storeKey:not([disabled])'))
    ).click();
    const success = await waitFor(() => $(panel, '.jp-GoogleAuth-success'));
    expect(client.storeServiceAccount).toHaveBeenCalledWith({
      type: 'service_account'
    });
    expect(success.textContent).toContain('robot@p.iam.gserviceaccount.com');
    expect(area.value).toBe('');
  });

  it('uploads a client_secret.json and enables paste-url', async () => {
    open();
    client.uploadCustomClient.mockResolvedValue({
      configured: true,
      source: 'upload',
      client_id: '111-custom.apps.googleusercontent.com'
    });
    const picker = (await waitFor(() =>
      $(panel, '[data-mode="paste-url"] .jp-GoogleAuth-clientFile')
    )) as HTMLInputElement;
    const file = new File(
      ['{"installed": {"client_id": "111"}}'],
      'client_secret.json',
      {
        type: 'application/json'
      }
    );
    Object.defineProperty(picker, 'files', {
      value: [file],
      configurable: true
    });
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(
      () =>
        !(
          $(
            panel,
            '[data-mode="paste-url"] input[type="radio"]'
          ) as HTMLInputElement
        ).disabled
    );
    expect(client.uploadCustomClient).toHaveBeenCalledWith({
      installed: { client_id: '111' }
    });
  });
  it('starts at once from the Authenticate click and sends its tab to the consent page', async () => {
    client = fakeClient();
    // The server answers the same loopback flow to the start and to every poll (a poll
    // answering another flow's mode would replace the line this test reads).
    const loopback = flow({ mode: 'loopback', expects: 'callback' });
    client.startFlow.mockResolvedValue(loopback);
    client.getFlow.mockResolvedValue(loopback);
    const tab = { go: jest.fn().mockReturnValue(true), close: jest.fn() };
    panel = new AuthPanel(serviceFor(client), trans, {
      pollInterval: 20,
      start: true,
      consentTab: tab
    });
    Widget.attach(panel, document.body);
    await waitFor(() => tab.go.mock.calls.length > 0);
    expect(tab.go).toHaveBeenCalledWith('https://fake.example/client-auth?x=1');
    expect(tab.close).not.toHaveBeenCalled();
    expect(client.startFlow.mock.calls[0][0]).toMatchObject({
      mode: 'loopback'
    });
    // The line follows the flow once the server's answer has rendered (not before).
    const line = await waitFor(() => {
      const found = $(panel, '.jp-GoogleAuth-statusLine[role="status"]');
      return found?.textContent?.includes('new tab') ? found : null;
    });
    expect(line.textContent).toContain('new tab');
  });

  it('closes the click’s tab when the server says the credentials already fit', async () => {
    client = fakeClient();
    client.startFlow.mockResolvedValue({
      already_signed_in: true,
      account: 'alice@example.com',
      scopes: []
    });
    const tab = { go: jest.fn(), close: jest.fn() };
    panel = new AuthPanel(serviceFor(client), trans, {
      start: true,
      consentTab: tab
    });
    Widget.attach(panel, document.body);
    await waitFor(() => tab.close.mock.calls.length > 0);
    expect(tab.go).not.toHaveBeenCalled();
  });

  it('sends a pasted code by itself, without a click', async () => {
    open();
    (await waitFor(() => $(panel, '[data-mode="notebook"] input'))).click();
    (await waitFor(() => $(panel, '.jp-GoogleAuth-signIn'))).click();
    const input = (await waitFor(() =>
      $(panel, '.jp-GoogleAuth-pasteInput')
    )) as HTMLInputElement;
    client.completeFlow.mockResolvedValue(flow({ state: 'succeeded' }));
    const paste = new Event('paste', { bubbles: true, cancelable: true });
    Object.assign(paste, {
      clipboardData: { getData: () => ' 4/0pasted-code-456 ' }
    });
    input.dispatchEvent(paste);
    await waitFor(() => client.completeFlow.mock.calls.length > 0);
    expect(client.completeFlow).toHaveBeenCalledWith('flow-1', {
      code: '4/0pasted-code-456'
    });
  });

  it('says who is signed in, with which project, when credentials fit', async () => {
    client = fakeClient();
    client.credentials.mockResolvedValue({
      sources: [
        {
          name: 'earthengine',
          present: true,
          account: 'alice@example.com',
          valid: true,
          problems: []
        }
      ],
      used_by: { earthengine: 'earthengine', google_auth: null },
      projects: { earthengine: 'ee-alice', google_auth: null }
    });
    panel = new AuthPanel(serviceFor(client), trans);
    Widget.attach(panel, document.body);
    const who = await waitFor(() => $(panel, '.jp-GoogleAuth-who'));
    expect(who.textContent).toContain('alice@example.com');
    expect(who.textContent).toContain('ee-alice');
    expect($(panel, '.jp-GoogleAuth-switch')).not.toBeNull();
    expect($(panel, '.jp-GoogleAuth-signIn')).toBeNull();
  });

  it('closes on Escape, cancelling its sign-in', async () => {
    open();
    (await waitFor(() => $(panel, '[data-mode="notebook"] input'))).click();
    (await waitFor(() => $(panel, '.jp-GoogleAuth-signIn'))).click();
    const input = await waitFor(() => $(panel, '.jp-GoogleAuth-pasteInput'));
    input.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })
    );
    expect(panel.isDisposed).toBe(true);
    expect(client.cancelFlow).toHaveBeenCalledWith('flow-1');
  });
});
