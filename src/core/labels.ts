/**
 * Plain-words names for what the server reports, kept apart from the widgets so they are
 * tested once and shared by the panel and the status item.
 */
import type {
  CredentialSource,
  CredentialsReport,
  EnvironmentClass,
  SignInMode,
  SourceName
} from './types';

const CLASS_LABELS: Record<EnvironmentClass, string> = {
  local: 'Local (the browser reaches Jupyter on a loopback address)',
  remote: 'Remote (JupyterHub, Binder or a server reached by its name)',
  'colab-like': 'Google-hosted runtime (platform credentials available)'
};

const MODE_LABELS: Record<SignInMode, string> = {
  loopback: 'Sign in with Google, returning to this Jupyter server',
  notebook: 'Earth Engine Notebook Authenticator (paste a code)',
  'paste-url': 'Your own OAuth client (paste the redirected address)',
  gcloud: 'gcloud on the server (paste a code)',
  ambient: 'Use the runtime’s service account',
  'service-account': 'Upload a service-account key'
};

const SOURCE_LABELS: Record<SourceName, string> = {
  earthengine: 'Earth Engine credentials file',
  adc: 'Application Default Credentials file',
  env: 'GOOGLE_APPLICATION_CREDENTIALS',
  metadata: 'Metadata server (runtime service account)'
};

export function environmentLabel(cls: EnvironmentClass): string {
  return CLASS_LABELS[cls] ?? cls;
}

export function modeLabel(mode: SignInMode): string {
  return MODE_LABELS[mode] ?? mode;
}

export function sourceLabel(name: SourceName): string {
  return SOURCE_LABELS[name] ?? name;
}

/** One line per source, e.g. "alice@example.com · ee-alice · valid". */
export function describeSource(source: CredentialSource): string {
  if (!source.present) {
    return 'not present';
  }
  const parts: string[] = [];
  parts.push(source.account ?? source.type ?? 'unknown account');
  const project = source.project ?? source.quota_project;
  parts.push(project ? `project ${project}` : 'no project');
  if (source.valid === true) {
    parts.push('valid');
  } else if (source.valid === false) {
    parts.push('expired or revoked');
  }
  const expires = source.issued?.expires_about;
  if (expires && source.valid !== false) {
    parts.push(`expires about ${expires.slice(0, 10)}`);
  }
  if (source.problems.length > 0) {
    const n = source.problems.length;
    parts.push(`${n} problem${n === 1 ? '' : 's'}`);
  }
  return parts.join(' · ');
}

/** Which source each consumer library will pick, in words. */
export function describeUsage(report: CredentialsReport): string[] {
  const line = (lib: string, name: SourceName | null): string =>
    name
      ? `${lib} will use the ${sourceLabel(name)}.`
      : `${lib} will find no credentials.`;
  return [
    line('ee.Initialize()', report.used_by.earthengine),
    line('google.auth.default()', report.used_by.google_auth)
  ];
}
