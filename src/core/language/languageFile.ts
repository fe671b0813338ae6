/** The file a language request is about: its role, its current text and the workspace around it. */
import type { WorkspaceFileRole } from '../workspace/fileRoles';
import { flowOutline, type FlowOutline } from './flowOutline';
import type { WorkspaceIndex } from './workspaceIndex';

export interface LanguageFile {
  role: WorkspaceFileRole;
  /** Workspace-relative path, forward slashes. */
  relativePath: string;
  text: string;
  /** The workspace's index, when the file is in a workspace the server knows. */
  index?: WorkspaceIndex;
  /**
   * The outline of this file, when the caller has one: it may be a keystroke behind the text
   * (step ids, types and variables barely move while typing; positions are read from the text).
   */
  outline?: FlowOutline;
}

export function flowOutlineOf(file: LanguageFile): FlowOutline {
  return file.outline ?? file.index?.outlineOf(file.relativePath, file.text) ?? flowOutline(file.text);
}

/** The outline of the version a scenario file's calls run against: the draft, else the published one. */
export function scenarioOutline(file: LanguageFile): FlowOutline | undefined {
  if (file.role.kind !== 'scenarios' || !file.index) return undefined;
  const info = file.index.flowInfo(file.role.flowId);
  const version = info?.draft ?? info?.published;
  return version === undefined ? undefined : file.index.versionOutline(file.role.flowId, version);
}
