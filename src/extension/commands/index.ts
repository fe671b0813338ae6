/**
 * The one place commands are registered: a table from command id to handler. Every handler gets
 * the CommandContext and the command's arguments (a tree node, plain args, or nothing: then it
 * asks). Errors become messages here, at the edge. Other features add their rows to this table.
 * This folder holds only the table, the targets commands resolve and the inputs they ask for; the
 * handlers live with their feature (the lifecycle's in src/extension/lifecycle).
 */
import * as vscode from 'vscode';
import type { CommandContext } from './commandContext';
import { presentError } from './errors';
import {
  createFlow,
  discardDraft,
  duplicateVersion,
  editPublished,
  openVersion,
  publishDraft,
  restoreVersion,
  rollbackToVersion,
  saveDraft,
} from '../lifecycle/lifecycleCommands';
import { importFlow } from '../lifecycle/importFlow';
import { restoreLockedVersion } from '../lifecycle/lockedVersionCommands';
import { assignNumber, unassignNumber } from '../lifecycle/numberCommands';
import { showHistory, verifyWorkspace } from '../lifecycle/historyAndVerify';
import { initWorkspace, refresh, showLog } from '../lifecycle/workspaceCommands';
import type { CommandRows } from './entry';

export type { CommandEntry, CommandRows } from './entry';

/** The lifecycle commands, plus the rows each feature's register function returned. */
export function commandTable(
  extras: { verifyDiagnostics: vscode.DiagnosticCollection },
  featureRows: CommandRows,
): CommandRows {
  return {
    'callflow.init': { run: initWorkspace, needsTrust: true },
    'callflow.createFlow': { run: createFlow, needsTrust: true },
    'callflow.importFlow': { run: importFlow, needsTrust: true },
    'callflow.save': { run: saveDraft, needsTrust: true },
    'callflow.publish': { run: publishDraft, needsTrust: true },
    'callflow.edit': { run: editPublished, needsTrust: true },
    'callflow.discard': { run: discardDraft, needsTrust: true },
    'callflow.restore': { run: restoreVersion, needsTrust: true },
    'callflow.rollback': { run: rollbackToVersion, needsTrust: true },
    'callflow.restoreLockedVersion': { run: restoreLockedVersion, needsTrust: true },
    'callflow.duplicate': { run: duplicateVersion, needsTrust: true },
    'callflow.assignNumber': { run: assignNumber, needsTrust: true },
    'callflow.unassignNumber': { run: unassignNumber, needsTrust: true },
    'callflow.showHistory': { run: showHistory, needsTrust: true },
    'callflow.verify': { run: (ctx, arg) => verifyWorkspace(ctx, arg, extras.verifyDiagnostics), needsTrust: true },
    'callflow.openVersion': { run: openVersion },
    'callflow.refresh': { run: refresh },
    'callflow.showLog': { run: showLog },
    // Editor features, the simulator, the graph and the review: the rows their register functions returned.
    ...featureRows,
  };
}

/** Registers every row; returns the disposables. Handlers' results are returned to executeCommand callers. */
export function registerCommands(ctx: CommandContext, table: CommandRows): vscode.Disposable[] {
  return Object.entries(table).map(([id, entry]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      if (entry.needsTrust && !ctx.isTrusted()) {
        ctx.notifications.show(
          {
            level: 'warning',
            message:
              'This workspace is not trusted: Call Flow Studio browses and validates flows here, but runs no git command and writes nothing.',
            actions: ['Manage Workspace Trust'],
            code: 'untrusted-workspace',
          },
          () => vscode.commands.executeCommand('workbench.trust.manage'),
        );
        return undefined;
      }
      ctx.log.debug(`command ${id}`);
      try {
        return await entry.run(ctx, ...args);
      } catch (err) {
        presentError(ctx, err, id);
        return undefined;
      }
    }),
  );
}
