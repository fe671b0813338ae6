/**
 * The flow workspaces of the window: every folder holding a callflow.yaml, in every workspace
 * folder (multi-root). Discovery uses findFiles only; the core facade (and with it git) is opened
 * on first use, never during activation.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CompletedOperation, FlowWorkspace, RecoveryReport, RevisionFile } from '../../core';
import { openFlowWorkspace } from '../../platform/openFlowWorkspace';
import { RefreshTriggers } from './watchers';

const SETTINGS_GLOB = '**/callflow.yaml';
const EXCLUDE_GLOB = '{**/node_modules/**,**/.git/**}';

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

  /** Resolves once the first discovery (findFiles) is done; later rescans are awaited too. */
  ready(): Promise<void> {
    return this.scanning;
  }

  forUri(uri: vscode.Uri): FlowWorkspaceFolder | undefined {
    // The deepest root wins, should flow workspaces ever nest.
    let best: FlowWorkspaceFolder | undefined;
    for (const entry of this.entries) {
      if (isInside(uri, entry.root) && (!best || entry.root.path.length > best.root.path.length)) best = entry;
    }
    return best;
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
    const found = await vscode.workspace.findFiles(SETTINGS_GLOB, EXCLUDE_GLOB);
    const previous = new Map(this.entries.map((e) => [e.root.toString(), e]));
    const entries: FlowWorkspaceFolder[] = [];
    for (const file of found) {
      const root = vscode.Uri.joinPath(file, '..');
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

function isInside(uri: vscode.Uri, root: vscode.Uri): boolean {
  if (uri.scheme !== root.scheme || uri.authority !== root.authority) return false;
  const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
  return uri.path === root.path || uri.path.startsWith(base);
}
