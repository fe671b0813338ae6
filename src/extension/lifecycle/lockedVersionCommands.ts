/**
 * Restore Locked Version: a published or archived file changed on disk gets its content back from
 * its publish tag (the core's restoreLockedVersion), and an open editor of it is reloaded, so the
 * file, `git status` and verify are clean again. Offered on verify's problem about such a file (a
 * code action and the verify message) and by Revert File on a locked version.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LockedFileRestore, VerifyFinding } from '../../core';
import { Cancelled } from '../expectedErrors';
import type { FlowWorkspaceFolder } from '../workspaces/flowWorkspaceRegistry';
import { withProgress, type CommandContext } from '../commands/commandContext';
import { revertDocument } from './lifecycleCommands';
import { parseArgs, resolveVersion, resolveWorkspace, type CommandArgs } from '../commands/targets';
import { VERIFY_SOURCE } from './verifyProblems';

/** Verify's finding codes that mean a locked file no longer holds what was published. */
export const TAMPERED_FINDINGS: ReadonlySet<string> = new Set(['locked-file-changed', 'tag-content-mismatch']);

export const RESTORE_LOCKED_VERSION = 'Restore Locked Version';

export async function restoreLockedVersion(ctx: CommandContext, arg?: unknown): Promise<LockedFileRestore> {
  const { node, args } = parseArgs(arg);
  let target: unknown = arg;
  if (node?.kind !== 'version' && args.version === undefined) {
    const workspace = await resolveWorkspace(ctx, arg);
    target = { ...args, ...(await pickTampered(ctx, workspace)) };
  }
  const version = await resolveVersion(ctx, target, ['published', 'archived'], 'restore from its publish tag');
  const details = await version.facade.show(version.flow.id);
  const file = details.versions.find((v) => v.version === version.version)?.file;
  if (!parseArgs(target).args.confirmed) {
    const confirmed = await ctx.notifications.confirm(
      `Put v${version.version} of "${version.flow.name}" back as it was published?`,
      `The changes made to ${file ?? 'its file'} since it was published are lost: published and archived versions never change. ` +
        'To keep them, copy them into a draft (Edit) first.',
      RESTORE_LOCKED_VERSION,
    );
    if (!confirmed) throw new Cancelled();
  }
  // The editor's edits go first, while the disk file is still the one it loaded (no save conflict);
  // a clean editor then follows the file the core puts back.
  const uri = file ? version.workspace.uri(file) : undefined;
  const open = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const editorEdits = open?.isDirty === true;
  if (open && editorEdits) await revertDocument(open);
  const restored = await withProgress(`Restoring ${version.flow.id} v${version.version}…`, () =>
    version.facade.restoreLockedVersion(version.flow.id, version.version),
  );
  ctx.log.info(`restored ${restored.file} from ${restored.tag}${restored.changed ? '' : ' (it was unchanged)'}`);
  // Edits only in the editor are undone by the revert: say that, not that the file was already right.
  if (restored.changed)
    ctx.notifications.info(
      `v${restored.version} of ${version.flow.name} is as it was published again (from tag ${restored.tag}).`,
    );
  else if (editorEdits)
    ctx.notifications.info(`Your edits to v${restored.version} of ${version.flow.name} are undone: it is locked.`);
  else
    ctx.notifications.info(
      `v${restored.version} of ${version.flow.name} already holds what was published (tag ${restored.tag}).`,
    );
  return restored;
}

/** The tampered version verify finds; one is taken, several are offered in a pick. */
async function pickTampered(ctx: CommandContext, workspace: FlowWorkspaceFolder): Promise<CommandArgs> {
  const facade = await workspace.open();
  const report = await withProgress('Looking for changed locked versions…', () => facade.verify());
  const tampered = tamperedVersions(report.findings);
  if (tampered.length === 0) {
    ctx.notifications.info('Every published and archived version is as it was published: nothing to restore.');
    throw new Cancelled();
  }
  const picked =
    tampered.length === 1
      ? tampered[0]
      : (
          await vscode.window.showQuickPick(
            tampered.map((f) => ({ label: `${f.flowId} v${f.version}`, detail: f.message, finding: f })),
            { title: 'Restore which locked version from its publish tag?' },
          )
        )?.finding;
  if (!picked) throw new Cancelled();
  return { workspace: workspace.root.fsPath, flowId: picked.flowId, version: picked.version };
}

/** One finding per tampered version (verify reports a changed file against its hash and its tag). */
export function tamperedVersions(
  findings: readonly VerifyFinding[],
): (VerifyFinding & { flowId: string; version: number })[] {
  const seen = new Set<string>();
  return findings.filter((f): f is VerifyFinding & { flowId: string; version: number } => {
    if (!TAMPERED_FINDINGS.has(f.code) || f.flowId === undefined || f.version === undefined) return false;
    const key = `${f.flowId}@${f.version}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The verify message's action: the one tampered version named, or a pick among several. */
export function restoreLockedAction(
  workspaces: readonly FlowWorkspaceFolder[],
  findings: readonly (readonly VerifyFinding[])[],
): Record<string, () => unknown> {
  const tampered = findings.flatMap((list, i) =>
    tamperedVersions(list).map((f) => ({
      workspace: workspaces[i]!.root.fsPath,
      flowId: f.flowId,
      version: f.version,
    })),
  );
  if (tampered.length === 0) return {};
  return {
    [RESTORE_LOCKED_VERSION]: () =>
      vscode.commands.executeCommand(
        'callflow.restoreLockedVersion',
        tampered.length === 1 ? tampered[0] : { workspace: tampered[0]!.workspace },
      ),
  };
}

/** A quick fix on verify's problem about a changed locked file. */
export class RestoreLockedCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly workspaces: CommandContext['workspaces']) {}

  async provideCodeActions(document: vscode.TextDocument): Promise<vscode.CodeAction[]> {
    // Verify's problem is about the whole file: offered wherever the cursor is.
    const diagnostics = vscode.languages
      .getDiagnostics(document.uri)
      .filter((d) => d.source === VERIFY_SOURCE && typeof d.code === 'string' && TAMPERED_FINDINGS.has(d.code));
    const workspace = this.workspaces.forUri(document.uri);
    if (diagnostics.length === 0 || !workspace) return [];
    const relative = path.posix.relative(workspace.root.path, document.uri.path);
    const role = await (await workspace.open()).fileRole(relative).catch(() => undefined);
    if (role?.kind !== 'version') return [];
    const action = new vscode.CodeAction(
      `${RESTORE_LOCKED_VERSION} v${role.version} from its publish tag`,
      vscode.CodeActionKind.QuickFix,
    );
    action.diagnostics = diagnostics;
    action.isPreferred = true;
    action.command = {
      title: RESTORE_LOCKED_VERSION,
      command: 'callflow.restoreLockedVersion',
      arguments: [{ workspace: workspace.root.fsPath, flowId: role.flowId, version: role.version }],
    };
    return [action];
  }
}
