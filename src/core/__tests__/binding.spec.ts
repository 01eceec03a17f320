import {
  boundProfileIn,
  english,
  notebookStatus,
  type IProfileSummary
} from '..';
import { loadingStatus } from '../status';
import { bindingChoices } from '../../widgets/profiles/binding';

const profile = (
  name: string,
  changes: Partial<IProfileSummary> = {}
): IProfileSummary => ({
  name,
  kind: 'user',
  account: `${name}@example.com`,
  project: `${name}-project`,
  active: false,
  signed_out: false,
  expires_about: null,
  ...changes
});

const alice = profile('alice', { active: true });
const bob = profile('bob');
const carol = profile('carol', { signed_out: true });
const active = {
  ...loadingStatus(),
  state: 'ok' as const,
  text: 'alice@example.com · alice-project',
  account: 'alice@example.com'
};

describe('boundProfileIn', () => {
  it('reads a profile name, nothing else', () => {
    expect(boundProfileIn({ profile: 'bob' })).toBe('bob');
    expect(boundProfileIn({ profile: '../x' })).toBeNull();
    expect(boundProfileIn({ profile: 3 })).toBeNull();
    expect(boundProfileIn(null)).toBeNull();
  });
});

describe('bindingChoices', () => {
  it('offers the other profiles holding credentials, and the active account once bound', () => {
    expect(bindingChoices([alice, bob, carol], null)).toEqual(['bob']);
    const bound = { profile: 'bob', state: 'bound' as const, message: null };
    expect(bindingChoices([alice, bob, carol], bound)).toEqual([null]);
  });
});

describe('notebookStatus', () => {
  it('shows a bound notebook’s own account, and says which is active', () => {
    const bound = { profile: 'bob', state: 'bound' as const, message: null };
    const shown = notebookStatus(active, bound, [alice, bob], english);
    expect(shown.text).toBe('This notebook: bob@example.com · bob-project');
    expect(shown.title).toContain('active account, alice@example.com');
    expect(notebookStatus(active, null, [alice, bob], english)).toBe(active);
  });

  it('warns when the profile is missing: the kernel uses the active account', () => {
    const missing = {
      profile: 'dan',
      state: 'missing' as const,
      message: null
    };
    const shown = notebookStatus(active, missing, [alice, bob], english);
    expect(shown.warning).toBe(true);
    expect(shown.title).toContain('uses the active account, alice@example.com');
  });
});
