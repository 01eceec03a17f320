import type { ISettingRegistry } from '@jupyterlab/settingregistry';

/** The settings of this extension (schema/plugin.json belongs to the Authenticate plugin). */
export const SETTINGS_ID = 'jupyterlab-google-auth:plugin';

export interface IBooleanSetting {
  readonly value: boolean;
  /** Settles once the settings are read (or could not be): wait before acting on `value`. */
  readonly ready: Promise<void>;
}

/** A boolean setting, on by default, that follows later edits in the settings editor. */
export function booleanSetting(
  registry: ISettingRegistry | null,
  key: string
): IBooleanSetting {
  const state = { value: true, ready: Promise.resolve() };
  if (registry) {
    state.ready = registry.load(SETTINGS_ID).then(
      settings => {
        const read = () => {
          state.value = settings.get(key).composite !== false;
        };
        read();
        settings.changed.connect(read);
      },
      () => undefined // no settings: keep the default
    );
  }
  return state;
}
