import {
  credentialsFit,
  currentMode,
  initialPanelState,
  panelReducer,
  pendingStartReady,
  showsProjectStep,
  showsSignedIn,
  statusLine,
  type EnvironmentReport,
  type IConsentTab,
  type PanelAction,
  type PanelFacts,
  type PanelState
} from '..';
import type { Status } from '../status';

function environment(
  changes: Partial<EnvironmentReport> = {}
): EnvironmentReport {
  const on = { available: true, reason: null };
  const off = { available: false, reason: 'not here' };
  return {
    class: 'local',
    reasons: [],
    recommended_mode: 'loopback',
    modes: {
      loopback: on,
      notebook: on,
      'paste-url': off,
      gcloud: off,
      ambient: off,
      'service-account': on
    },
    facts: {},
    ...changes
  };
}

function status(changes: Partial<Status> = {}): Status {
  return {
    state: 'ok',
    text: '',
    title: '',
    warning: false,
    account: 'alice@example.com',
    project: 'ee-alice',
    source: 'earthengine',
    projectFromClient: false,
    problem: null,
    fix: null,
    ...changes
  };
}

function facts(changes: Partial<PanelFacts> = {}): PanelFacts {
  return {
    phase: 'idle',
    flowMode: null,
    environment: environment(),
    environmentFailed: false,
    status: null,
    customClient: false,
    ...changes
  };
}

const init = (changes: Partial<Parameters<typeof initialPanelState>[0]> = {}) =>
  initialPanelState({
    preset: 'earthengine',
    targets: null,
    rememberedMode: null,
    ...changes
  });

const run = (actions: PanelAction[], from: PanelState = init()) =>
  actions.reduce(panelReducer, from);

const tab: IConsentTab = { go: () => true, close: () => undefined };

describe('initialPanelState', () => {
  it('starts from the settings, the remembered mode and the given form', () => {
    const state = init({
      preset: 'cloud',
      rememberedMode: 'notebook',
      form: { customScopes: 'email' },
      force: true,
      askProject: true,
      pendingStart: { tab }
    });
    expect(state.form).toMatchObject({
      mode: 'notebook',
      scopeChoice: 'cloud',
      targets: ['adc'],
      customScopes: 'email'
    });
    expect(state.force).toBe(true);
    expect(state.askProject).toBe(true);
    expect(state.pendingStart).toEqual({ tab });
    expect(state.phase).toBe('idle');
  });

  it('takes the files from the settings, and ignores a remembered mode that is not one', () => {
    const state = init({ targets: ['adc'], rememberedMode: 'telepathy' });
    expect(state.form.targets).toEqual(['adc']);
    expect(state.form.mode).toBeNull();
    expect(state.force).toBe(false);
    expect(state.pendingStart).toBeNull();
  });
});

describe('panelReducer', () => {
  it('changes the form and takes a mode’s only client', () => {
    let state = run([{ type: 'change-form', changes: { client: 'custom' } }]);
    expect(state.form.client).toBe('custom');
    state = run([{ type: 'choose-mode', mode: 'notebook' }], state);
    expect(state.form).toMatchObject({
      mode: 'notebook',
      client: 'earthengine'
    });
    state = run(
      [{ type: 'change-form', changes: { client: 'custom' } }],
      state
    );
    state = run([{ type: 'choose-mode', mode: 'loopback' }], state);
    expect(state.form).toMatchObject({ mode: 'loopback', client: 'custom' });
  });

  it('starts from the administrator’s preset when the form’s is not offered', () => {
    const policy = {
      presets: ['cloud'],
      default_preset: 'cloud',
      allow_custom_scopes: false,
      allow_service_account_keys: true,
      allow_token_export: true
    };
    const state = run([{ type: 'policy-applied', policy }]);
    expect(state.form.scopeChoice).toBe('cloud');
    expect(state.form.targets).toEqual(['adc']);
    // Offered, or no policy: nothing changes (the same object, so no new render).
    expect(panelReducer(state, { type: 'policy-applied', policy })).toBe(state);
    expect(
      panelReducer(state, { type: 'policy-applied', policy: undefined })
    ).toBe(state);
    // Files the user ticked by hand stay.
    const touched = run([
      {
        type: 'change-form',
        changes: { targets: ['earthengine'], targetsTouched: true }
      },
      { type: 'policy-applied', policy }
    ]);
    expect(touched.form.targets).toEqual(['earthengine']);
  });

  it('holds the Authenticate click’s tab until the start runs', () => {
    const state = run([{ type: 'start-requested', tab }]);
    expect(state.pendingStart).toEqual({ tab });
    expect(run([{ type: 'start-taken' }], state).pendingStart).toBeNull();
    expect(panelReducer(init(), { type: 'start-taken' })).toEqual(init());
  });

  it('forgets a chosen project when a new sign-in succeeds, and a skip at any new phase', () => {
    let state = run([
      { type: 'flow-phase', phase: 'succeeded' },
      { type: 'chose-project', project: 'p1' }
    ]);
    expect(state.chosenProject).toBe('p1');
    // The same phase again (a flow change within it) is no new step.
    expect(
      panelReducer(state, { type: 'flow-phase', phase: 'succeeded' })
    ).toBe(state);
    state = run(
      [{ type: 'skip-project' }, { type: 'flow-phase', phase: 'idle' }],
      state
    );
    expect(state).toMatchObject({ projectSkipped: false, chosenProject: 'p1' });
    state = run(
      [
        { type: 'flow-phase', phase: 'starting' },
        { type: 'flow-phase', phase: 'succeeded' }
      ],
      state
    );
    expect(state.chosenProject).toBeNull();
  });

  it('asks for, skips and chooses the project', () => {
    let state = run([{ type: 'ask-project' }]);
    expect(state.projectWanted).toBe(true);
    state = run([{ type: 'skip-project' }], state);
    expect(state).toMatchObject({ projectWanted: false, projectSkipped: true });
  });

  it('takes a project set elsewhere only while it asked for one', () => {
    const elsewhere: PanelAction = {
      type: 'project-set-elsewhere',
      project: 'ee-bob'
    };
    expect(run([elsewhere]).chosenProject).toBeNull();
    expect(run([{ type: 'ask-project' }, elsewhere]).chosenProject).toBe(
      'ee-bob'
    );
    expect(
      run([{ type: 'flow-phase', phase: 'succeeded' }, elsewhere]).chosenProject
    ).toBe('ee-bob');
    expect(
      run([
        { type: 'flow-phase', phase: 'succeeded' },
        { type: 'chose-project', project: 'mine' },
        elsewhere
      ]).chosenProject
    ).toBe('mine');
  });

  it('forgets the sign-in’s project step and force after a sign-out elsewhere', () => {
    const state = run([
      { type: 'force', force: true },
      { type: 'ask-project' },
      { type: 'chose-project', project: 'p1' },
      { type: 'signed-out-elsewhere' }
    ]);
    expect(state).toMatchObject({
      force: false,
      projectWanted: false,
      chosenProject: null
    });
  });

  it('shows the custom client’s upload progress, then its client or error', () => {
    let state = run([{ type: 'client-busy' }]);
    expect(state.customClient).toEqual({ busy: true, error: null });
    state = run([{ type: 'client-done', client: 'custom' }], state);
    expect(state.customClient).toEqual({ busy: false, error: null });
    expect(state.form.client).toBe('custom');
    state = run(
      [{ type: 'client-busy' }, { type: 'client-done', error: 'Not JSON.' }],
      state
    );
    expect(state.customClient).toEqual({ busy: false, error: 'Not JSON.' });
    expect(state.form.client).toBe('custom');
  });
});

describe('credentialsFit', () => {
  it('accepts working user credentials, not the runtime’s account or expired ones', () => {
    expect(credentialsFit(null)).toBe(false);
    expect(credentialsFit(status())).toBe(true);
    expect(credentialsFit(status({ state: 'no-project' }))).toBe(true);
    expect(credentialsFit(status({ state: 'warning' }))).toBe(true);
    expect(credentialsFit(status({ state: 'expired' }))).toBe(false);
    expect(credentialsFit(status({ source: 'metadata' }))).toBe(false);
  });
});

describe('showsProjectStep', () => {
  const signedIn = facts({ status: status({ project: null }) });

  it('shows after a sign-in, unless skipped', () => {
    expect(showsProjectStep(init(), facts({ phase: 'succeeded' }))).toBe(true);
    expect(
      showsProjectStep(
        run([
          { type: 'flow-phase', phase: 'succeeded' },
          { type: 'skip-project' }
        ]),
        facts({ phase: 'succeeded' })
      )
    ).toBe(false);
  });

  it('shows when asked while credentials fit, never before a sign-in', () => {
    const wanted = run([{ type: 'ask-project' }]);
    expect(showsProjectStep(init(), signedIn)).toBe(false);
    expect(showsProjectStep(wanted, signedIn)).toBe(true);
    expect(
      showsProjectStep(wanted, { ...signedIn, phase: 'already-signed-in' })
    ).toBe(true);
    expect(showsProjectStep(wanted, facts())).toBe(false);
    expect(
      showsProjectStep(wanted, { ...signedIn, phase: 'awaiting-consent' })
    ).toBe(false);
  });

  it('in the cell route, asks while no project is set and keeps its answer shown', () => {
    const cell = init({ askProject: true });
    expect(showsProjectStep(cell, signedIn)).toBe(true);
    const withProject = facts({ status: status({ project: 'ee-alice' }) });
    expect(showsProjectStep(cell, withProject)).toBe(false);
    const chosen = run(
      [
        { type: 'flow-phase', phase: 'succeeded' },
        { type: 'chose-project', project: 'ee-alice' },
        { type: 'flow-phase', phase: 'idle' }
      ],
      cell
    );
    expect(showsProjectStep(chosen, withProject)).toBe(true);
  });
});

describe('statusLine', () => {
  it('says first whether the server answered', () => {
    expect(statusLine(init(), facts({ environmentFailed: true }))).toBe(
      'no-server'
    );
    expect(statusLine(init(), facts({ environment: null }))).toBe('looking');
  });

  it('follows the flow, by mode', () => {
    const line = (changes: Partial<PanelFacts>, state = init()) =>
      statusLine(state, facts(changes));
    expect(line({ phase: 'starting' })).toBe('opening');
    expect(line({ phase: 'awaiting-consent', flowMode: 'loopback' })).toBe(
      'consent-in-tab'
    );
    expect(line({ phase: 'awaiting-paste', flowMode: 'notebook' })).toBe(
      'consent-then-paste'
    );
    expect(line({ phase: 'exchanging' })).toBe('finishing');
    expect(line({ phase: 'succeeded' })).toBe('choose-project');
    expect(
      line(
        { phase: 'succeeded' },
        run([
          { type: 'flow-phase', phase: 'succeeded' },
          { type: 'chose-project', project: 'p' }
        ])
      )
    ).toBe('project-set');
    expect(line({ phase: 'already-signed-in' })).toBe('already-signed-in');
    expect(line({ phase: 'failed' })).toBe('did-not-finish');
    expect(line({ phase: 'expired' })).toBe('did-not-finish');
    expect(line({ phase: 'cancelled' })).toBe('cancelled');
    // A sign-in again that failed wrote nothing: the earlier one still works.
    expect(line({ phase: 'failed', status: status() })).toBe(
      'did-not-finish-still-signed-in'
    );
  });

  it('says signed in, still signed in when asked to sign in again, and whether a tab will open', () => {
    expect(statusLine(init(), facts({ status: status() }))).toBe('signed-in');
    expect(statusLine(init({ force: true }), facts({ status: status() }))).toBe(
      'still-signed-in'
    );
    expect(statusLine(init({ force: true }), facts())).toBe('signed-out-tab');
    const key = init({ form: { mode: 'service-account' } });
    expect(statusLine(key, facts())).toBe('signed-out');
  });

  it('says where a sign-in into another profile goes, not that it replaces the active one', () => {
    const signedIn = facts({ status: status() });
    expect(statusLine(init({ addProfile: true }), signedIn)).toBe(
      'adding-profile'
    );
    expect(statusLine(init({ profileName: 'bob' }), signedIn)).toBe(
      'into-profile'
    );
    expect(
      statusLine(
        init({ addProfile: true }),
        facts({ ...signedIn, phase: 'succeeded' })
      )
    ).toBe('profile-added');
  });
});

describe('the sign-in start', () => {
  it('waits for the environment and the custom client', () => {
    const pending = init({ pendingStart: { tab } });
    expect(pendingStartReady(init(), facts())).toBe(false);
    expect(pendingStartReady(pending, facts({ environment: null }))).toBe(
      false
    );
    expect(pendingStartReady(pending, facts({ customClient: undefined }))).toBe(
      false
    );
    expect(pendingStartReady(pending, facts())).toBe(true);
  });

  it('keeps the user’s mode while available, and says which is in effect', () => {
    const notebook = init({ form: { mode: 'notebook' } });
    expect(currentMode(notebook, facts())).toBe('notebook');
    const gone = init({ form: { mode: 'gcloud' } });
    expect(currentMode(gone, facts())).toBe('loopback');
    expect(currentMode(notebook, facts({ environment: null }))).toBeNull();
  });

  it('shows the signed-in view only while no flow runs', () => {
    const fit = facts({ status: status() });
    expect(showsSignedIn(init(), fit)).toBe(true);
    expect(showsSignedIn(init(), { ...fit, phase: 'starting' })).toBe(false);
    expect(showsSignedIn(init({ force: true }), fit)).toBe(false);
  });
});

describe('"Add account" (a new profile)', () => {
  const signedIn = facts({ status: status() });

  it('shows the form although credentials fit, and never the project step', () => {
    const adding = run([{ type: 'add-profile' }]);
    expect(showsSignedIn(init(), signedIn)).toBe(true);
    expect(showsSignedIn(adding, signedIn)).toBe(false);
    expect(showsProjectStep(adding, facts({ phase: 'succeeded' }))).toBe(false);
    expect(showsProjectStep(init(), facts({ phase: 'succeeded' }))).toBe(true);
    expect(statusLine(adding, facts({ phase: 'succeeded' }))).toBe(
      'profile-added'
    );
  });

  it('is asked once and stays', () => {
    const adding = run([{ type: 'add-profile' }]);
    expect(panelReducer(adding, { type: 'add-profile' })).toBe(adding);
    expect(init({ addProfile: true }).addProfile).toBe(true);
  });

  it('takes a name ("Sign in as bob"), which a later ask may set', () => {
    const named = run([{ type: 'add-profile', name: 'bob' }]);
    expect(named.profileName).toBe('bob');
    expect(panelReducer(named, { type: 'add-profile', name: 'bob' })).toBe(
      named
    );
  });
});

describe('a kernel bound to a profile signs in (the cell route)', () => {
  it('asks nothing of the active identity: the form, no project step', () => {
    const bound = init({ profileName: 'bob' });
    const signedIn = facts({ status: status() });
    expect(bound.addProfile).toBe(false);
    expect(showsSignedIn(bound, signedIn)).toBe(false);
    expect(showsProjectStep(bound, facts({ phase: 'succeeded' }))).toBe(false);
  });
});
