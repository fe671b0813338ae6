// Shared by the integration tests: the extension's API, the test workspace, git as the test sees it.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CallflowExtensionApi } from '../../src/extension/extension';
import type { Notification } from '../../src/extension/notifications';
import type { FlowTreeNode } from '../../src/extension/tree/nodes';

export const EXTENSION_ID = 'callflow-studio.call-flow-studio';

export async function extensionApi(): Promise<CallflowExtensionApi> {
  const extension = vscode.extensions.getExtension<CallflowExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  await api.workspaces.ready();
  return api;
}

/** The features' test probes (the extension's test API; no product command exposes them). */
export async function testApi(): Promise<CallflowExtensionApi['test']> {
  return (await extensionApi()).test;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri.fsPath;
}

export function git(...args: string[]): string {
  return execFileSync('git', args, {
    cwd: workspaceRoot(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** Subjects of the last `n` commits, newest first. */
export function lastSubjects(n: number): string[] {
  return git('log', `-${n}`, '--format=%s').split('\n');
}

export function commitCount(): number {
  try {
    return Number(git('rev-list', '--count', 'HEAD'));
  } catch {
    return 0; // unborn HEAD
  }
}

export function readWorkspaceFile(relative: string): string | undefined {
  const file = path.join(workspaceRoot(), relative);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/** Tree nodes and their items, as the view shows them. */
export async function flowNodes(api: CallflowExtensionApi): Promise<FlowTreeNode[]> {
  return api.tree.getChildren();
}

export async function flowNode(api: CallflowExtensionApi, flowId: string): Promise<FlowTreeNode | undefined> {
  return (await flowNodes(api)).find((n) => n.kind === 'flow' && n.flow.id === flowId);
}

export interface ShownItem {
  node: FlowTreeNode;
  label: string;
  description: string;
  contextValue: string;
  icon: string;
}

export async function childrenOf(api: CallflowExtensionApi, node: FlowTreeNode): Promise<ShownItem[]> {
  const children = await api.tree.getChildren(node);
  return children.map((child) => {
    const item = api.tree.getTreeItem(child);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    return {
      node: child,
      label,
      description: String(item.description ?? ''),
      contextValue: item.contextValue ?? '',
      icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '',
    };
  });
}

/** Collects the extension's notifications while `run` runs. */
export async function notificationsDuring(
  api: CallflowExtensionApi,
  run: () => Thenable<unknown> | Promise<unknown>,
): Promise<Notification[]> {
  const seen: Notification[] = [];
  const subscription = api.notifications.onDidNotify((n) => seen.push(n));
  try {
    await run();
  } finally {
    subscription.dispose();
  }
  return seen;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits for a webview page to load (or draw). In code-server a webview created right after
 * another was disposed can wait forever for its service worker ("Found unexpected service
 * worker controller … Waiting for controllerchange" in the browser console): a VS Code race, not
 * the page's. After `firstTryMs` the webviews are reloaded (Developer: Reload Webviews), which
 * registers the worker afresh, and once more if need be; a page that still does not load fails the test.
 */
export async function waitForPage<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  firstTryMs = 15_000,
): Promise<T> {
  try {
    return await waitFor(what, probe, firstTryMs);
  } catch {
    // The race can strike the reloaded page too (seen once in a full run): a second reload, then give up.
    for (let reload = 1; ; reload++) {
      await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
      try {
        return await waitFor(
          `${what} (after reloading the webviews ${reload === 1 ? 'once' : 'twice'})`,
          probe,
          30_000,
        );
      } catch (error) {
        if (reload === 2) throw error;
      }
    }
  }
}

/** Runs the real CLI (the same core) as a user would in a terminal. */
export function callflow(...args: string[]): string {
  const extension = vscode.extensions.getExtension('callflow-studio.call-flow-studio')!;
  return execFileSync(process.execPath, [path.join(extension.extensionPath, 'bin', 'callflow.js'), ...args], {
    cwd: workspaceRoot(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Answers the extension's modal questions with `answer` while `run` runs; returns what was asked. */
export async function answering(
  api: CallflowExtensionApi,
  answer: (question: Notification) => string | undefined,
  run: () => Thenable<unknown> | Promise<unknown>,
): Promise<Notification[]> {
  const asked: Notification[] = [];
  api.notifications.answerModalsWith((question) => {
    asked.push(question);
    return answer(question);
  });
  try {
    await run();
  } finally {
    api.notifications.answerModalsWith(undefined);
  }
  return asked;
}

/** The input box the extension shows, as a test's script sees and answers it. */
export interface ScriptedInputBox {
  readonly title: string;
  readonly prompt: string;
  readonly value: string;
  readonly buttons: readonly vscode.QuickInputButton[];
  readonly validationMessage: string | vscode.InputBoxValidationMessage | undefined;
  isOpen(): boolean;
  type(value: string): void;
  enter(): void;
  press(button: vscode.QuickInputButton): void;
}

/**
 * Replaces VS Code's input box while `run` runs with one that `play` answers once the extension
 * shows it (its title, prompt, value, buttons and validation are the extension's own); a box
 * nothing accepted is then closed, as Escape would.
 */
export async function scriptedInputBoxes(
  play: (box: ScriptedInputBox) => void,
  run: () => Thenable<unknown>,
): Promise<void> {
  const original = vscode.window.createInputBox;
  (vscode.window as { createInputBox: unknown }).createInputBox = () => {
    const changed: ((value: string) => void)[] = [];
    const accepted: (() => void)[] = [];
    const triggered: ((button: vscode.QuickInputButton) => void)[] = [];
    const hidden: (() => void)[] = [];
    let open = true;
    const box = {
      title: '',
      prompt: '',
      placeholder: '',
      value: '',
      ignoreFocusOut: false,
      buttons: [] as readonly vscode.QuickInputButton[],
      validationMessage: undefined as string | vscode.InputBoxValidationMessage | undefined,
      onDidChangeValue: (f: (value: string) => void) => changed.push(f),
      onDidAccept: (f: () => void) => accepted.push(f),
      onDidTriggerButton: (f: (button: vscode.QuickInputButton) => void) => triggered.push(f),
      onDidHide: (f: () => void) => hidden.push(f),
      hide: () => {
        if (!open) return;
        open = false;
        hidden.forEach((f) => f());
      },
      dispose: () => undefined,
      show: () => {
        setTimeout(() => {
          play(
            Object.assign(Object.create(box) as typeof box, {
              isOpen: () => open,
              type: (value: string) => {
                box.value = value;
                changed.forEach((f) => f(value));
              },
              enter: () => accepted.forEach((f) => f()),
              press: (button: vscode.QuickInputButton) => triggered.forEach((f) => f(button)),
            }),
          );
          box.hide();
        }, 0);
      },
    };
    return box;
  };
  try {
    await run();
  } finally {
    (vscode.window as { createInputBox: unknown }).createInputBox = original;
  }
}
