/**
 * Which flow workspace file an editor shows, and what the workspace knows about it (its flow's
 * versions and statuses, the validation context), cached per flow workspace and dropped when
 * the registry reports a change. Shared by live problems, locked versions, CodeLens, the status
 * bar, the simulator and the Test Explorer, so they all ask the same question the same way.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import {
  DEFAULT_SETTINGS,
  workspaceFileRole,
  WorkspaceLayout,
  type FlowId,
  type FlowSummary,
  type FlowWorkspace,
  type LedgerStatus,
  type WorkspaceContext,
  type WorkspaceFileRole,
} from '../../core';
import type { ExtensionServices } from '../services';
import type { FlowWorkspaceFolder } from '../workspaces/flowWorkspaceRegistry';

export interface FlowFileInfo {
  folder: FlowWorkspaceFolder;
  /** Relative to the folder holding callflow.yaml, forward slashes. */
  relativePath: string;
  role: WorkspaceFileRole;
}

interface FolderState {
  workspace: Promise<FlowWorkspace>;
  layout: Promise<WorkspaceLayout>;
  context?: Promise<WorkspaceContext | undefined>;
  flows?: Promise<Map<string, FlowSummary>>;
}

export class FlowFiles implements vscode.Disposable {
  private readonly states = new Map<string, FolderState>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  /** Fires after the registry reported a change and the caches were dropped. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly services: ExtensionServices) {
    this.subscription = services.workspaces.onDidChange(() => this.invalidate());
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  invalidate(): void {
    this.states.clear();
    this.changed.fire();
  }

  /** The flow workspace file `uri` is, or undefined (another file, or outside every flow workspace). */
  async describe(uri: vscode.Uri): Promise<FlowFileInfo | undefined> {
    if (uri.scheme !== 'file' && uri.scheme !== 'vscode-remote') return undefined;
    if (!uri.path.endsWith('.yaml')) return undefined;
    const folder = this.services.workspaces.forUri(uri);
    if (!folder) return undefined;
    const relativePath = path.posix.relative(folder.root.path, uri.path);
    if (relativePath.startsWith('..') || path.posix.isAbsolute(relativePath)) return undefined;
    const role = workspaceFileRole(relativePath, (await this.state(folder).layout).flowsDir);
    return role ? { folder, relativePath, role } : undefined;
  }

  /** The core facade of a folder (opened once per cache generation). */
  workspace(folder: FlowWorkspaceFolder): Promise<FlowWorkspace> {
    return this.state(folder).workspace;
  }

  /** Where the folder's files live, from its callflow.yaml (the core's one answer). */
  layout(folder: FlowWorkspaceFolder): Promise<WorkspaceLayout> {
    return this.state(folder).layout;
  }

  /** The goto-flow validation context of the folder; undefined when the workspace cannot be read. */
  context(folder: FlowWorkspaceFolder): Promise<WorkspaceContext | undefined> {
    const state = this.state(folder);
    state.context ??= state.workspace
      .then((ws) => ws.workspaceContext())
      .catch((err) => {
        this.services.log.warn(`Validation context of ${folder.name} unavailable: ${errorText(err)}`);
        return undefined;
      });
    return state.context;
  }

  /** Every flow of the folder by id (empty when the workspace cannot be read). */
  flows(folder: FlowWorkspaceFolder): Promise<Map<string, FlowSummary>> {
    const state = this.state(folder);
    state.flows ??= state.workspace
      .then((ws) => ws.list())
      .then(
        (list) => new Map(list.map((flow) => [flow.id, flow])),
        (err) => {
          this.services.log.warn(`Flows of ${folder.name} unavailable: ${errorText(err)}`);
          return new Map<string, FlowSummary>();
        },
      );
    return state.flows;
  }

  async flow(folder: FlowWorkspaceFolder, flowId: string): Promise<FlowSummary | undefined> {
    return (await this.flows(folder)).get(flowId);
  }

  /** A version's status from its flow's manifest (one source of truth: the ledger). */
  async statusOf(folder: FlowWorkspaceFolder, flowId: string, version: number): Promise<LedgerStatus | undefined> {
    return (await this.flow(folder, flowId))?.versions.find((v) => v.version === version)?.status;
  }

  /** The file of a version (it may not exist). */
  async versionUri(folder: FlowWorkspaceFolder, flowId: FlowId, version: number): Promise<vscode.Uri> {
    return folder.uri((await this.layout(folder)).versionPath(flowId, version));
  }

  /** The manifest (flow.yaml) of a flow. */
  async manifestUri(folder: FlowWorkspaceFolder, flowId: FlowId): Promise<vscode.Uri> {
    return folder.uri((await this.layout(folder)).manifestPath(flowId));
  }

  /** The call scenario files of the flow whose version `uri` is (the core's classifier decides), sorted. */
  async scenarioFilesOf(uri: vscode.Uri): Promise<{ flowId: string; uris: vscode.Uri[] } | undefined> {
    const info = await this.describe(uri);
    if (!info || info.role.kind !== 'version') return undefined;
    const { flowId } = info.role;
    const dir = info.folder.uri((await this.layout(info.folder)).flowDir(flowId));
    const entries = await vscode.workspace.fs.readDirectory(dir).then(
      (found) => found,
      () => [] as [string, vscode.FileType][],
    );
    const uris: vscode.Uri[] = [];
    for (const [name, type] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (type !== vscode.FileType.File) continue;
      const candidate = vscode.Uri.joinPath(dir, name);
      const role = (await this.describe(candidate))?.role;
      if (role?.kind === 'scenarios' && role.flowId === flowId) uris.push(candidate);
    }
    return { flowId, uris };
  }

  private state(folder: FlowWorkspaceFolder): FolderState {
    const key = folder.root.toString();
    let state = this.states.get(key);
    if (!state) {
      const workspace = folder.open();
      // A callflow.yaml that does not parse keeps the default folder; its own problems say why.
      const layout = workspace.then((ws) => ws.layout()).catch(() => new WorkspaceLayout(DEFAULT_SETTINGS));
      workspace.catch(() => undefined); // reported by whoever awaits it
      state = { workspace, layout };
      this.states.set(key, state);
    }
    return state;
  }
}

/** The text an editor holds for `uri` (unsaved changes included), else the file on disk. */
export async function readCurrentText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
