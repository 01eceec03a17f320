import type { IAuthClient } from '../../api';
import type { PanelAction } from '../../core';
import { toErrorBody } from './errors';
import { readJsonFile } from './files';

/**
 * Uploads a client_secret.json chosen in the panel. Answers the panel's `client-done` action:
 * the form then uses the custom client, or shows why it was refused. The service's client
 * reports the change itself, so every view learns of the new client.
 */
export async function uploadCustomClient(
  client: IAuthClient,
  file: File
): Promise<PanelAction> {
  try {
    const parsed = await readJsonFile(file);
    if (!parsed.ok) {
      return { type: 'client-done', error: parsed.message };
    }
    await client.uploadCustomClient(parsed.value);
    return { type: 'client-done', client: 'custom' };
  } catch (error) {
    const body = toErrorBody(error);
    const message = body.help ? `${body.message} ${body.help}` : body.message;
    return { type: 'client-done', error: message };
  }
}

/** Removes the custom client; the form goes back to Earth Engine's. */
export async function removeCustomClient(
  client: IAuthClient
): Promise<PanelAction> {
  try {
    await client.removeCustomClient();
    return { type: 'client-done', client: 'earthengine' };
  } catch (error) {
    return { type: 'client-done', error: toErrorBody(error).message };
  }
}
