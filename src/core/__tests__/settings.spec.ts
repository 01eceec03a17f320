import schemaFile from '../../../schema/plugin.json';

import {
  DEFAULT_SETTINGS,
  EMPTY_MEMORY,
  readSettings,
  SECTION_IDS,
  sectionStartsOpen,
  PRESETS,
  TARGETS
} from '..';

// The schema JupyterLab reads, as a test fixture (a JSON import; the build excludes tests).
const schema: any = schemaFile;

/** The values an item of a list setting may take, as the schema says them. */
function itemValues(property: any): string[] {
  const items = property.items;
  return items.enum ?? items.oneOf.map((o: { const: string }) => o.const);
}

describe('settings', () => {
  it('has exactly the schema’s keys, with its defaults', () => {
    expect(Object.keys(DEFAULT_SETTINGS).sort()).toEqual(
      Object.keys(schema.properties).sort()
    );
    for (const [key, property] of Object.entries<any>(schema.properties)) {
      const ours = (DEFAULT_SETTINGS as any)[key];
      // An empty list in the schema means "the preset's own files" (null here).
      const theirs =
        key === 'defaultTargets' && property.default.length === 0
          ? null
          : property.default;
      expect([key, ours]).toEqual([key, theirs]);
    }
  });

  it('offers the same values as the schema', () => {
    const p = schema.properties;
    expect(
      p.defaultPreset.enum ?? p.defaultPreset.oneOf.map((o: any) => o.const)
    ).toEqual([...PRESETS]);
    expect(itemValues(p.defaultTargets)).toEqual([...TARGETS]);
    expect(itemValues(p.openSections)).toEqual([...SECTION_IDS]);
  });

  it('gives every list setting readable labels in the settings editor', () => {
    for (const key of ['defaultTargets', 'openSections']) {
      const oneOf = schema.properties[key].items.oneOf;
      expect(oneOf.every((o: any) => o.title && o.title !== o.const)).toBe(
        true
      );
    }
  });

  it('reads a composite field by field, keeping the default for a bad value', () => {
    expect(
      readSettings({
        defaultPreset: 'gemini',
        defaultTargets: ['adc', 'nonsense'],
        openSections: ['why'],
        followCredentials: 'yes'
      })
    ).toEqual({
      ...DEFAULT_SETTINGS,
      defaultPreset: 'gemini',
      openSections: ['why']
    });
    expect(readSettings({ defaultTargets: [] }).defaultTargets).toBeNull();
  });

  it('lets a setting the user changed beat the remembered folding', () => {
    const memory = { ...EMPTY_MEMORY, sections: { why: false } };
    const settings = { openSections: ['why' as const] };
    expect(sectionStartsOpen('why', settings, true, memory)).toBe(true);
    expect(sectionStartsOpen('why', settings, false, memory)).toBe(false);
    expect(
      sectionStartsOpen('options', { openSections: [] }, false, memory)
    ).toBe(false);
  });
});
