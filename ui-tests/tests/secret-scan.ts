/**
 * Secret scan for the flow specs: after a sign-in, no refresh token, access token, client
 * secret, private key, PKCE verifier or API key from the secret store may appear in what the
 * browser received, in the server's log, in the saved notebook or in the browser's storage
 * (issue 4, "Proof"; issue 20 for the keys).
 *
 *   const scan = startSecretScan(context);   // before the flow
 *   ...the flow...
 *   await scan.check(page, { env, notebookPath });
 */
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { BrowserContext, Page, Response } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

import type { TestEnv } from './flows-helpers';

/** Secrets the fake Google hands out that the scan always looks for (testing/fake_google). */
const FAKE_CLIENT_SECRETS = [
  'fake-custom-secret',
  'fake-eenotebook-secret',
  'fake-gcloud-secret',
  'fake-web-secret'
];

/** Token shapes the fake issues (state.py), found even when their values are unknown. */
const TOKEN_PATTERNS: [string, RegExp][] = [
  ['access token', /ya29\.fake-[A-Za-z0-9_-]{8,}/],
  ['refresh token', /1\/\/fake-[A-Za-z0-9_-]{8,}/],
  ['PEM private key', /-----BEGIN (RSA )?PRIVATE KEY-----/],
  ['PKCE verifier', /code_verifier/],
  ['Google API key', /AIza[0-9A-Za-z_-]{35}/]
];

export interface IScanTarget {
  env: TestEnv;
  /** Server path of the notebook to save and read back, e.g. `${tmpPath}/flow.ipynb`. */
  notebookPath?: string;
  /** More values to look for (e.g. a service-account key's private key). */
  extraSecrets?: string[];
}

export interface ISecretScan {
  check(page: IJupyterLabPageFixture, target: IScanTarget): Promise<void>;
}

export function startSecretScan(context: BrowserContext): ISecretScan {
  const bodies: Promise<{ url: string; text: string }>[] = [];
  const onResponse = (response: Response) => {
    bodies.push(
      response.text().then(
        text => ({ url: response.url(), text }),
        // Redirects and aborted loads have no body to read.
        () => ({ url: response.url(), text: '' })
      )
    );
  };
  context.on('response', onResponse);

  return {
    async check(
      page: IJupyterLabPageFixture,
      target: IScanTarget
    ): Promise<void> {
      const sources: { where: string; text: string }[] = [];
      if (target.notebookPath) {
        sources.push({
          where: `saved notebook ${target.notebookPath}`,
          text: await savedNotebook(page, target.notebookPath)
        });
      }
      sources.push({ where: 'browser storage', text: await storageDump(page) });
      context.off('response', onResponse);
      for (const body of await Promise.all(bodies)) {
        sources.push({ where: `response ${body.url}`, text: body.text });
      }
      const log = target.env.server_log;
      if (log && fs.existsSync(log)) {
        sources.push({
          where: 'server log',
          text: fs.readFileSync(log, 'utf8')
        });
      }

      const secrets = [
        ...FAKE_CLIENT_SECRETS,
        ...secretsInFiles(target.env.home),
        ...secretStoreValues(target.env.home),
        ...(target.extraSecrets ?? [])
      ].filter(s => s.length >= 8);
      const leaks: string[] = [];
      for (const { where, text } of sources) {
        for (const secret of secrets) {
          if (text.includes(secret)) {
            leaks.push(
              `${where} contains a secret starting ${secret.slice(0, 6)}…`
            );
          }
        }
        for (const [name, pattern] of TOKEN_PATTERNS) {
          if (pattern.test(text)) {
            leaks.push(`${where} contains a ${name}`);
          }
        }
      }
      if (leaks.length > 0) {
        throw new Error(
          `Secret scan failed:\n${[...new Set(leaks)].join('\n')}`
        );
      }
      if (sources.length < 3) {
        throw new Error('Secret scan saw too little to mean anything');
      }
    }
  };
}

/** Every refresh token, client secret and private key in the credential files under HOME. */
export function secretsInFiles(home: string): string[] {
  const dirs = [
    path.join(home, '.config', 'earthengine'),
    path.join(home, '.config', 'gcloud')
  ];
  const found: string[] = [];
  const visit = (dir: string) => {
    if (!fs.existsSync(dir)) {
      return;
    }
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        visit(file);
        continue;
      }
      let data: any;
      try {
        data = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        continue;
      }
      for (const key of [
        'refresh_token',
        'client_secret',
        'private_key',
        'access_token'
      ]) {
        if (typeof data?.[key] === 'string') {
          found.push(data[key]);
          if (key === 'private_key') {
            // The PEM body lines, in case a copy was re-wrapped.
            found.push(
              ...data[key].split('\n').filter((l: string) => l.length > 40)
            );
          }
        }
      }
    }
  };
  dirs.forEach(visit);
  return found;
}

/** The values in the secret store (jupyterlab_google_auth/secrets/store.py) under HOME. */
export function secretStoreValues(home: string): string[] {
  const file = path.join(
    home,
    '.config',
    'jupyterlab-google-auth',
    'secrets.json'
  );
  if (!fs.existsSync(file)) {
    return [];
  }
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  return Object.values<any>(data?.secrets ?? {})
    .map(entry => entry?.value)
    .filter((v): v is string => typeof v === 'string');
}

async function savedNotebook(
  page: IJupyterLabPageFixture,
  notebookPath: string
): Promise<string> {
  await page.notebook.save();
  return page.evaluate(async p => {
    const response = await fetch(`/api/contents/${p}?content=1`);
    return response.text();
  }, notebookPath);
}

/** localStorage, sessionStorage and every IndexedDB store of the JupyterLab page. */
async function storageDump(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    for (const store of [window.localStorage, window.sessionStorage]) {
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i)!;
        parts.push(`${key}=${store.getItem(key)}`);
      }
    }
    const databases = (await indexedDB.databases?.()) ?? [];
    for (const info of databases) {
      if (!info.name) {
        continue;
      }
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const request = db
            .transaction(name, 'readonly')
            .objectStore(name)
            .getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        parts.push(`${info.name}/${name}=${JSON.stringify(values)}`);
      }
      db.close();
    }
    return parts.join('\n');
  });
}
