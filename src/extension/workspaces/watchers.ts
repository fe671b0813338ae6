/**
 * File system watchers that tell the registry something changed: a callflow.yaml (workspaces come
 * and go), flow files and numbers.yaml (a `callflow` run in a terminal, an edit), and git's HEAD
 * and refs (a checkout, a pull, a commit). Bursts collapse into one event per kind.
 */
import * as vscode from 'vscode';

export type TriggerKind = 'settings' | 'files' | 'git';

export class RefreshTriggers implements vscode.Disposable {
  private readonly base: vscode.Disposable[] = [];
  private gitWatchers = new Map<string, vscode.Disposable>();
  private pending = new Set<TriggerKind>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private roots: vscode.Uri[] = [];

  constructor(
    private debounceMs: number,
    private readonly fire: (kind: TriggerKind) => void,
  ) {
    const settings = vscode.workspace.createFileSystemWatcher('**/callflow.yaml');
    const yaml = vscode.workspace.createFileSystemWatcher('**/*.yaml');
    const onSettings = (): void => this.schedule('settings');
    const onYaml = (uri: vscode.Uri): void => {
      if (uri.path.endsWith('/callflow.yaml')) return;
      if (this.roots.some((root) => uri.path.startsWith(`${root.path}/`))) this.schedule('files');
    };
    this.base.push(
      settings,
      yaml,
      settings.onDidCreate(onSettings),
      settings.onDidDelete(onSettings),
      settings.onDidChange(onSettings),
      yaml.onDidCreate(onYaml),
      yaml.onDidDelete(onYaml),
      yaml.onDidChange(onYaml),
    );
  }

  /** Watches git's HEAD and refs of the repositories holding these flow workspaces. */
  watch(roots: vscode.Uri[]): void {
    this.roots = roots;
    void Promise.all(roots.map((root) => findGitDir(root))).then((dirs) => {
      const wanted = new Set(dirs.filter((d): d is vscode.Uri => d !== undefined).map((d) => d.toString()));
      for (const [key, watcher] of this.gitWatchers) {
        if (!wanted.has(key)) {
          watcher.dispose();
          this.gitWatchers.delete(key);
        }
      }
      for (const key of wanted) {
        if (this.gitWatchers.has(key)) continue;
        const watcher = vscode.workspace.createFileSystemWatcher(
          new vscode.RelativePattern(vscode.Uri.parse(key), '{HEAD,packed-refs,refs/**}'),
        );
        const onGit = (): void => this.schedule('git');
        watcher.onDidChange(onGit);
        watcher.onDidCreate(onGit);
        watcher.onDidDelete(onGit);
        this.gitWatchers.set(key, watcher);
      }
    });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.base) d.dispose();
    for (const d of this.gitWatchers.values()) d.dispose();
    this.gitWatchers.clear();
  }

  /** `callflow.refreshDebounceMs` changed: the next burst waits the new time. */
  setDebounce(ms: number): void {
    this.debounceMs = ms;
  }

  private schedule(kind: TriggerKind): void {
    this.pending.add(kind);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const kinds = this.pending;
      this.pending = new Set();
      // A settings change rescans, which fires once for everything.
      if (kinds.has('settings')) this.fire('settings');
      else this.fire(kinds.has('files') ? 'files' : 'git');
    }, this.debounceMs);
  }
}

/** The `.git` folder at or above a flow workspace (found on disk; no git command runs). */
async function findGitDir(root: vscode.Uri): Promise<vscode.Uri | undefined> {
  let current = root;
  for (let depth = 0; depth < 32; depth++) {
    const candidate = vscode.Uri.joinPath(current, '.git');
    try {
      const stat = await vscode.workspace.fs.stat(candidate);
      // A .git file (worktree, submodule) points elsewhere: the yaml watcher still covers its checkouts.
      return stat.type & vscode.FileType.Directory ? candidate : undefined;
    } catch {
      const parent = vscode.Uri.joinPath(current, '..');
      if (parent.path === current.path) return undefined;
      current = parent;
    }
  }
  return undefined;
}
