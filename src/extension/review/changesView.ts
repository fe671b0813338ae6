/**
 * The "Changes for Callers" view beside the text diff: the last comparison's semantic diff and
 * changed journeys. Each entry's command reveals its step in the diff editor (the right side,
 * the left one for a removed step). Kept current while either side is edited.
 */
import * as vscode from 'vscode';
import { comparisonRange, stepKeyRanges } from '../../core';
import type { Notifications } from '../notifications';
import { changeEntries, type ChangeEntry, type DiffSide } from './changeEntries';
import { compareSides, isDiffOf, type ComparedVersions } from './compareCommands';
import { columnOf } from '../editorGroups';

export const CHANGES_VIEW = 'callflow.changes';
export const REVEAL_CHANGE_COMMAND = 'callflow.revealChange';
/** Shows the view (package.json `when`) once a comparison was made. */
const HAS_CHANGES = 'callflow.hasChanges';
const REFRESH_DEBOUNCE_MS = 300;

/** The argument of callflow.revealChange: a step on one side of a comparison's diff. */
export interface RevealChangeArgs {
  original: vscode.Uri;
  modified: vscode.Uri;
  title: string;
  side: DiffSide;
  step: string;
}

interface ShownEntry extends ChangeEntry {
  parent?: ShownEntry;
  children?: ShownEntry[];
}

export class ChangesForCallers implements vscode.TreeDataProvider<ShownEntry>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private shownComparison: ComparedVersions | undefined;
  private entries: ShownEntry[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  readonly view: vscode.TreeView<ShownEntry>;

  constructor(
    onDidChangeComparison: vscode.Event<ComparedVersions | undefined>,
    private readonly endedBecause: () => string | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.view = vscode.window.createTreeView(CHANGES_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      onDidChangeComparison((shown) => void (shown ? this.show(shown) : this.clear())),
      vscode.workspace.onDidChangeTextDocument((event) => {
        const shown = this.shownComparison;
        const uri = event.document.uri.toString();
        if (shown && (uri === shown.from.uri.toString() || uri === shown.to.uri.toString())) this.scheduleRefresh();
      }),
    );
  }

  /** The comparison shown (the graph's "Show Changes in Graph" draws it). */
  get current(): ComparedVersions | undefined {
    return this.shownComparison;
  }

  /** Shows a comparison in place of the one shown, and brings the view into sight without taking the focus. */
  async show(shown: ComparedVersions): Promise<void> {
    this.shownComparison = shown;
    this.entries = withParents(changeEntries(shown.comparison));
    this.view.title = `Changes for Callers`;
    this.view.description = `${shown.flowName}: ${comparisonRange(shown)}`;
    this.view.message = undefined;
    this.changed.fire();
    await vscode.commands.executeCommand('setContext', HAS_CHANGES, true);
    const first = this.entries[0];
    if (first) await Promise.resolve(this.view.reveal(first, { focus: false, select: false, expand: true }));
  }

  /** The comparison ended (its draft was published or discarded): nothing is listed as waiting any more. */
  clear(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.shownComparison = undefined;
    this.entries = [];
    this.view.description = undefined;
    this.view.message = `${this.endedBecause() ?? 'Nothing compared.'} Compare Versions to review other changes.`;
    this.changed.fire();
  }

  getChildren(entry?: ShownEntry): ShownEntry[] {
    return entry ? (entry.children ?? []) : this.entries;
  }

  getParent(entry: ShownEntry): ShownEntry | undefined {
    return entry.parent;
  }

  getTreeItem(entry: ShownEntry): vscode.TreeItem {
    const collapsed =
      entry.kind === 'changed' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
    const item = new vscode.TreeItem(
      entry.label,
      entry.children?.length ? collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = entry.id;
    item.contextValue = `callflow.change.${entry.kind}`;
    if (entry.description) item.description = entry.description;
    item.tooltip = entry.description ? `${entry.label}: ${entry.description}` : entry.label;
    item.iconPath = new vscode.ThemeIcon(ICONS[entry.kind]);
    const shown = this.shownComparison;
    if (entry.reveal && shown) {
      const args: RevealChangeArgs = {
        original: shown.from.uri,
        modified: shown.to.uri,
        title: shown.title,
        side: entry.reveal.side,
        step: entry.reveal.step,
      };
      item.command = { command: REVEAL_CHANGE_COMMAND, title: 'Reveal Step in the Diff', arguments: [args] };
    }
    return item;
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), REFRESH_DEBOUNCE_MS);
  }

  private async refresh(): Promise<void> {
    const shown = this.shownComparison;
    if (!shown) return;
    try {
      const comparison = await compareSides(shown.flowId, shown.from, shown.to);
      if (this.shownComparison === shown) await this.show({ ...shown, comparison });
    } catch (err) {
      this.log.warn(`Changes for Callers not refreshed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

const ICONS: Record<ChangeEntry['kind'], string> = {
  group: 'list-tree',
  none: 'check',
  start: 'debug-start',
  added: 'diff-added',
  removed: 'diff-removed',
  renamed: 'diff-renamed',
  changed: 'diff-modified',
  field: 'symbol-field',
  rewired: 'arrow-swap',
  journey: 'call-incoming',
};

function withParents(entries: ChangeEntry[], parent?: ShownEntry): ShownEntry[] {
  return entries.map((entry) => {
    const shown: ShownEntry = { ...entry, ...(parent ? { parent } : {}) };
    if (entry.children) shown.children = withParents(entry.children, shown);
    return shown;
  });
}

/**
 * Selects the step's key in the comparison's diff editor, on the side the step is on; brings that
 * diff back first when another tab hides it. Returns where the step is (undefined: not there any more).
 */
export async function revealChange(
  args: RevealChangeArgs,
  notifications: Notifications,
): Promise<{ uri: string; line: number } | undefined> {
  const uri = args.side === 'from' ? args.original : args.modified;
  const document = await vscode.workspace.openTextDocument(uri);
  const key = stepKeyRanges(document.getText()).get(args.step);
  if (!key) {
    notifications.info(
      `${args.step} is not in ${vscode.workspace.asRelativePath(uri, false)} any more: it was edited after the comparison.`,
    );
    return undefined;
  }
  const range = new vscode.Range(key.startLine, key.startCharacter, key.endLine, key.endCharacter);
  if (!diffIsVisible(args)) {
    const open = columnOf((tab) => isDiffOf(tab, args.original, args.modified));
    await vscode.commands.executeCommand('vscode.diff', args.original, args.modified, args.title, {
      ...(open ? { viewColumn: open } : {}),
    });
  }
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  if (editor) {
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  } else await vscode.window.showTextDocument(document, { selection: range });
  return { uri: uri.toString(), line: range.start.line };
}

/** Whether the diff of these two files is the tab shown in its group. */
function diffIsVisible(args: RevealChangeArgs): boolean {
  return vscode.window.tabGroups.all.some((group) => {
    const input = group.activeTab?.input;
    return (
      input instanceof vscode.TabInputTextDiff &&
      input.original.toString() === args.original.toString() &&
      input.modified.toString() === args.modified.toString()
    );
  });
}
