import type { ScopeChoice, Target } from '../../core';
import type { SectionId } from './Disclosure';

/** The user settings of the panel (schema/plugin.json), as the panel uses them. */
export interface IPanelSettings {
  /** Authenticate opens Google's consent page from its own click. */
  openConsentAutomatically: boolean;
  defaultPreset: ScopeChoice;
  /** null: the preset's own default files. */
  defaultTargets: Target[] | null;
  openSections: SectionId[];
}

export const DEFAULT_PANEL_SETTINGS: IPanelSettings = {
  openConsentAutomatically: true,
  defaultPreset: 'earthengine',
  defaultTargets: null,
  openSections: []
};

/** The settings registry's composite, checked field by field (a bad value keeps the default). */
export function readPanelSettings(
  composite: Record<string, unknown>
): IPanelSettings {
  const d = DEFAULT_PANEL_SETTINGS;
  const list = (value: unknown): string[] | null =>
    Array.isArray(value) && value.every(v => typeof v === 'string')
      ? (value as string[])
      : null;
  const targets = list(composite.defaultTargets);
  return {
    openConsentAutomatically:
      typeof composite.openConsentAutomatically === 'boolean'
        ? composite.openConsentAutomatically
        : d.openConsentAutomatically,
    defaultPreset:
      typeof composite.defaultPreset === 'string'
        ? (composite.defaultPreset as ScopeChoice)
        : d.defaultPreset,
    defaultTargets:
      targets && targets.length > 0 ? (targets as Target[]) : d.defaultTargets,
    openSections: (list(composite.openSections) ??
      d.openSections) as SectionId[]
  };
}
