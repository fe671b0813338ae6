/**
 * Compare Versions and Compare with Published: the text diff of two versions in VS Code's diff
 * editor, and what the difference means for callers (the core's semantic diff and changed
 * journeys), published as an event the "Changes for Callers" view listens to.
 */
import * as vscode from 'vscode';
import { compareVersions as compareVersionTexts, type LedgerStatus, type VersionComparison } from '../../core';
import type { CommandContext } from '../commands/commandContext';
import { parseArgs, resolveFlow, resolveVersion, type CommandArgs } from '../commands/targets';
import { Cancelled, ExpectedError } from '../expectedErrors';

export interface CompareArgs extends CommandArgs {
  /** The version to compare with (the other side is `version`). */
  otherVersion?: number;
}

export interface ComparedSide {
  uri: vscode.Uri;
  version: number;
  status: LedgerStatus;
}

/** Two versions in the diff editor and what their difference means for callers. */
export interface ComparedVersions {
  workspace: string;
  flowId: string;
  flowName: string;
  /** The diff editor's left side. */
  older: ComparedSide;
  /** The diff editor's right side. */
  newer: ComparedSide;
  /** The diff editor's title (to bring it back when another tab hides it). */
  title: string;
  comparison: VersionComparison;
}

/** The comparison of the two sides as their documents hold them now (unsaved edits included, as the diff shows them). */
export async function compareSides(
  flowId: string,
  older: ComparedSide,
  newer: ComparedSide,
): Promise<VersionComparison> {
  const [before, after] = await Promise.all([older, newer].map((side) => vscode.workspace.openTextDocument(side.uri)));
  return compareVersionTexts(
    flowId,
    { version: older.version, text: before!.getText() },
    { version: newer.version, text: after!.getText() },
  );
}

export class VersionCompare implements vscode.Disposable {
  private readonly compared = new vscode.EventEmitter<ComparedVersions>();
  /** Fires after a comparison opened in the diff editor. */
  readonly onDidCompare = this.compared.event;

  /**
   * Opens VS Code's diff editor between two versions. Without `otherVersion`: a published version
   * against the one before it, an archived one against what is published now, a draft against
   * the published version.
   */
  async compareVersions(ctx: CommandContext, arg?: unknown): Promise<{ left: number; right: number }> {
    const shown = await this.compare(ctx, arg);
    return { left: shown.older.version, right: shown.newer.version };
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
      const before = live.filter((v) => v.version < self.version).pop();
      other = self.status === 'published' ? before : (published ?? before);
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
    const [older, newer] = other.version < self.version ? [other, self] : [self, other];
    const title = `${target.flow.name}: v${older.version} (${older.status}) ↔ v${newer.version} (${newer.status})`;
    const side = (v: typeof older): ComparedSide => ({
      uri: target.workspace.uri(v.file!),
      version: v.version,
      status: v.status,
    });
    const [olderSide, newerSide] = [side(older), side(newer)];
    await vscode.commands.executeCommand('vscode.diff', olderSide.uri, newerSide.uri, title);
    const comparison = await compareSides(target.flow.id, olderSide, newerSide);
    const shown: ComparedVersions = {
      workspace: target.workspace.root.fsPath,
      flowId: target.flow.id,
      flowName: target.flow.name,
      older: olderSide,
      newer: newerSide,
      title,
      comparison,
    };
    this.compared.fire(shown);
    ctx.log.info(`compare ${target.flow.id} v${older.version} with v${newer.version}`);
    return shown;
  }

  dispose(): void {
    this.compared.dispose();
  }
}
