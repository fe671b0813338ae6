/**
 * Every canvas gesture as a command (Command Palette, keyboard, scripts): each asks with a
 * quick pick for what it was not given (the step, the exit, the target, the type), starting
 * from the step selected on the canvas, and goes through the same GraphEditor as the canvas.
 */
import * as vscode from 'vscode';
import {
  buildFlowGraph,
  exitName,
  STEP_TYPES,
  stepTypeDescription,
  stepTypeTitle,
  type GraphNode,
  type StepType,
} from '../../core';
import type { CommandRows } from '../commands/entry';
import type { Notifications } from '../notifications';
import type { GraphEditOptions, GraphEditor } from './graphEdits';
import type { FlowGraphPanel } from './flowGraphPanel';
import type { GraphEditRequest } from './protocol';

export const GRAPH_EDIT_COMMANDS = {
  addStep: 'callflow.graph.addStep',
  connect: 'callflow.graph.connect',
  removeConnection: 'callflow.graph.removeConnection',
  deleteStep: 'callflow.graph.deleteStep',
  renameStep: 'callflow.graph.renameStep',
  setStart: 'callflow.graph.setStart',
} as const;

/** Undo and Redo from the canvas (the palette's own Undo and Redo reach only the page, not the document). */
export const GRAPH_UNDO_COMMANDS = { undo: 'callflow.graph.undo', redo: 'callflow.graph.redo' } as const;

/** What a script (or a test) may give a command instead of being asked. */
export interface GraphCommandArgs {
  uri?: vscode.Uri | string;
  step?: string;
  exit?: string;
  target?: string;
  stepType?: string;
  to?: string;
  confirmed?: boolean;
}

export interface GraphCommandDeps {
  readonly editor: GraphEditor;
  /** The panel showing the file, if one is open. */
  readonly panelOf: (uri: vscode.Uri) => FlowGraphPanel | undefined;
  /** The panel that is active (focused) now. */
  readonly activePanel: () => FlowGraphPanel | undefined;
  readonly notifications: Notifications;
}

const VERSION_FILE = /\/v[0-9]+\.yaml$/;

export function graphEditCommands(deps: GraphCommandDeps): CommandRows {
  const run = async (
    arg: unknown,
    build: (ctx: PickContext, args: GraphCommandArgs) => Promise<GraphEditRequest | undefined>,
  ): Promise<unknown> => {
    const args = parseArgs(arg);
    const uri = targetUri(deps, args);
    if (!uri) {
      deps.notifications.info('Open a flow version file (flows/<flow>/v<N>.yaml) or its graph to change its steps.');
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const panel = deps.panelOf(uri);
    const ctx = new PickContext(document.getText(), panel?.selected ?? undefined, deps.notifications);
    const request = await build(ctx, args);
    if (!request) return undefined;
    const options: GraphEditOptions = args.confirmed ? { confirmed: true } : {};
    return panel ? panel.edit(request, options) : deps.editor.apply(uri, request, options);
  };

  return {
    [GRAPH_EDIT_COMMANDS.addStep]: {
      run: (_ctx, arg?: unknown) =>
        run(arg, async (ctx, args) => {
          const stepType = args.stepType ?? (await ctx.pickType());
          if (!stepType) return undefined;
          if (args.step && args.exit) return { kind: 'addStep', stepType, on: { step: args.step, exit: args.exit } };
          return { kind: 'addStep', stepType };
        }),
    },
    [GRAPH_EDIT_COMMANDS.connect]: {
      run: (_ctx, arg?: unknown) =>
        run(arg, async (ctx, args) => {
          const step = args.step ?? (await ctx.pickStep('Connect an exit of which step?'));
          const exit = step && (args.exit ?? (await ctx.pickExit(step, 'Which exit?', false)));
          const target = exit && (args.target ?? (await ctx.pickStep(`Where does ${step} ${exitName(exit)} lead?`)));
          return step && exit && target ? { kind: 'setExit', step, exit, target } : undefined;
        }),
    },
    [GRAPH_EDIT_COMMANDS.removeConnection]: {
      run: (_ctx, arg?: unknown) =>
        run(arg, async (ctx, args) => {
          const step = args.step ?? (await ctx.pickStep('Remove a connection of which step?'));
          const exit = step && (args.exit ?? (await ctx.pickExit(step, 'Which connection to remove?', true)));
          return step && exit ? { kind: 'removeExit', step, exit } : undefined;
        }),
    },
    [GRAPH_EDIT_COMMANDS.deleteStep]: {
      run: (_ctx, arg?: unknown) =>
        run(arg, async (ctx, args) => {
          const step = args.step ?? (await ctx.pickStep('Delete which step?'));
          return step ? { kind: 'deleteStep', step } : undefined;
        }),
    },
    [GRAPH_EDIT_COMMANDS.renameStep]: {
      run: (_ctx, arg?: unknown) =>
        run(arg, async (ctx, args) => {
          const step = args.step ?? (await ctx.pickStep('Rename which step?'));
          return step ? { kind: 'renameStep', step, ...(args.to ? { to: args.to } : {}) } : undefined;
        }),
    },
    [GRAPH_EDIT_COMMANDS.setStart]: {
      run: (_ctx, arg?: unknown) =>
        run(arg, async (ctx, args) => {
          const step = args.step ?? (await ctx.pickStep('Which step do calls start at?'));
          return step ? { kind: 'setStart', step } : undefined;
        }),
    },
    ...Object.fromEntries(
      (['undo', 'redo'] as const).map((which) => [
        GRAPH_UNDO_COMMANDS[which],
        {
          run: async (_ctx: unknown, arg?: unknown) => {
            const uri = targetUri(deps, parseArgs(arg));
            const panel = uri && deps.panelOf(uri);
            if (!panel) {
              deps.notifications.info(`Open a draft's flow graph to ${which} its edits there.`);
              return undefined;
            }
            await panel.undo(which);
            return undefined;
          },
        },
      ]),
    ),
  };
}

function parseArgs(arg: unknown): GraphCommandArgs {
  if (arg instanceof vscode.Uri) return { uri: arg };
  if (arg === null || typeof arg !== 'object') return {};
  const a = arg as Record<string, unknown>;
  const text = (key: string): string | undefined => (typeof a[key] === 'string' ? a[key] : undefined);
  const args: GraphCommandArgs = {};
  if (a.uri instanceof vscode.Uri || typeof a.uri === 'string') args.uri = a.uri;
  for (const key of ['step', 'exit', 'target', 'stepType', 'to'] as const) {
    const value = text(key);
    if (value !== undefined) args[key] = value;
  }
  if (a.confirmed === true) args.confirmed = true;
  return args;
}

function targetUri(deps: GraphCommandDeps, args: GraphCommandArgs): vscode.Uri | undefined {
  if (args.uri) return typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri;
  const panel = deps.activePanel();
  if (panel) return panel.uri;
  const editor = vscode.window.activeTextEditor?.document.uri;
  return editor && VERSION_FILE.test(editor.path) ? editor : undefined;
}

/** The quick picks, over the file as it is now. */
class PickContext {
  private readonly nodes: GraphNode[];

  constructor(
    text: string,
    private readonly selected: string | undefined,
    private readonly notifications: Notifications,
  ) {
    this.nodes = buildFlowGraph(text).nodes.filter((n) => !n.missing);
  }

  async pickStep(placeHolder: string): Promise<string | undefined> {
    const items = this.nodes.map((n) => ({ label: n.id, description: n.type, detail: n.summary || undefined }));
    const selected = items.findIndex((item) => item.label === this.selected);
    if (selected > 0) items.unshift(...items.splice(selected, 1));
    const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true });
    return picked?.label;
  }

  async pickExit(step: string, placeHolder: string, onlySet: boolean): Promise<string | undefined> {
    const ports = this.nodes.find((n) => n.id === step)?.ports ?? [];
    const items = ports
      .filter((p) => !onlySet || p.target)
      .map((p) => ({
        label: p.adds ? `new key ${p.exit.slice('options.'.length)}` : exitName(p.exit),
        description: p.target ? `→ ${p.target}` : 'not connected',
        exit: p.exit,
      }));
    if (items.length === 0) {
      this.notifications.info(onlySet ? `Step "${step}" has no connection to remove.` : `Step "${step}" has no exits.`);
      return undefined;
    }
    return (await vscode.window.showQuickPick(items, { placeHolder }))?.exit;
  }

  async pickType(): Promise<StepType | undefined> {
    const items = STEP_TYPES.map((type) => ({
      label: stepTypeTitle(type),
      description: type,
      detail: stepTypeDescription(type),
      type,
    }));
    return (await vscode.window.showQuickPick(items, { placeHolder: 'Add a step of which type?', matchOnDetail: true }))
      ?.type;
  }
}
