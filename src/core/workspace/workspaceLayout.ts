import { InvalidInputError } from '../errors';
import type { FlowId } from '../ids';
import type { WorkspaceSettings } from '../model';
import { SETTINGS_FILE } from './settings';

export const NUMBERS_FILE = 'numbers.yaml';
export const MANIFEST_FILE = 'flow.yaml';

const VERSION_FILE = /^v([1-9][0-9]{0,8})\.yaml$/;
/** The highest version number: `v<N>.yaml` file names and tags have at most nine digits. */
export const MAX_VERSION = 999_999_999;

/**
 * Where everything lives, from the workspace settings. Every path and ref built here goes
 * through the id validators first, so nothing user-typed reaches a path or a git argument raw.
 */
export class WorkspaceLayout {
  readonly settingsPath = SETTINGS_FILE;
  readonly numbersPath = NUMBERS_FILE;

  constructor(readonly settings: WorkspaceSettings) {}

  get flowsDir(): string {
    return this.settings.flowsDir;
  }

  flowDir(flowId: FlowId): string {
    return `${this.settings.flowsDir}/${flowId}`;
  }

  manifestPath(flowId: FlowId): string {
    return `${this.flowDir(flowId)}/${MANIFEST_FILE}`;
  }

  versionPath(flowId: FlowId, version: number): string {
    return `${this.flowDir(flowId)}/${versionFileName(version)}`;
  }

  tagName(flowId: FlowId, version: number): string {
    return `${this.settings.tagPrefix}/${flowId}/v${assertVersion(version)}`;
  }

  /** Prefix of every publish tag in this workspace, e.g. `callflow/`. */
  get tagNamespace(): string {
    return `${this.settings.tagPrefix}/`;
  }
}

export function versionFileName(version: number): string {
  return `v${assertVersion(version)}.yaml`;
}

/** The version a `v<N>.yaml` file name stands for, or undefined for any other file. */
export function versionOfFileName(name: string): number | undefined {
  const match = VERSION_FILE.exec(name);
  return match ? Number(match[1]) : undefined;
}

function assertVersion(version: number): number {
  if (!Number.isSafeInteger(version) || version < 1 || version > MAX_VERSION) {
    throw new InvalidInputError(
      'invalid-version',
      `${version} is not a version number this workspace can hold (1 to ${MAX_VERSION.toLocaleString('en-US')}).`,
      "Check the versions in the flow's flow.yaml (`callflow verify` lists the problems).",
    );
  }
  return version;
}
