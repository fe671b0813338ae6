/** What `init` checks and writes: callflow.yaml with the given settings, and an empty numbers.yaml. */
import { AlreadyAWorkspaceError, InvalidInputError } from '../errors';
import type { WorkspaceSettings } from '../model';
import type { WorkspaceFiles } from '../ports';
import { NumbersFile } from '../workspace/numbers';
import {
  serializeSettings,
  SETTINGS_FILE,
  validateFlowsDir,
  validateTagPrefix,
  validateTimezone,
} from '../workspace/settings';
import type { OperationBuilder } from './operation';
import type { InitResult } from './types';

/** Refuses settings that are not valid, and a folder that is a flow workspace already. */
export async function requireInitializable(files: WorkspaceFiles, settings: Partial<WorkspaceSettings>): Promise<void> {
  for (const [value, check] of [
    [settings.flowsDir, validateFlowsDir],
    [settings.tagPrefix, validateTagPrefix],
    [settings.timezone, validateTimezone],
  ] as const) {
    const problem = value === undefined ? undefined : check(value);
    if (problem) throw new InvalidInputError('invalid-settings', problem);
  }
  if (await files.exists(SETTINGS_FILE)) throw new AlreadyAWorkspaceError(files.root);
}

/** The init operation: its files, in one commit. */
export function initOperation(
  files: WorkspaceFiles,
  settings: Partial<WorkspaceSettings>,
  createdRepository: boolean,
): OperationBuilder<InitResult> {
  return async (tx, store) => {
    if (await files.exists(SETTINGS_FILE)) throw new AlreadyAWorkspaceError(files.root);
    await tx.write(SETTINGS_FILE, serializeSettings(settings));
    if (!(await files.exists(store.layout.numbersPath)))
      await tx.write(store.layout.numbersPath, NumbersFile.empty().toString());
    return {
      message: { action: 'init', summary: 'init workspace' },
      finish: (c): InitResult => ({ root: files.root, commit: c.commit, createdRepository }),
    };
  };
}
