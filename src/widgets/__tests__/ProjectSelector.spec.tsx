import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';
import { act } from 'react';

import { GoogleAuthApiError } from '../../api/errors';
import { ProjectSelector } from '../projects/ProjectSelector';
import { FakeApi } from './fakeApi';
import {
  click,
  press,
  render,
  settle,
  typeInto,
  type IRendered
} from './render';

const trans = nullTranslator.load('jupyterlab_google_auth');

describe('ProjectSelector', () => {
  let api: FakeApi;
  let chosen: jest.Mock;
  let view: IRendered;

  const mount = async (props: { debounceMs?: number } = {}) => {
    chosen = jest.fn();
    view = render(
      <ProjectSelector
        api={api}
        trans={trans}
        onChosen={chosen}
        onSignOut={() => undefined}
        debounceMs={props.debounceMs ?? 0}
        servicesDelayMs={0}
      />
    );
    await settle();
  };
  const $ = (selector: string) => view.node.querySelector(selector)!;
  const options = () =>
    Array.from(view.node.querySelectorAll('[role="option"]')) as HTMLElement[];
  const search = () => $('input[role="combobox"]') as HTMLInputElement;

  beforeEach(() => {
    api = new FakeApi();
  });
  afterEach(() => view.unmount());

  it('lists recent choices first, as a labelled listbox', async () => {
    api.recent = ['alice-project-0100', 'not-listed-1'];
    await mount();
    expect($('[role="listbox"]').getAttribute('aria-label')).toBe('Projects');
    const ids = options().map(o => o.dataset.project);
    expect(ids.slice(0, 3)).toEqual([
      'alice-project-0100',
      'not-listed-1',
      'alice-project-0001'
    ]);
    expect(ids.filter(id => id === 'alice-project-0100')).toHaveLength(1);
    expect(options()[0].getAttribute('aria-selected')).toBe('true');
    expect(view.node.textContent).toContain('Signed in as alice@example.com.');
    expect(view.node.textContent).toContain('Current project: ee-alice.');
  });

  it('pages with "Load more" instead of rendering thousands', async () => {
    await mount();
    expect(options()).toHaveLength(50);
    click($('.jp-GoogleAuth-loadMore'));
    await settle();
    expect(options()).toHaveLength(100);
    expect(api.listCalls[1].pageToken).toBe('50');
  });

  it('asks the server once per pause in typing', async () => {
    jest.useFakeTimers();
    try {
      chosen = jest.fn();
      view = render(
        <ProjectSelector
          api={api}
          trans={trans}
          onChosen={chosen}
          debounceMs={300}
        />
      );
      const before = api.listCalls.length;
      for (const text of ['0', '00', '007']) {
        typeInto(search(), text);
        jest.advanceTimersByTime(100);
      }
      expect(api.listCalls.length).toBe(before);
      await settleFake(300);
      expect(api.listCalls.slice(before).map(c => c.query)).toEqual(['007']);
      expect(options().map(o => o.dataset.project)).toEqual(
        [
          'alice-project-0070',
          'alice-project-0071',
          'alice-project-0072',
          'alice-project-0073',
          'alice-project-0074',
          'alice-project-0075',
          'alice-project-0076',
          'alice-project-0077',
          'alice-project-0078',
          'alice-project-0079',
          'alice-project-0007'
        ].sort()
      );
    } finally {
      jest.useRealTimers();
    }
  });

  it('narrows the loaded projects at once, before the server answers', async () => {
    jest.useFakeTimers();
    try {
      chosen = jest.fn();
      view = render(
        <ProjectSelector
          api={api}
          trans={trans}
          onChosen={chosen}
          debounceMs={300}
        />
      );
      await settleFake(0);
      expect(options()).toHaveLength(50);
      const before = api.listCalls.length;
      typeInto(search(), 'PROJECT 42');
      await settleFake(0);
      // No request yet: the 50 loaded rows were filtered by substring, any case, every word.
      expect(api.listCalls.length).toBe(before);
      expect(options().map(o => o.dataset.project)).toEqual([
        'alice-project-0042'
      ]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('puts projects ready for Earth Engine first, preselected; says why the others are not', async () => {
    api.readiness = {
      'alice-project-0001': 'unregistered',
      'alice-project-0002': 'disabled'
    };
    await mount();
    await settle(20);
    // The first listed projects were checked one by one; the ready ones lead.
    expect(api.readinessCalls.slice(0, 8)).toEqual(
      Array.from({ length: 8 }, (_, i) => `alice-project-000${i + 1}`)
    );
    const first = options()[0];
    expect(first.getAttribute('data-project')).toBe('alice-project-0003');
    expect(first.getAttribute('aria-selected')).toBe('true');
    const ee = $('.jp-GoogleAuth-earthEngine');
    expect(
      ee.querySelector('[data-ee-state]')!.getAttribute('data-ee-state')
    ).toBe('ready');

    // The unregistered one comes after the ready ones, badged; highlighted, it says why.
    const last = options()[6];
    expect(last.getAttribute('data-project')).toBe('alice-project-0001');
    expect(last.querySelector('[data-ee-state]')!.textContent).toBe(
      'EE unregistered'
    );
    act(() => {
      last.dispatchEvent(new MouseEvent('mousemove', { bubbles: true }));
    });
    await settle();
    const link = ee.querySelector('a')!;
    expect(link.textContent).toBe('Register the project');
    expect(link.getAttribute('href')).toBe(
      'https://code.earthengine.google.com/register?project=alice-project-0001'
    );
    // Known from the list: not asked again.
    expect(
      api.readinessCalls.filter(p => p === 'alice-project-0001')
    ).toHaveLength(1);
  });

  it('skips Earth Engine readiness for a sign-in without Earth Engine scopes', async () => {
    api.report = {
      ...api.report,
      sources: [
        {
          ...api.report.sources[0],
          scopes: ['https://www.googleapis.com/auth/cloud-platform']
        }
      ]
    };
    await mount();
    expect(view.node.querySelector('.jp-GoogleAuth-earthEngine')).toBeNull();
    expect(api.readinessCalls).toEqual([]);
  });

  it('says plainly when the quota project was not written, and stays open for another', async () => {
    api.noQuota = ['alice-project-0003'];
    await mount();
    click(options()[2]);
    await settle();
    const notice = $('.jp-GoogleAuth-choiceNotice');
    expect(notice.getAttribute('data-code')).toBe('quota_permission_missing');
    expect(notice.textContent).toContain(
      'does not have permission serviceusage.services.use on project alice-project-0003'
    );
    expect(chosen).not.toHaveBeenCalled();
    expect(options().length).toBeGreaterThan(2); // the list stays to choose another
    expect(notice.querySelector('button')!.textContent).toBe(
      'Keep alice-project-0003'
    );
    click(notice.querySelector('button')!);
    expect(chosen).toHaveBeenCalledWith(
      expect.objectContaining({ project: 'alice-project-0003' }),
      false
    );
  });

  it('explains an empty list: why, and the ways on (create, register, type an id)', async () => {
    api.projects = [];
    api.recent = [];
    await mount();
    const empty = $('.jp-GoogleAuth-emptyList');
    expect(empty.textContent).toContain('This account can see no projects.');
    expect(empty.textContent).toContain('ee-<your-name>');
    const links = Array.from(empty.querySelectorAll('a')).map(a => a.href);
    expect(links).toEqual([
      'https://console.cloud.google.com/projectcreate',
      'https://code.earthengine.google.com/register'
    ]);
  });

  it('moves the highlight with the arrows and chooses with Enter', async () => {
    await mount();
    press(search(), 'ArrowDown');
    press(search(), 'ArrowDown');
    const active = options()[2];
    expect(active.getAttribute('aria-selected')).toBe('true');
    expect(search().getAttribute('aria-activedescendant')).toBe(active.id);
    press(search(), 'Enter');
    await settle();
    expect(api.setCalls).toEqual([['alice-project-0003', false]]);
    expect(chosen).toHaveBeenCalledWith(
      expect.objectContaining({ project: 'alice-project-0003' }),
      false
    );
  });

  it('shows the highlighted project’s APIs with an Enable link', async () => {
    await mount();
    const ee = $('[data-service="earthengine.googleapis.com"]');
    expect(ee.textContent).toContain('disabled');
    expect(ee.querySelector('a')!.getAttribute('href')).toContain(
      'project=alice-project-0001'
    );
    expect(ee.querySelector('a')!.getAttribute('target')).toBe('_blank');
    const gl = $('[data-service="generativelanguage.googleapis.com"]');
    expect(gl.textContent).toContain('unknown');
    expect(gl.textContent).toContain('Service Usage was denied.');
    expect(gl.querySelector('a')).toBeNull();
  });

  it('chooses on click, with gcloud when ticked', async () => {
    await mount();
    click($('.jp-GoogleAuth-gcloud input'));
    click(options()[4]);
    await settle();
    expect(api.setCalls).toEqual([['alice-project-0005', true]]);
  });

  it('offers the free-text path when projects cannot be listed', async () => {
    api.listError = new GoogleAuthApiError(403, {
      code: 'projects_forbidden',
      message: 'alice@example.com may not list projects.',
      help: 'Type the id.'
    });
    await mount();
    expect($('[role="alert"]').textContent).toContain('may not list projects');
    const manual = $('.jp-GoogleAuth-manualInput') as HTMLInputElement;
    expect(document.activeElement).toBe(manual);

    typeInto(manual, 'Bad_Project');
    expect(manual.getAttribute('aria-invalid')).toBe('true');
    expect($('.jp-GoogleAuth-fieldError').textContent).toMatch(/lowercase/);
    click($('.jp-GoogleAuth-manualUse'));
    expect(api.setCalls).toEqual([]);

    typeInto(manual, 'someone-elses-1');
    press(manual, 'Enter');
    await settle();
    expect(api.setCalls).toEqual([['someone-elses-1', false]]);
  });

  it('shows a failed save with its help, and stays open', async () => {
    api.setError = new GoogleAuthApiError(409, {
      code: 'write_failed',
      message: 'The file is a symlink.',
      help: 'Fix what the message names.'
    });
    await mount();
    click(options()[0]);
    await settle();
    expect(chosen).not.toHaveBeenCalled();
    const alert = $('.jp-GoogleAuth-selector > [role="alert"]');
    expect(alert.textContent).toContain('The file is a symlink.');
    expect(alert.textContent).toContain('Fix what the message names.');
  });
});

/** Advance fake timers and let the promises they start settle. */
async function settleFake(ms: number): Promise<void> {
  await act(async () => {
    jest.advanceTimersByTime(ms);
  });
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await Promise.resolve();
      jest.advanceTimersByTime(0);
    });
  }
}
