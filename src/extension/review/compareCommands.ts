/**
 * Compare Versions and Compare with Published: the text diff of two versions in VS Code's diff
 * editor, and what the difference means for callers (the core's semantic diff and changed
 * journeys), published as an event the "Changes for Callers" view listens to.
 */
import * as vscode from 'vscode';
import {
  comparisonDirection,
  comparisonRange,
  parseFlowId,
  compareVersions as compareVersionTexts,
  type LedgerStatus,
  type VersionComparison,
} from '../../core';
import type { FlowWorkspaceRegistry } from '../workspaces/flowWorkspaceRegistry';
import type { CommandContext } from '../commands/commandContext';
import { parseArgs, resolveFlow, resolveVersion, type CommandArgs } from '../commands/targets';
import { Cancelled, ExpectedError } from '../expectedErrors';
import { columnOf } from '../editorGroups';

export interface CompareArgs extends CommandArgs {
  /** The version to compare with (the other side is `version`). */
  otherVersion?: number;
}

export interface ComparedSide {
  uri: vscode.Uri;
  version: number;
  status: LedgerStatus;
}

/**
 * Two versions in the diff editor and what their difference means for callers, read in the
 * direction of publishing (the core's comparisonDirection): `from` what callers get (or got),
 * `to` what they would get next, whatever the version numbers.
 */
export interface ComparedVersions {
  workspace: string;
  flowId: string;
  flowName: string;
  /** The diff editor's left side. */
  from: ComparedSide;
  /** The diff editor's right side. */
  to: ComparedSide;
  /** The diff editor's title (to bring it back when another tab hides it). */
  title: string;
  comparison: VersionComparison;
}

/** The comparison of the two sides as their documents hold them now (unsaved edits included, as the diff shows them). */
export async function compareSides(flowId: string, from: ComparedSide, to: ComparedSide): Promise<VersionComparison> {
  const [before, after] = await Promise.all([from, to].map((side) => vscode.workspace.openTextDocument(side.uri)));
  return {
    ...compareVersionTexts(
      flowId,
      { version: from.version, text: before!.getText() },
      { version: to.version, text: after!.getText() },
    ),
    sides: { from, to },
  };
}

export class VersionCompare implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ComparedVersions | undefined>();
  /**
   * Fires after a comparison opened in the diff editor, again when a lifecycle operation changed the
   * statuses of its versions (direction and labels follow them), and with undefined when it ended.
   */
  readonly onDidChangeComparison = this.changed.event;
  private shownComparison: ComparedVersions | undefined;
  /** Why the last comparison ended (its draft was published or discarded), for the view to say. */
  endedBecause: string | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** One follow at a time: a lifecycle operation fires several workspace changes. */
  private following: Promise<void> = Promise.resolve();

  constructor(
    private readonly workspaces: FlowWorkspaceRegistry,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      workspaces.onDidChange(() => {
        this.following = this.following
          .then(() => this.followStatuses())
          .catch((err: unknown) =>
            log.warn(`comparison not updated: ${err instanceof Error ? err.message : String(err)}`),
          );
      }),
    );
  }

  /** The comparison shown (undefined before the first, or once it ended). */
  get current(): ComparedVersions | undefined {
    return this.shownComparison;
  }

  /**
   * Opens VS Code's diff editor between two versions. Without `otherVersion`: a published version
   * against the one published before it, an archived one against what is published now, a draft
   * against the published version. Either way it reads in the direction of publishing.
   */
  async compareVersions(ctx: CommandContext, arg?: unknown): Promise<{ left: number; right: number }> {
    const shown = await this.compare(ctx, arg);
    return { left: shown.from.version, right: shown.to.version };
  }

  async compareWithPublished(ctx: CommandContext, arg?: unknown): Promise<{ left: number; right: number }> {
    const target = await resolveFlow(
      ctx,
      arg,
      'with a draft and a published version',
      (f) => f.draft !== undefined && f.published !== undefined,
    );
    if (target.flow.draft === undefined || target.flow.published === undefined) {
      throw new ExpectedError(
        'nothing-to-compare',
        `${target.flow.name} needs a draft and a published version to compare.`,
        'Publish a version, or start a draft with Edit (New Draft).',
      );
    }
    return this.compareVersions(ctx, {
      workspace: target.workspace.root.fsPath,
      flowId: target.flow.id,
      version: target.flow.draft,
      otherVersion: target.flow.published,
    });
  }

  /** Resolves the two versions, opens their diff and publishes the comparison. */
  async compare(ctx: CommandContext, arg?: unknown): Promise<ComparedVersions> {
    const { args } = parseArgs<CompareArgs>(arg);
    // Only flows with something to compare with are offered (a flow with one version is not).
    const target = await resolveVersion(
      ctx,
      arg,
      ['draft', 'published', 'archived'],
      'compare',
      (f) => f.versions.filter((v) => v.status !== 'discarded').length > 1,
    );
    const details = await target.facade.show(target.flow.id);
    const live = details.versions.filter((v) => v.status !== 'discarded' && v.file && !v.missing);
    const self = live.find((v) => v.version === target.version);
    if (!self)
      throw new ExpectedError(
        'nothing-to-compare',
        `v${target.version} of ${target.flow.name} has no file to compare.`,
        'Pick a version that still has its file (Show History lists the others).',
      );
    let other = args.otherVersion !== undefined ? live.find((v) => v.version === args.otherVersion) : undefined;
    if (args.otherVersion !== undefined && !other)
      throw new ExpectedError(
        'nothing-to-compare',
        `v${args.otherVersion} of ${target.flow.name} has no file to compare.`,
        'Pick a version that still has its file (Show History lists the others).',
      );
    if (!other) {
      const published = live.find((v) => v.status === 'published');
      const replaced = live
        .filter((v) => v.status === 'archived')
        .reduce<(typeof live)[number] | undefined>(
          (last, v) => (last ? comparisonDirection(last, v).to : v),
          undefined,
        );
      const below = live.filter((v) => v.version < self.version).pop();
      other = self.status === 'published' ? (replaced ?? below) : (published ?? below);
    }
    if (!other && args.otherVersion === undefined) {
      const picked = await vscode.window.showQuickPick(
        live.filter((v) => v !== self).map((v) => ({ label: `v${v.version}`, description: v.status, v })),
        { title: `Compare v${self.version} of ${target.flow.name} with` },
      );
      if (!picked && live.length > 1) throw new Cancelled();
      other = picked?.v;
    }
    if (!other)
      throw new ExpectedError(
        'nothing-to-compare',
        `${target.flow.name} has no other version to compare v${self.version} with.`,
        'Start a draft with Edit (New Draft), then compare it with the published version.',
      );
    const side = (v: typeof self): ComparedSide => ({
      uri: target.workspace.uri(v.file!),
      version: v.version,
      status: v.status,
    });
    const shown = await this.open(
      { workspace: target.workspace.root.fsPath, flowId: target.flow.id, flowName: target.flow.name },
      side(self),
      side(other),
    );
    ctx.log.info(`compare ${target.flow.id} ${comparisonRange(shown)}`);
    return shown;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** Opens the diff of two versions, read in the direction of publishing, and publishes the comparison. */
  private async open(
    flow: Pick<ComparedVersions, 'workspace' | 'flowId' | 'flowName'>,
    a: ComparedSide,
    b: ComparedSide,
    options: vscode.TextDocumentShowOptions = {},
  ): Promise<ComparedVersions> {
    const { from, to } = comparisonDirection(a, b);
    const title = `${flow.flowName}: ${comparisonRange({ from, to })}`;
    // The same comparison again shows its open tab where it is, not a second one in the active group.
    const open = columnOf((tab) => isDiffOf(tab, from.uri, to.uri));
    await vscode.commands.executeCommand('vscode.diff', from.uri, to.uri, title, {
      ...(open ? { viewColumn: open } : {}),
      ...options,
    });
    const comparison = await compareSides(flow.flowId, from, to);
    const shown: ComparedVersions = { ...flow, from, to, title, comparison };
    this.shownComparison = shown;
    this.endedBecause = undefined;
    this.changed.fire(shown);
    return shown;
  }

  /**
   * After a lifecycle operation: the comparison's labels and direction follow its versions' statuses
   * (a rollback archives the published side: `v1 (archived) → v5 (draft)`); a comparison of a draft
   * that is no longer one (published, discarded) is history: it ends, and its diff tab closes.
   */
  private async followStatuses(): Promise<void> {
    const shown = this.shownComparison;
    if (!shown) return;
    const folder = this.workspaces.all().find((w) => w.root.fsPath === shown.workspace);
    const details = folder
      ? await (await folder.open()).show(parseFlowId(shown.flowId)).catch(() => undefined)
      : undefined;
    if (this.shownComparison !== shown || !details) return;
    const statusOf = (side: ComparedSide): LedgerStatus | undefined =>
      details?.versions.find((v) => v.version === side.version)?.status;
    const [from, to] = [statusOf(shown.from), statusOf(shown.to)];
    if (from === shown.from.status && to === shown.to.status) return;
    const tab = diffTabOf(shown);
    const endedDraft = [shown.from, shown.to].find((side) => side.status === 'draft' && statusOf(side) !== 'draft');
    if (!from || !to || endedDraft) {
      const now = endedDraft && statusOf(endedDraft);
      this.endedBecause = endedDraft
        ? `v${endedDraft.version} of ${shown.flowName} is ${now ?? 'gone'} now: its changes are no longer waiting to be published.`
        : `A version of ${shown.flowName} compared is gone.`;
      this.shownComparison = undefined;
      this.log.info(`comparison ${shown.title} ended: ${this.endedBecause}`);
      if (tab && !tab.isDirty) await vscode.window.tabGroups.close(tab);
      this.changed.fire(undefined);
      return;
    }
    // The same two versions, with the statuses they have now: a new title means a new tab in place of the old.
    const options: vscode.TextDocumentShowOptions = {
      preserveFocus: true,
      ...(tab ? { viewColumn: tab.group.viewColumn } : {}),
    };
    if (tab && !tab.isDirty) await vscode.window.tabGroups.close(tab, true);
    await this.open(shown, { ...shown.from, status: from }, { ...shown.to, status: to }, options);
  }
}

/** The diff editor tab showing a comparison, when one is open. */
function diffTabOf(shown: ComparedVersions): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((tab) => isDiffOf(tab, shown.from.uri, shown.to.uri));
}

/** Whether `tab` is the text diff of `original` against `modified`. */
export function isDiffOf(tab: vscode.Tab, original: vscode.Uri, modified: vscode.Uri): boolean {
  return (
    tab.input instanceof vscode.TabInputTextDiff &&
    tab.input.original.toString() === original.toString() &&
    tab.input.modified.toString() === modified.toString()
  );
}
