import type { CredentialsReport, EnvironmentReport } from '../core/types';
import { requestAPI } from './request';

/** Typed calls of the server API (DESIGN.md section 5), one method per route. */
export class GoogleAuthClient {
  environment(origin: string): Promise<EnvironmentReport> {
    return requestAPI<EnvironmentReport>(
      `environment?origin=${encodeURIComponent(origin)}`
    );
  }

  credentials(): Promise<CredentialsReport> {
    return requestAPI<CredentialsReport>('credentials');
  }
}
