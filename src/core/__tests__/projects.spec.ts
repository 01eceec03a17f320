import {
  eeInitializeCode,
  matchesQuery,
  mergeProjects,
  moveHighlight,
  normalizeQuery,
  projectIdProblem,
  quotaProblem,
  revokeErrorText,
  type ProjectSummary
} from '../projects';

const listed = (...ids: string[]): ProjectSummary[] =>
  ids.map(id => ({
    project_id: id,
    name: `Name of ${id}`,
    project_number: null
  }));

describe('projectIdProblem', () => {
  it.each(['ee-alice', 'my-project-123', 'abcdef', 'a'.repeat(30)])(
    'accepts %s',
    id => expect(projectIdProblem(id)).toBeNull()
  );

  it.each([
    ['', /Enter a project id/],
    ['short', /6 to 30/],
    ['a'.repeat(31), /6 to 30/],
    ['My-Project', /lowercase/],
    ['1project', /start with a lowercase letter/],
    ['123456789012', /project number/],
    ['my_project', /only lowercase letters, digits and hyphens/],
    ['my-project-', /cannot end with a hyphen/]
  ])('explains why %j is not an id', (id, message) => {
    expect(projectIdProblem(id)).toMatch(message);
  });

  it('ignores surrounding spaces', () => {
    expect(projectIdProblem('  ee-alice ')).toBeNull();
  });
});

describe('mergeProjects', () => {
  it('puts recent choices first and lists each id once', () => {
    const out = mergeProjects(['p-two', 'p-zero'], listed('p-one', 'p-two'));
    expect(out.map(e => [e.project_id, e.recent])).toEqual([
      ['p-two', true],
      ['p-zero', true],
      ['p-one', false]
    ]);
    // A recent id takes the listed name; one not listed has none.
    expect(out[0].name).toBe('Name of p-two');
    expect(out[1].name).toBeNull();
  });

  it('keeps only recent ids the query matches, by id or listed name', () => {
    const out = mergeProjects(
      ['alpha-1', 'beta-1', 'gamma-1'],
      [{ project_id: 'gamma-1', name: 'Alpha team', project_number: null }],
      ' ALPHA '
    );
    expect(out.map(e => e.project_id)).toEqual(['alpha-1', 'gamma-1']);
  });

  it('drops duplicate recent ids', () => {
    expect(mergeProjects(['a-one', 'a-one'], []).length).toBe(1);
  });

  it('normalizes the query', () => {
    expect(normalizeQuery('  ee   alice ')).toBe('ee alice');
  });
});

describe('moveHighlight', () => {
  it('moves and clamps', () => {
    expect(moveHighlight(-1, 'ArrowDown', 3)).toBe(0);
    expect(moveHighlight(2, 'ArrowDown', 3)).toBe(2);
    expect(moveHighlight(0, 'ArrowUp', 3)).toBe(0);
    expect(moveHighlight(-1, 'ArrowUp', 3)).toBe(0);
    expect(moveHighlight(1, 'PageDown', 30, 10)).toBe(11);
    expect(moveHighlight(5, 'PageUp', 30, 10)).toBe(0);
    expect(moveHighlight(5, 'Home', 30)).toBe(0);
    expect(moveHighlight(5, 'End', 30)).toBe(29);
  });

  it('ignores other keys and empty lists', () => {
    expect(moveHighlight(0, 'a', 3)).toBeNull();
    expect(moveHighlight(0, 'ArrowDown', 0)).toBeNull();
  });
});

describe('eeInitializeCode', () => {
  it('writes the cell for a project', () => {
    expect(eeInitializeCode('ee-alice')).toBe(
      "import ee\nee.Initialize(project='ee-alice')"
    );
  });

  it('refuses anything that could break out of the string', () => {
    expect(() => eeInitializeCode("x'); import os; ('")).toThrow();
  });
});

describe('revokeErrorText', () => {
  it('reads a string or an error body', () => {
    const base = { revoked: false, moved: [] };
    expect(revokeErrorText({ ...base, revoke_error: null })).toBeNull();
    expect(revokeErrorText({ ...base, revoke_error: 'timeout' })).toBe(
      'timeout'
    );
    expect(
      revokeErrorText({
        ...base,
        revoke_error: {
          code: 'revoke_failed',
          message: 'Down.',
          help: 'Later.'
        }
      })
    ).toBe('Down. Later.');
  });
});

describe('local narrowing and the quota outcome', () => {
  const listed = [
    { project_id: 'ee-alice', name: 'Earth Engine', project_number: '1' },
    { project_id: 'geo-2', name: 'Geology', project_number: '2' }
  ];

  it('keeps listed projects that hold every word, in any case', () => {
    expect(matchesQuery(listed[0], 'EARTH ali')).toBe(true);
    expect(matchesQuery(listed[0], 'earth bob')).toBe(false);
    expect(mergeProjects([], listed, 'olog').map(e => e.project_id)).toEqual([
      'geo-2'
    ]);
    expect(mergeProjects([], listed, '')).toHaveLength(2);
  });

  it('finds a quota problem only when the server reported one', () => {
    expect(quotaProblem({ project: 'p', files: [] })).toBeNull();
    expect(
      quotaProblem({ project: 'p', files: [], quota_project: { set: false } })
    ).toBeNull();
    const problem = {
      set: false,
      code: 'quota_permission_missing',
      message: 'm'
    };
    expect(
      quotaProblem({ project: 'p', files: [], quota_project: problem })
    ).toBe(problem);
  });
});
