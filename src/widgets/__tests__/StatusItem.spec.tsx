import * as React from 'react';
import { act } from 'react';

import { GoogleAuthNetworkError } from '../../api/errors';
import { deriveStatus } from '../../core/status';
import { StatusItem, StatusView } from '../status/StatusItem';
import { GoogleAuthService } from '../../service/GoogleAuthService';
import { aliceReport } from './fakeApi';
import { click, press, render, settle } from './render';

const signedOut = deriveStatus({
  sources: [],
  used_by: { earthengine: null, google_auth: null }
});

describe('StatusView', () => {
  it('shows account and project, and opens on click or Enter', () => {
    const onActivate = jest.fn();
    const view = render(
      <StatusView status={deriveStatus(aliceReport)} onActivate={onActivate} />
    );
    const item = view.node.querySelector('[role="button"]')!;
    expect(item.textContent).toBe('alice@example.com · ee-alice');
    expect(item.classList.contains('jp-mod-warning')).toBe(false);
    expect(item.getAttribute('data-state')).toBe('ok');
    click(item);
    press(item, 'Enter');
    expect(onActivate).toHaveBeenCalledTimes(2);
    view.unmount();
  });

  it('looks like a warning, with the reason in its title, when there is no project', () => {
    const report = {
      ...aliceReport,
      sources: [{ ...aliceReport.sources[0], project: null }],
      projects: { earthengine: null, google_auth: null }
    };
    const view = render(<StatusView status={deriveStatus(report)} />);
    const item = view.node.querySelector('[role="button"]')!;
    expect(item.classList.contains('jp-mod-warning')).toBe(true);
    expect(item.getAttribute('title')).toMatch(/No project is set/);
    expect(item.getAttribute('aria-label')).toMatch(/no project/);
    view.unmount();
  });

  it('says what a click does in its tooltip only (the status dialog has nothing to click)', () => {
    const status = deriveStatus(aliceReport);
    expect(status.title).not.toMatch(/Click/);
    const view = render(
      <StatusView status={status} clickHint="Click to change the project." />
    );
    const item = view.node.querySelector('[role="button"]')!;
    expect(item.getAttribute('title')).toMatch(
      /Click to change the project\.$/
    );
    view.unmount();
  });

  it('is two buttons when split: the account and the project, each with its own action', () => {
    const onActivate = jest.fn();
    const view = render(
      <StatusView
        status={deriveStatus(aliceReport)}
        onActivate={onActivate}
        splitHints={{ account: 'Switch account.', project: 'Change project.' }}
      />
    );
    const group = view.node.querySelector('.jp-GoogleAuth-statusItem')!;
    expect(group.textContent).toBe('alice@example.com · ee-alice');
    expect(group.getAttribute('role')).toBe('group');
    const [account, project] = Array.from(
      view.node.querySelectorAll('[role="button"]')
    );
    expect(account.textContent).toBe('alice@example.com');
    expect(account.getAttribute('aria-label')).toBe(
      'alice@example.com. Switch account.'
    );
    expect(project.textContent).toBe('ee-alice');
    expect(project.getAttribute('title')).toMatch(/Change project\.$/);
    click(account);
    press(project, 'Enter');
    press(account, ' ');
    expect(onActivate.mock.calls).toEqual([
      ['account'],
      ['project'],
      ['account']
    ]);
    view.unmount();
  });

  it('stays one button when there is no account to split off', () => {
    const onActivate = jest.fn();
    const view = render(
      <StatusView
        status={signedOut}
        onActivate={onActivate}
        splitHints={{ account: 'Switch account.' }}
      />
    );
    const buttons = view.node.querySelectorAll('[role="button"]');
    expect(buttons).toHaveLength(1);
    click(buttons[0]);
    expect(onActivate).toHaveBeenCalledWith('project');
    view.unmount();
  });

  it('says signed out', () => {
    const view = render(<StatusView status={signedOut} />);
    expect(view.node.textContent).toBe('Google: signed out');
    view.unmount();
  });
});

describe('StatusItem over the service', () => {
  it('renders the service’s status, skips a refresh on focus right after an answer, and reports a failure', async () => {
    const api = { credentials: jest.fn().mockResolvedValue(aliceReport) };
    const service = new GoogleAuthService({
      auth: {} as any,
      projects: api as any,
      origin: 'http://localhost:8888',
      safetyPollMs: 0
    });
    const item = new StatusItem(service, () => undefined);
    document.body.appendChild(item.node);
    item.update();
    await settle();
    expect(item.node.textContent).toBe('Google: …');

    await act(() => service.refresh());
    await settle();
    expect(api.credentials).toHaveBeenCalledTimes(1);
    expect(item.node.textContent).toBe('alice@example.com · ee-alice');

    // Focus right after an answer does not ask again.
    service.refreshOnFocus();
    await settle();
    expect(api.credentials).toHaveBeenCalledTimes(1);

    api.credentials.mockRejectedValueOnce(new GoogleAuthNetworkError('down'));
    await act(() => service.refresh());
    await settle();
    expect(service.status.state).toBe('unavailable');
    expect(item.node.querySelector('.jp-mod-warning')).not.toBeNull();

    act(() => item.dispose());
    service.dispose();
  });
});
