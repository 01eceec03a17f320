import type { ISettingRegistry } from '@jupyterlab/settingregistry';

/** The settings of this extension (schema/plugin.json belongs to the Authenticate plugin). */
export const SETTINGS_ID = 'jupyterlab-google-auth:plugin';

/**
 * A boolean setting that is on until the settings load and say otherwise, and follows later
 * edits in the settings editor.
 */
export function booleanSetting(
  registry: ISettingRegistry | null,
  key: string
): { readonly value: boolean } {
  const state = { value: true };
  void registry?.load(SETTINGS_ID).then(
    settings => {
      const read = () => {
        state.value = settings.get(key).composite !== false;
      };
      read();
      settings.changed.connect(read);
    },
    () => undefined // no settings: keep the default
  );
  return state;
}
