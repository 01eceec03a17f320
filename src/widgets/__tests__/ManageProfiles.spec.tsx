import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';
import { act } from 'react';

import type { ProfilesList, ProfileView } from '../../api';
import { ManageProfiles, type IManageApi } from '../profiles/ManageDialog';
import { click, render, settle, typeInto } from './render';

const trans = nullTranslator.load('jupyterlab_google_auth');

const profile = (name: string, active = false): ProfileView => ({
  name,
  kind: 'user',
  account: name,
  project: null,
  active,
  signed_out: false,
  expires_about: null,
  impersonating: null
});

/** A server of two profiles whose every answer is the new list. */
function fakeApi(): IManageApi & { calls: string[] } {
  let profiles = [
    profile('alice@example.com', true),
    profile('bob@example.com')
  ];
  const calls: string[] = [];
  const answer = (): Promise<ProfilesList> =>
    Promise.resolve({ active: 'alice@example.com', profiles });
  return {
    calls,
    list: answer,
    signOut: name => {
      calls.push(`sign-out ${name}`);
      profiles = profiles.map(p =>
        p.name === name ? { ...p, signed_out: true } : p
      );
      return answer();
    },
    remove: name => {
      calls.push(`delete ${name}`);
      profiles = profiles.filter(p => p.name !== name);
      return answer();
    },
    rename: (name, to) => {
      calls.push(`rename ${name} ${to}`);
      profiles = profiles.map(p => (p.name === name ? { ...p, name: to } : p));
      return answer();
    }
  };
}

const button = (root: Element, label: string) =>
  root.querySelector(`button[aria-label="${label}"]`) as HTMLButtonElement;

describe('ManageProfiles', () => {
  it('deletes only after a confirmation that says the files are kept', async () => {
    const api = fakeApi();
    const view = render(<ManageProfiles api={api} trans={trans} />);
    await act(() => settle());
    expect(button(view.node, 'Delete alice@example.com').disabled).toBe(true);
    click(button(view.node, 'Delete bob@example.com'));
    const row = view.node.querySelector('[data-profile="bob@example.com"]')!;
    expect(row.textContent).toContain('moved to a backup folder, not erased');
    expect(api.calls).toEqual([]);
    const confirm = Array.from(row.querySelectorAll('button')).find(
      b => b.textContent === 'Delete'
    )!;
    click(confirm);
    await act(() => settle());
    expect(api.calls).toEqual(['delete bob@example.com']);
    expect(
      view.node.querySelector('[data-profile="bob@example.com"]')
    ).toBeNull();
    view.unmount();
  });

  it('renames in the row, refusing a bad name before asking the server', async () => {
    const api = fakeApi();
    const view = render(<ManageProfiles api={api} trans={trans} />);
    await act(() => settle());
    click(button(view.node, 'Rename bob@example.com'));
    const field = view.node.querySelector(
      'input[aria-label="New name for bob@example.com"]'
    ) as HTMLInputElement;
    typeInto(field, '../up');
    click(
      Array.from(view.node.querySelectorAll('button')).find(
        b => b.textContent === 'Save'
      )!
    );
    expect(view.node.querySelector('[role="alert"]')?.textContent).toMatch(
      /profile name/
    );
    typeInto(field, 'work');
    click(
      Array.from(view.node.querySelectorAll('button')).find(
        b => b.textContent === 'Save'
      )!
    );
    await act(() => settle());
    expect(api.calls).toEqual(['rename bob@example.com work']);
    expect(view.node.querySelector('[data-profile="work"]')).not.toBeNull();
    view.unmount();
  });
});
