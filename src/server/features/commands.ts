/** Commands the server carries out itself (the editor asks with workspace/executeCommand). */
import type { ExecuteCommandParams } from 'vscode-languageserver/node';
import { flowOutline } from '../../core';
import { rangeOf, type ServerContext } from '../context';

/** Shows a step's key in its file: after "new step…" writes a stub, the cursor goes to it. */
export const REVEAL_STEP_COMMAND = 'callflow.revealStep';

export const SERVER_COMMANDS = [REVEAL_STEP_COMMAND];

export async function executeCommand(ctx: ServerContext, params: ExecuteCommandParams): Promise<unknown> {
  if (params.command !== REVEAL_STEP_COMMAND) return null;
  const [uri, stepId] = (params.arguments ?? []) as [string?, string?];
  const document = uri ? ctx.documents.get(uri) : undefined;
  if (!document || !stepId) return null;
  const step = flowOutline(document.getText()).stepById.get(stepId);
  if (!step) return null;
  const selection = rangeOf(document, step.keySpan);
  await ctx.connection.window.showDocument({ uri: document.uri, selection, takeFocus: true });
  return { stepId, range: selection };
}
