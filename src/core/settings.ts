/**
 * The user settings of the extension (schema/plugin.json), typed, with one reader. Pure, so
 * the service, the panel and tests share one definition; a Jest test checks the keys, types
 * and defaults here against the schema file.
 */
import { PRESETS, TARGETS, type Preset, type Target } from './names';

/** The panel's folded sections; `openSections` names those that start open. */
export const SECTION_IDS = ['why', 'other-ways', 'options'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface ISettings {
  /** Authenticate opens Google's consent page from its own click. */
  openConsentAutomatically: boolean;
  defaultPreset: Preset;
  /** null: the preset's own default files. */
  defaultTargets: Target[] | null;
  openSections: SectionId[];
  /** ee.Authenticate() in a kernel shows the panel in the cell's output. */
  routeEeAuthenticate: boolean;
  /** Kernels where ee was initialised follow sign-in and project changes. */
  followCredentials: boolean;
}

export const DEFAULT_SETTINGS: Readonly<ISettings> = Object.freeze({
  openConsentAutomatically: true,
  defaultPreset: 'earthengine',
  defaultTargets: null,
  openSections: [],
  routeEeAuthenticate: true,
  followCredentials: true
});

function listOf<T extends string>(
  value: unknown,
  allowed: readonly T[]
): T[] | null {
  return Array.isArray(value) &&
    value.every(v => (allowed as readonly unknown[]).includes(v))
    ? (value as T[])
    : null;
}

const bool = (value: unknown, fallback: boolean) =>
  typeof value === 'boolean' ? value : fallback;

/** The settings registry's composite, checked field by field (a bad value keeps the default). */
export function readSettings(composite: Record<string, unknown>): ISettings {
  const d = DEFAULT_SETTINGS;
  const targets = listOf(composite.defaultTargets, TARGETS);
  return {
    openConsentAutomatically: bool(
      composite.openConsentAutomatically,
      d.openConsentAutomatically
    ),
    defaultPreset: (PRESETS as readonly unknown[]).includes(
      composite.defaultPreset
    )
      ? (composite.defaultPreset as Preset)
      : d.defaultPreset,
    defaultTargets: targets && targets.length > 0 ? targets : d.defaultTargets,
    openSections: listOf(composite.openSections, SECTION_IDS) ?? [
      ...d.openSections
    ],
    routeEeAuthenticate: bool(
      composite.routeEeAuthenticate,
      d.routeEeAuthenticate
    ),
    followCredentials: bool(composite.followCredentials, d.followCredentials)
  };
}

/**
 * What the panel remembers between panels and reloads (kept in JupyterLab's state database,
 * never in the settings): the sections the user folded or unfolded, and the mode last chosen
 * under "Other ways to sign in".
 */
export interface IUiMemory {
  sections: Partial<Record<SectionId, boolean>>;
  mode: string | null;
}

export const EMPTY_MEMORY: Readonly<IUiMemory> = Object.freeze({
  sections: {},
  mode: null
});

/**
 * Whether a section starts open: a value the user set in the settings editor beats what the
 * panel remembers; the remembered choice beats the schema's default.
 */
export function sectionStartsOpen(
  id: SectionId,
  settings: Pick<ISettings, 'openSections'>,
  userSetSections: boolean,
  memory: IUiMemory
): boolean {
  const fromSettings = settings.openSections.includes(id);
  if (userSetSections) {
    return fromSettings;
  }
  return memory.sections[id] ?? fromSettings;
}
