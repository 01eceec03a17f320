/**
 * Shared set-up of the status and project specs: the fake Google's control routes, signing in
 * by writing credentials into the test server's HOME, and reading those files back.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const ALICE = 'alice@example.com';
// The fake's own projects for alice; restored after each spec that replaces them.
// (testing/fake_google/projects.py: one per Earth Engine readiness state).
const ALICE_DEFAULT_PROJECTS = [
  { projectId: 'ee-alice', name: 'EE Alice', eeRegistered: true },
  {
    projectId: 'alice-sandbox-1',
    name: 'Alice Sandbox 1',
    eeRegistered: true
  },
  { projectId: 'alice-analytics', name: 'Alice Analytics' },
  { projectId: 'alice-unregistered', name: 'Alice Unregistered' },
  {
    projectId: 'team-shared-data',
    name: 'Team Shared Data',
    eeRegistered: true,
    eeUsers: [],
    serviceUsers: []
  }
];

const UI_TESTS = path.resolve(__dirname, '..');
const PYTHON =
  process.env.PYTHON ?? path.resolve(UI_TESTS, '..', '.venv', 'bin', 'python');

interface IEnv {
  fake_google: string;
  home: string;
}

/**
 * The fake's URL and the server's HOME, written when the server started; per port first,
 * since several people's test servers may share this checkout.
 */
export function testEnv(): IEnv {
  const port = process.env.GALATA_PORT || '8876';
  for (const name of [`env-${port}.json`, 'env.json']) {
    const file = path.join(UI_TESTS, '.state', name);
    if (fs.existsSync(file)) {
      return JSON.parse(fs.readFileSync(file, 'utf-8'));
    }
  }
  throw new Error(`No test server state for port ${port}`);
}

export async function control(action: string, body: unknown): Promise<any> {
  const response = await fetch(`${testEnv().fake_google}/_control/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body)
  });
  if (!response.ok) {
    throw new Error(
      `fake ${action}: ${response.status} ${await response.text()}`
    );
  }
  return response.json();
}

export async function clearFaults(): Promise<void> {
  await fetch(`${testEnv().fake_google}/_control/faults`, { method: 'DELETE' });
}

export async function giveAliceProjects(count: number): Promise<void> {
  await control('projects', { account: ALICE, count });
}

/** Alice's own projects, as the fake starts with them. */
export async function defaultAliceProjects(): Promise<void> {
  await control('projects', {
    account: ALICE,
    projects: ALICE_DEFAULT_PROJECTS
  });
}

export async function restoreAliceProjects(): Promise<void> {
  await control('projects', {
    account: ALICE,
    projects: ALICE_DEFAULT_PROJECTS,
    denied: false
  });
}

/** A real sign-in at the fake, stored under HOME (ui-tests/sign_in_for_tests.py). */
export function signIn(project?: string, mode?: string): void {
  const env = testEnv();
  const args = [
    path.join(UI_TESTS, 'sign_in_for_tests.py'),
    '--fake',
    env.fake_google,
    '--home',
    env.home
  ];
  if (project) {
    args.push('--project', project);
  }
  if (mode) {
    args.push('--mode', mode);
  }
  execFileSync(PYTHON, args, { stdio: 'pipe' });
}

const CONFIG_DIRS = ['.config/earthengine', '.config/gcloud'];

/** Remove the credential files (and their backups) this suite wrote. */
export function clearCredentials(): void {
  const home = testEnv().home;
  for (const dir of CONFIG_DIRS) {
    fs.rmSync(path.join(home, dir), { recursive: true, force: true });
  }
}

export function homeFile(relative: string): string {
  return path.join(testEnv().home, relative);
}

export const EE_FILE = '.config/earthengine/credentials';
export const ADC_FILE = '.config/gcloud/application_default_credentials.json';
export const GCLOUD_CONFIG = '.config/gcloud/configurations/config_default';

export function readJson(relative: string): any | null {
  const file = homeFile(relative);
  return fs.existsSync(file)
    ? JSON.parse(fs.readFileSync(file, 'utf-8'))
    : null;
}
