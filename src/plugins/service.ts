import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';

import { AuthClient, ProjectsClient } from '../api';
import { readSettings, type IUiMemory } from '../core';
import {
  GoogleAuthService,
  type IMemoryStore
} from '../service/GoogleAuthService';
import { IGoogleAuth } from '../tokens';

/** The plugin that owns the settings schema (schema/plugin.json) and the shared service. */
export const SETTINGS_PLUGIN_ID = 'jupyterlab-google-auth:plugin';

const MEMORY_KEY = 'jupyterlab-google-auth:memory';

function memoryIn(state: IStateDB | null): IMemoryStore | undefined {
  if (!state) {
    return undefined;
  }
  return {
    fetch: async () =>
      ((await state.fetch(MEMORY_KEY)) ?? undefined) as
        Partial<IUiMemory> | undefined,
    save: async memory => {
      await state.save(
        MEMORY_KEY,
        memory as unknown as ReadonlyPartialJSONObject
      );
    }
  };
}

/**
 * The core plugin: provides IGoogleAuth, the one source of truth every other plugin of this
 * extension requires (docs/ARCHITECTURE.md). It reads the server only after JupyterLab has
 * restored, so start-up never waits on it, and then only when something changes: a change
 * through the service's door, window focus, the page becoming visible, or a slow safety poll.
 */
export const servicePlugin: JupyterFrontEndPlugin<IGoogleAuth> = {
  id: SETTINGS_PLUGIN_ID,
  description:
    'Google sign-in state, clients and settings shared by every view of the extension.',
  autoStart: true,
  provides: IGoogleAuth,
  optional: [ISettingRegistry, IStateDB, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    registry: ISettingRegistry | null,
    state: IStateDB | null,
    translator: ITranslator | null
  ): IGoogleAuth => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_google_auth');
    const service = new GoogleAuthService({
      auth: new AuthClient(),
      projects: new ProjectsClient(),
      origin: window.location.origin,
      translate: trans.__.bind(trans),
      memory: memoryIn(state)
    });
    void app.restored.then(() => service.start());
    if (registry) {
      void registry
        .load(SETTINGS_PLUGIN_ID)
        .then(loaded => {
          const apply = () =>
            service.applySettings(
              readSettings(loaded.composite as Record<string, unknown>),
              (loaded.user as Record<string, unknown>).openSections !==
                undefined
            );
          apply();
          loaded.changed.connect(apply);
        })
        .catch(() => service.settingsUnavailable()); // the defaults stay
    } else {
      service.settingsUnavailable();
    }
    // Back from another tab or window, where gcloud or ee.Authenticate() may have run.
    window.addEventListener('focus', () => service.refreshOnFocus());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        service.refreshOnFocus();
      }
    });
    return service;
  }
};
