/**
 * The editor settings (VS Code's `callflow.*`), their defaults and bounds in one place. The
 * extension and the language server both read them through here, so they cannot disagree on a
 * default; package.json declares the same defaults for VS Code's Settings UI, and a test keeps
 * the two equal.
 */

export interface EditorSettings {
  /** Ask before publishing a draft (publishing changes what callers hear at once). */
  confirmPublish: boolean;
  /** Milliseconds after a keystroke before an open flow file is validated. */
  validationDebounceMs: number;
  /** Milliseconds to collect file and git changes before the Call Flows tree refreshes. */
  refreshDebounceMs: number;
  /** Run Save & Validate when the user saves a draft's file (never on auto-save). */
  saveOnFileSave: boolean;
  /**
   * The environment Simulate Call and Test Call run against (its deployed commit, values and
   * numbers; docs/environments.md); empty: the working tree.
   */
  environment: string;
}

interface SettingSpec<T> {
  /** The key under `callflow.` in VS Code's configuration. */
  key: string;
  default: T;
  minimum?: number;
  maximum?: number;
}

export const EDITOR_SETTINGS: { readonly [K in keyof EditorSettings]: SettingSpec<EditorSettings[K]> } = {
  confirmPublish: { key: 'confirmPublish', default: true },
  validationDebounceMs: { key: 'validation.debounceMs', default: 250, minimum: 0, maximum: 5000 },
  refreshDebounceMs: { key: 'refreshDebounceMs', default: 300, minimum: 0, maximum: 5000 },
  saveOnFileSave: { key: 'saveOnFileSave', default: false },
  environment: { key: 'environment', default: '' },
};

export const EDITOR_SETTINGS_SECTION = 'callflow';

export const DEFAULT_EDITOR_SETTINGS: EditorSettings = Object.fromEntries(
  Object.entries(EDITOR_SETTINGS).map(([name, spec]) => [name, spec.default]),
) as unknown as EditorSettings;

/**
 * The settings from a configuration reader (`key` as under `callflow.`, undefined when unset).
 * A value of the wrong type is the default; a number is held to its bounds, because a hand-edited
 * settings.json is not checked by VS Code before the extension reads it.
 */
export function readEditorSettings(read: (key: string) => unknown): EditorSettings {
  const settings = { ...DEFAULT_EDITOR_SETTINGS };
  for (const [name, spec] of Object.entries(EDITOR_SETTINGS) as [keyof EditorSettings, SettingSpec<unknown>][]) {
    const value = read(spec.key);
    if (typeof value !== typeof spec.default) continue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) continue;
      (settings[name] as number) = Math.min(spec.maximum ?? Infinity, Math.max(spec.minimum ?? -Infinity, value));
    } else {
      (settings[name] as unknown) = value;
    }
  }
  return settings;
}
