import {
  english,
  menuOrder,
  profileLabel,
  profileNote,
  profileMenuLabel,
  type IProfileSummary
} from '..';

const alice: IProfileSummary = {
  name: 'alice@example.com',
  kind: 'user',
  account: 'alice@example.com',
  project: 'ee-alice',
  active: true,
  signed_out: false,
  expires_about: null
};

describe('profiles menu words', () => {
  it('names the account and project, and the profile when it has its own name', () => {
    expect(profileLabel(alice, english)).toBe('alice@example.com · ee-alice');
    const work = { ...alice, name: 'work', project: null };
    expect(profileLabel(work, english)).toBe('work: alice@example.com');
  });

  it('says the kind, signed out, or a sign-in Google is about to end', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    expect(profileNote(alice, english, now)).toBe('');
    const sa = { ...alice, kind: 'impersonated' as const, signed_out: true };
    expect(profileNote(sa, english, now)).toBe(
      'acting as a service account · signed out'
    );
    const soon = { ...alice, expires_about: '2026-12-03T10:00:00Z' };
    expect(profileNote(soon, english, now)).toBe('sign-in ends 2026-12-03');
    const later = { ...alice, expires_about: '2026-12-08T10:00:00Z' };
    expect(profileNote(later, english, now)).toBe('');
    const ended = { ...alice, expires_about: '2026-12-01T10:00:00Z' };
    expect(profileNote(ended, english, now)).toBe(
      'sign-in ended: sign in again'
    );
  });

  it('lists the active profile first', () => {
    const bob = { ...alice, name: 'bob', active: false };
    const carol = { ...alice, name: 'carol', active: false };
    expect(menuOrder([carol, alice, bob]).map(p => p.name)).toEqual([
      'alice@example.com',
      'bob',
      'carol'
    ]);
  });
});

describe('the menu line', () => {
  it('adds the note after the label, only when there is one', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    expect(profileMenuLabel(alice, english, now)).toBe(
      'alice@example.com · ee-alice'
    );
    const ending = { ...alice, expires_about: '2026-12-03T12:00:00Z' };
    expect(profileMenuLabel(ending, english, now)).toBe(
      'alice@example.com · ee-alice — sign-in ends 2026-12-03'
    );
  });
});
