/**
 * Activation: builds the shared services, registers the tree, the commands and every feature.
 * Nothing here runs git or reads flows: the registry finds workspaces with findFiles and opens
 * the core facade on first use.
 */
import * as vscode from 'vscode';
import type { WorkspaceContext } from '../core/validation';
import { contextForFlow } from '../core/workspace/fileRoles';
import { parseSettings, SETTINGS_FILE } from '../core/workspace/settings';
import { registerCommands, commandTable } from './commands';
import { Notifications, setting, type CommandContext } from './commands/context';
import { GIT_SCHEME, GitContentProvider } from './git/gitContentProvider';
import type { ExtensionServices } from './services';
import { FLOW_TREE_VIEW, FlowTreeProvider } from './tree/flowTreeProvider';
import { FlowWorkspaceRegistryImpl } from './workspaces/registry';
import { flowFilesFor, registerEditorFeatures } from './editor';
import { lockedVersionOf } from './editor/lockedVersions';
import { registerSimulator } from './simulator';
import { registerFlowGraph } from './graph';
import { startLanguageClient } from './language/client';

/** What activate() returns: the extension's API (integration tests read the tree and messages through it). */
export interface CallflowExtensionApi {
  readonly services: ExtensionServices;
  readonly tree: FlowTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
  readonly notifications: Notifications;
  readonly workspaces: FlowWorkspaceRegistryImpl;
  /** How long activate() took (the performance target is 100 ms). */
  readonly activationMs: number;
}

export function activate(context: vscode.ExtensionContext): CallflowExtensionApi {
  const started = Date.now();
  const log = vscode.window.createOutputChannel('Call Flow Studio', { log: true });
  const workspaces = new FlowWorkspaceRegistryImpl(log, setting('refreshDebounceMs', 300));
  const services: ExtensionServices = {
    context,
    log,
    workspaces,
    isTrusted: () => vscode.workspace.isTrusted,
  };
  const notifications = new Notifications(log);
  const tree = new FlowTreeProvider(workspaces, log);
  const treeView = vscode.window.createTreeView(FLOW_TREE_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  const verifyDiagnostics = vscode.languages.createDiagnosticCollection('callflow-verify');
  const commandContext: CommandContext = { ...services, workspaces, tree, notifications };

  context.subscriptions.push(
    log,
    workspaces,
    notifications,
    tree,
    treeView,
    verifyDiagnostics,
    vscode.workspace.registerTextDocumentContentProvider(GIT_SCHEME, new GitContentProvider(workspaces, log)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => workspaces.fireChanged()),
  );
  void vscode.commands.executeCommand('setContext', 'callflow.hasWorkspace', false);
  void workspaces
    .ready()
    .then(() => vscode.commands.executeCommand('setContext', 'callflow.hasWorkspace', workspaces.all().length > 0));
  context.subscriptions.push(
    workspaces.onDidChange(() =>
      vscode.commands.executeCommand('setContext', 'callflow.hasWorkspace', workspaces.all().length > 0),
    ),
  );

  // ---- Features (each registers its own disposables on services.context) ----
  startLanguageClient(services); // live problems and the language features
  const featureRows = {
    ...registerEditorFeatures(services), // read-only, CodeLens, status bar
    ...registerSimulator(services), // Simulate Call, trace, path, Test Explorer
    ...registerFlowGraph({
      ...services,
      validationContext: (uri) => gotoContextOf(services, uri),
      lockedVersion: (uri) => lockedVersionOf(flowFilesFor(services), uri),
      onDidChangeFlows: flowFilesFor(services).onDidChange,
      timezone: (uri) => workspaceTimezone(services, uri),
    }), // Open Flow Graph, the canvas editor, the simulation overlay
  };
  // ---- Commands: one table, registered in one place ----
  context.subscriptions.push(...registerCommands(commandContext, commandTable({ verifyDiagnostics }, featureRows)));

  const activationMs = Date.now() - started;
  log.info(
    `Call Flow Studio activated in ${activationMs} ms${vscode.workspace.isTrusted ? '' : ' (untrusted workspace: browse and validate only)'}`,
  );
  return { services, tree, treeView: treeView, notifications, workspaces, activationMs };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

/** The default time zone of the file's workspace (callflow.yaml), for a business-hours step added on the canvas. */
async function workspaceTimezone(services: ExtensionServices, uri: vscode.Uri): Promise<string | undefined> {
  const folder = services.workspaces.forUri(uri);
  if (!folder) return undefined;
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.root, SETTINGS_FILE));
  return parseSettings(new TextDecoder().decode(bytes)).timezone;
}

/** The validation context for a version file, seen from its flow (so the graph marks goto-flow problems like the editor does). */
async function gotoContextOf(services: ExtensionServices, uri: vscode.Uri): Promise<WorkspaceContext | undefined> {
  const files = flowFilesFor(services);
  const info = await files.describe(uri);
  if (!info) return undefined;
  const context = await files.context(info.folder);
  return context && 'flowId' in info.role ? contextForFlow(context, info.role.flowId) : context;
}
