import type { ISettingRegistry } from '@jupyterlab/settingregistry';
import { Signal } from '@lumino/signaling';

import { booleanSetting, SETTINGS_ID } from '../../kernel/setting';

/** Just enough of a registry: one settings object whose values a test changes. */
function registry(values: Record<string, unknown>) {
  const settings = {
    changed: new Signal<unknown, void>({}),
    get: (key: string) => ({ composite: values[key] })
  };
  const load = jest.fn(async () => settings);
  return {
    registry: { load } as unknown as ISettingRegistry,
    load,
    change(key: string, value: unknown) {
      values[key] = value;
      settings.changed.emit();
    }
  };
}

describe('booleanSetting', () => {
  it('is on by default, reads the saved value, and follows edits', async () => {
    const fake = registry({ routeEeAuthenticate: false });
    const setting = booleanSetting(fake.registry, 'routeEeAuthenticate');
    await setting.ready;
    expect(fake.load).toHaveBeenCalledWith(SETTINGS_ID);
    expect(setting.value).toBe(false);
    fake.change('routeEeAuthenticate', true);
    expect(setting.value).toBe(true);
    const unset = booleanSetting(registry({}).registry, 'followCredentials');
    await unset.ready;
    expect(unset.value).toBe(true);
  });

  it('stays on without a registry or when the settings fail to load', async () => {
    expect(booleanSetting(null, 'followCredentials').value).toBe(true);
    const failing = {
      load: jest.fn(async () => {
        throw new Error('no settings');
      })
    } as unknown as ISettingRegistry;
    const setting = booleanSetting(failing, 'followCredentials');
    await setting.ready;
    expect(setting.value).toBe(true);
  });
});
