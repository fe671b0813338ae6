/** Show History and Verify: read-only views on the lifecycle (comparing versions is the review feature's). */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseManifest, plural, publishedOf, type HistoryEntry, type VerifyReport } from '../../core';
import { gitUri } from '../git/gitContentProvider';
import { withProgress, type CommandContext } from '../commands/commandContext';
import { ExpectedError, NoWorkspaceError } from '../expectedErrors';
import { parseArgs, resolveFlow, type CommandArgs, type FlowTarget } from '../commands/targets';
import { restoreLockedAction } from './lockedVersionCommands';
import { showVerifyProblems } from './verifyProblems';

export interface HistoryArgs extends CommandArgs {
  /** Open this commit's change directly (full or abbreviated hash). */
  commit?: string;
}

/** The flow's lifecycle commits in a quick pick; the chosen one opens as a diff of what it changed. */
export async function showHistory(ctx: CommandContext, arg?: unknown): Promise<HistoryEntry[]> {
  const { args } = parseArgs<HistoryArgs>(arg);
  const target = await resolveFlow(ctx, arg, 'to show the history of');
  const history = await withProgress(`Reading the history of ${target.flow.id}…`, () =>
    target.facade.history(target.flow.id),
  );
  ctx.log.info(`history ${target.flow.id}: ${plural(history.length, 'commit')}`);
  if (args.commit) {
    const entry = history.find((h) => h.commit.startsWith(args.commit!));
    if (!entry)
      throw new ExpectedError(
        'unknown-commit',
        `${args.commit} is not a lifecycle commit of ${target.flow.name}.`,
        'Run Show History without a commit to pick one.',
      );
    await openCommitChange(target, entry);
    return history;
  }
  const items = history.map((h) => ({
    label: h.subject.replace(/^callflow\([^)]*\): /, ''),
    description: `${h.commit.slice(0, 7)} · ${h.author}`,
    detail: new Date(h.date).toLocaleString(),
    entry: h,
  }));
  // Not awaited: the command returns the history; opening a change happens when the user picks.
  void vscode.window
    .showQuickPick(items, {
      title: `History of ${target.flow.name}`,
      placeHolder: 'Pick a commit to see its change',
      matchOnDescription: true,
    })
    .then((picked) => picked && openCommitChange(target, picked.entry))
    .then(undefined, (err: Error) => ctx.log.error(`opening a commit failed: ${err.message}`));
  return history;
}

/** The file a lifecycle commit is about, at its parent and at the commit, in the diff editor. */
async function openCommitChange(target: FlowTarget, entry: HistoryEntry): Promise<void> {
  const { workspace, flow } = target;
  const layout = await target.facade.layout();
  // A discard deletes the version file: its change is best seen in the manifest's ledger.
  const shown =
    entry.action === 'assign' || entry.action === 'unassign'
      ? layout.numbersPath
      : entry.version !== undefined && entry.action !== 'discard'
        ? layout.versionPath(flow.id, entry.version)
        : layout.manifestPath(flow.id);
  const title = `${flow.name}: ${path.posix.basename(shown)} @ ${entry.commit.slice(0, 7)} (${entry.action ?? 'change'})`;
  if ((entry.action === 'publish' || entry.action === 'rollback') && entry.version !== undefined) {
    // A publish only flips statuses in the manifest; what changed for callers is the published version
    // against the one published before it.
    const [manifestBefore] = await workspace.readAtRevisions([
      { rev: `${entry.commit}^`, path: layout.manifestPath(flow.id) },
    ]);
    const before = manifestBefore === undefined ? undefined : parseManifest(manifestBefore).manifest;
    const previous = before && publishedOf(before);
    const left = previous ? layout.versionPath(flow.id, previous.version) : shown;
    await vscode.commands.executeCommand(
      'vscode.diff',
      gitUri(workspace.root, left, previous ? entry.commit : `${entry.commit}^`),
      gitUri(workspace.root, shown, entry.commit),
      `${flow.name}: published ${previous ? `v${previous.version}` : '(none)'} → v${entry.version} @ ${entry.commit.slice(0, 7)} (${entry.action})`,
    );
    return;
  }
  await vscode.commands.executeCommand(
    'vscode.diff',
    gitUri(workspace.root, shown, `${entry.commit}^`),
    gitUri(workspace.root, shown, entry.commit),
    title,
  );
}

export async function verifyWorkspace(
  ctx: CommandContext,
  arg?: unknown,
  diagnostics?: vscode.DiagnosticCollection,
): Promise<VerifyReport[]> {
  const { node, args } = parseArgs(arg);
  await ctx.workspaces.ready();
  const workspaces = node
    ? [node.workspace]
    : args.workspace
      ? ctx.workspaces.all().filter((w) => w.root.fsPath === args.workspace)
      : ctx.workspaces.all();
  if (workspaces.length === 0) throw new NoWorkspaceError();
  const reports = await withProgress(
    'Verifying flow workspaces…',
    () => Promise.all(workspaces.map(async (w) => (await w.open()).verify())),
    true,
  );
  const findings = showVerifyProblems(ctx.log, workspaces, reports, diagnostics);
  const flows = reports.reduce((n, r) => n + r.flows, 0);
  if (findings === 0) ctx.notifications.info(`Verified ${plural(flows, 'flow')}: every invariant holds.`);
  else {
    ctx.notifications.warn(
      `Verify found ${plural(findings, 'problem')} in ${plural(flows, 'flow')}.`,
      {
        ...restoreLockedAction(
          workspaces,
          reports.map((r) => r.findings),
        ),
        'Show Problems': () => vscode.commands.executeCommand('workbench.actions.view.problems'),
        'Show Log': () => ctx.log.show(true),
      },
      'verify-findings',
    );
  }
  return reports;
}
