import { jsonInit, requestAPI } from './request';

/**
 * How a cell's sign-in ended without the files telling the kernel: cancelled, failed, or
 * signed in with the project step skipped (the kernel then returns without a project).
 */
export type CellOutcome =
  | { outcome: 'cancelled' }
  | { outcome: 'skipped' }
  | { outcome: 'failed'; code: string; message: string };

/**
 * Tells the kernel waiting in `authenticate()` that its sign-in was cancelled or failed:
 * the server writes the small status file the kernel watches (no secret in it).
 */
export async function reportCellOutcome(
  requestId: string,
  body: CellOutcome
): Promise<void> {
  await requestAPI(
    `cell-requests/${encodeURIComponent(requestId)}`,
    jsonInit('POST', body)
  );
}
