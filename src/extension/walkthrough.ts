/**
 * The Get Started walkthrough follows the workspace, not only the commands run in this window:
 * a step already done (a flow made with the CLI, a version published last week) shows ticked.
 * Each step's completionEvents in package.json name its context key here (onContext:<key>).
 * The walkthrough opens by itself once per user, on the first activation.
 */
import * as vscode from 'vscode';
import type { FlowSummary } from '../core';
import type { ExtensionServices } from './services';
import { WALKTHROUGH_CONTEXT, walkthroughProgress, type WalkthroughProgress } from './walkthroughProgress';

export const WALKTHROUGH_ID = 'callflow-studio.call-flow-studio#callflow.getStarted';
const OFFERED_KEY = 'callflow.walkthrough.offered';
/** Remembers, per workspace, that a call was simulated here (the simulator keeps no count). */
const SIMULATED_KEY = 'callflow.walkthrough.simulated';

export interface WalkthroughProbe {
  /** The progress last read (undefined before the first reading). */
  progress(): WalkthroughProgress | undefined;
  /** What the context keys hold (empty until a Welcome tab has been open in the window). */
  keys(): Partial<WalkthroughProgress>;
  /** Reads the workspaces again and sets the keys (when they are set); resolves with what was read. */
  update(): Promise<WalkthroughProgress>;
  /** Opens the walkthrough if this user has not had it yet, as the first activation does; whether it opened. */
  offer(): Promise<boolean>;
}

/**
 * Whether a tab of VS Code's Welcome editor (where walkthroughs show) is open. Its input is not
 * exposed to extensions; its label is "Welcome" or "Walkthrough: <title>".
 */
function welcomeIsOpen(): boolean {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .some((tab) => tab.input === undefined && /^(Welcome|Walkthrough\b)/.test(tab.label));
}

export function registerWalkthrough(
  services: ExtensionServices,
  onDidSimulate: vscode.Event<unknown>,
): { probe: WalkthroughProbe } {
  const { context, workspaces, log } = services;
  let shown: WalkthroughProgress | undefined;
  /** What the context keys hold (nothing is set until a Welcome tab has been open). */
  let set: Partial<WalkthroughProgress> = {};
  // VS Code reads the keys when it registers the walkthroughs (once it first shows one) and ticks a
  // step only when its key turns true after that: a key already true then is never ticked. So the
  // keys are set only once its Welcome editor is (or has been) open in this window.
  let welcomeSeen = welcomeIsOpen();

  const update = async (): Promise<WalkthroughProgress> => {
    await workspaces.ready();
    const lists = await Promise.all(
      workspaces.all().map(async (folder) => (await folder.open()).list().catch(() => [] as FlowSummary[])),
    );
    const progress = walkthroughProgress(lists, context.workspaceState.get<boolean>(SIMULATED_KEY) === true);
    shown = progress;
    welcomeSeen ||= welcomeIsOpen();
    if (!welcomeSeen) return progress;
    for (const step of Object.keys(WALKTHROUGH_CONTEXT) as (keyof WalkthroughProgress)[]) {
      if (set[step] !== progress[step])
        await vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT[step], progress[step]);
    }
    set = { ...progress };
    return progress;
  };
  const updateQuietly = (): void => {
    update().catch((err: unknown) => log.warn(`The walkthrough's progress was not read: ${String(err)}`));
  };

  const offer = async (): Promise<boolean> => {
    if (context.globalState.get<boolean>(OFFERED_KEY)) return false;
    await context.globalState.update(OFFERED_KEY, true);
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
    return true;
  };

  context.subscriptions.push(
    workspaces.onDidChange(updateQuietly),
    vscode.window.tabGroups.onDidChangeTabs(() => {
      if (!welcomeSeen && welcomeIsOpen()) updateQuietly();
    }),
    onDidSimulate(() => {
      void context.workspaceState.update(SIMULATED_KEY, true).then(updateQuietly);
    }),
  );
  updateQuietly();
  // Tests run in a window of their own making; a walkthrough opening there would cover their editors.
  if (context.extensionMode !== vscode.ExtensionMode.Test)
    offer().catch((err: unknown) => log.warn(`The walkthrough did not open: ${String(err)}`));
  return { probe: { progress: () => shown, keys: () => ({ ...set }), update, offer } };
}
