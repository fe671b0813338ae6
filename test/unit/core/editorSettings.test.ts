import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_EDITOR_SETTINGS, EDITOR_SETTINGS, readEditorSettings } from '../../../src/core';

interface DeclaredSetting {
  default: unknown;
  minimum?: number;
  maximum?: number;
}

describe('editor settings: one set of defaults for the extension and the language server', () => {
  it("package.json declares exactly the core's settings, with the same defaults and bounds", () => {
    const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, DeclaredSetting> } };
    };
    const declared = manifest.contributes.configuration.properties;
    const fromCore = Object.fromEntries(
      Object.values(EDITOR_SETTINGS).map((spec) => [
        `callflow.${spec.key}`,
        { default: spec.default, minimum: spec.minimum, maximum: spec.maximum },
      ]),
    );
    const fromPackage = Object.fromEntries(
      Object.entries(declared).map(([key, d]) => [key, { default: d.default, minimum: d.minimum, maximum: d.maximum }]),
    );
    assert.deepStrictEqual(fromPackage, fromCore);
  });

  it('reads each key, keeps numbers within their bounds, and takes the default for a value of the wrong type', () => {
    const given: Record<string, unknown> = {
      confirmPublish: false,
      'validation.debounceMs': 99_999,
      refreshDebounceMs: 'soon',
      saveOnFileSave: true,
      environment: 'staging',
    };
    assert.deepStrictEqual(
      readEditorSettings((key) => given[key]),
      {
        confirmPublish: false,
        validationDebounceMs: 5000,
        refreshDebounceMs: 300,
        saveOnFileSave: true,
        environment: 'staging',
      },
    );
    assert.strictEqual(readEditorSettings(() => -5).validationDebounceMs, 0);
    assert.strictEqual(readEditorSettings(() => Number.NaN).validationDebounceMs, 250);
    assert.deepStrictEqual(
      readEditorSettings(() => undefined),
      DEFAULT_EDITOR_SETTINGS,
    );
  });
});
