/**
 * The flow workspaces of the window: every folder holding a callflow.yaml in or below a workspace
 * folder (multi-root), found by the rule the language server and the CLI follow too
 * (core/workspace/discovery.ts). Discovery only reads folders; the core facade (and with it git)
 * is opened on first use, never during activation.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  findWorkspacesBelow,
  innermostWorkspace,
  type CompletedOperation,
  type FlowWorkspace,
  type FolderTree,
  type RecoveryReport,
  type RevisionFile,
} from '../../core';
import { openFlowWorkspace } from '../../platform/openFlowWorkspace';
import { RefreshTriggers } from './watchers';

/** The editor's view of the disk, for the one discovery rule (core/workspace/discovery.ts). */
const editorFolderTree: FolderTree<vscode.Uri> = {
  async read(folder) {
    const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(folder)).catch(
      () => [] as [string, vscode.FileType][],
    );
    return {
      files: entries.filter(([, type]) => type === vscode.FileType.File).map(([name]) => name),
      folders: entries.filter(([, type]) => type === vscode.FileType.Directory).map(([name]) => name),
    };
  },
  child: (folder, name) => vscode.Uri.joinPath(folder, name),
};

/** A folder holding a callflow.yaml, and the core facade over it (opened on first use: activation does no git work). */
export class FlowWorkspaceFolder {
  private facade?: FlowWorkspace;

  constructor(
    /** The folder holding callflow.yaml. */
    readonly root: vscode.Uri,
    /** Display name (the VS Code workspace folder's name, or the relative path for nested ones). */
    readonly name: string,
    private readonly recovered: (folder: FlowWorkspaceFolder, report: RecoveryReport) => void = () => undefined,
    private readonly ran: (folder: FlowWorkspaceFolder, operation: CompletedOperation) => void = () => undefined,
  ) {}

  async open(): Promise<FlowWorkspace> {
    if (!this.facade) {
      this.facade = openFlowWorkspace(this.root.fsPath);
      this.facade.onDidRecover((report) => this.recovered(this, report));
      this.facade.onDidRunOperation((operation) => this.ran(this, operation));
    }
    return this.facade;
  }

  /** File contents at git revisions, through the one git adapter (for the callflow-git scheme). */
  async readAtRevisions(files: readonly RevisionFile[]): Promise<(string | undefined)[]> {
    return (await this.open()).readAtRevisions(files);
  }

  /** A workspace-relative path (forward slashes) as a file URI. */
  uri(relative: string): vscode.Uri {
    return vscode.Uri.joinPath(this.root, ...relative.split('/'));
  }
}

/** Every flow workspace of the window; fires onDidChange when flow files change on disk, HEAD moves, or folders come and go. */
export class FlowWorkspaceRegistry implements vscode.Disposable {
  private entries: FlowWorkspaceFolder[] = [];
  private scanning: Promise<void>;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly recoveredEmitter = new vscode.EventEmitter<{
    folder: FlowWorkspaceFolder;
    report: RecoveryReport;
  }>();
  private readonly ranEmitter = new vscode.EventEmitter<{
    folder: FlowWorkspaceFolder;
    operation: CompletedOperation;
  }>();
  private readonly triggers: RefreshTriggers;
  private readonly disposables: vscode.Disposable[] = [];

  readonly onDidChange = this.changed.event;
  /** An operation first completed or undid one that had been interrupted (a killed CLI, a crash, a power cut). */
  readonly onDidRecover = this.recoveredEmitter.event;
  /**
   * A lifecycle operation of this window finished (the core's one announcement): onDidChange fires
   * with it, so every view refreshes from here and no command refreshes by hand.
   */
  readonly onDidRunOperation = this.ranEmitter.event;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    debounceMs: number,
  ) {
    this.triggers = new RefreshTriggers(debounceMs, (reason) => this.onTrigger(reason));
    this.disposables.push(
      this.changed,
      this.recoveredEmitter,
      this.ranEmitter,
      this.triggers,
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescan('workspace folders changed')),
    );
    this.scanning = this.scan();
  }

  all(): readonly FlowWorkspaceFolder[] {
    return this.entries;
  }

  /** Resolves once the first discovery is done; later rescans are awaited too. */
  ready(): Promise<void> {
    return this.scanning;
  }

  forUri(uri: vscode.Uri): FlowWorkspaceFolder | undefined {
    // The innermost root wins, should flow workspaces nest.
    return innermostWorkspace(uri.toString(), this.entries, (entry) => entry.root.toString());
  }

  forRoot(rootPath: string): FlowWorkspaceFolder | undefined {
    const wanted = path.resolve(rootPath);
    return this.entries.find((e) => path.resolve(e.root.fsPath) === wanted);
  }

  /** Finds the flow workspaces again (a callflow.yaml appeared or went, folders changed) and fires onDidChange. */
  rescan(reason: string): Promise<void> {
    this.scanning = this.scanning
      .then(() => this.scan())
      .then(() => {
        this.log.debug(`flow workspaces rescanned (${reason})`);
        this.changed.fire();
      });
    return this.scanning;
  }

  setRefreshDebounce(ms: number): void {
    this.triggers.setDebounce(ms);
  }

  /** Tells listeners that something changed that no operation announces (workspace trust granted). */
  fireChanged(): void {
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private async scan(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const found = (await Promise.all(folders.map((f) => findWorkspacesBelow(editorFolderTree, f.uri)))).flat();
    const previous = new Map(this.entries.map((e) => [e.root.toString(), e]));
    const entries: FlowWorkspaceFolder[] = [];
    for (const root of found) {
      const key = root.toString();
      if (entries.some((e) => e.root.toString() === key)) continue;
      entries.push(
        previous.get(key) ??
          new FlowWorkspaceFolder(
            root,
            displayName(root),
            (folder, report) => {
              // A recovery moved files or HEAD even when the operation that ran it is then refused.
              this.recoveredEmitter.fire({ folder, report });
              this.changed.fire();
            },
            (folder, operation) => {
              this.ranEmitter.fire({ folder, operation });
              this.changed.fire();
            },
          ),
      );
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    this.entries = entries;
    this.triggers.watch(entries.map((e) => e.root));
  }

  private onTrigger(reason: 'settings' | 'files' | 'git'): void {
    if (reason === 'settings') void this.rescan('a callflow.yaml changed');
    else this.changed.fire();
  }
}

function displayName(root: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(root);
  if (!folder) return path.basename(root.fsPath);
  const relative = path.posix.relative(folder.uri.path, root.path);
  return relative ? `${folder.name}/${relative}` : folder.name;
}
