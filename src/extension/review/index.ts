/**
 * Reviewing changes in VS Code: Compare Versions and Compare with Published open the text diff
 * with the "Changes for Callers" view beside it (docs/review.md). Other features
 * listen to `onDidChangeComparison`.
 */
import type * as vscode from 'vscode';
import type { CommandRows } from '../commands/entry';
import type { ExtensionServices } from '../services';
import { ChangesForCallers, REVEAL_CHANGE_COMMAND, revealChange, type RevealChangeArgs } from './changesView';
import { VersionCompare, type ComparedVersions } from './compareCommands';
import type { ChangeEntry } from './changeEntries';

export type { ComparedVersions, ComparedSide, CompareArgs } from './compareCommands';
export { CHANGES_VIEW, REVEAL_CHANGE_COMMAND, type RevealChangeArgs } from './changesView';

/** What the integration tests read through the extension's test API. */
export interface ReviewProbe {
  /** The comparison the view shows. */
  current(): ComparedVersions | undefined;
  /** The view's items, depth first, as VS Code shows them. */
  items(): Array<{ depth: number; item: vscode.TreeItem }>;
  /** The view's description (`Support Line: v6 (published) → v5 (draft)`) and message. */
  description(): string | undefined;
  message(): string | undefined;
}

export function registerReview(services: ExtensionServices): {
  rows: CommandRows;
  onDidChangeComparison: vscode.Event<ComparedVersions | undefined>;
  probe: ReviewProbe;
} {
  const compare = new VersionCompare(services.workspaces, services.log);
  const view = new ChangesForCallers(compare.onDidChangeComparison, () => compare.endedBecause, services.log);
  services.context.subscriptions.push(compare, view);
  const items = (entries: ChangeEntry[], depth: number): Array<{ depth: number; item: vscode.TreeItem }> =>
    entries.flatMap((entry) => [
      { depth, item: view.getTreeItem(entry) },
      ...items(view.getChildren(entry), depth + 1),
    ]);
  return {
    rows: {
      'callflow.compareVersions': { run: (ctx, arg?: unknown) => compare.compareVersions(ctx, arg) },
      'callflow.compareWithPublished': { run: (ctx, arg?: unknown) => compare.compareWithPublished(ctx, arg) },
      [REVEAL_CHANGE_COMMAND]: {
        run: (ctx, args: RevealChangeArgs) => revealChange(args, ctx.notifications),
      },
    },
    onDidChangeComparison: compare.onDidChangeComparison,
    probe: {
      current: () => view.current,
      items: () => items(view.getChildren(), 0),
      description: () => view.view.description,
      message: () => view.view.message,
    },
  };
}
