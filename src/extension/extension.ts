/**
 * Activation: builds the shared services, registers the tree, the commands and every feature, and
 * wires the features to each other through typed events (the graph listens to the simulator).
 * Nothing here runs git or reads flows: the registry finds workspaces by reading folders and opens
 * the core facade on first use.
 */
import * as vscode from 'vscode';
import { contextForFlow, describeRecovery, type WorkspaceContext } from '../core';
import { registerCommands, commandTable } from './commands';
import type { CommandContext } from './commands/commandContext';
import { RestoreLockedCodeActions } from './lifecycle/lockedVersionCommands';
import { followWorkspaceChanges } from './lifecycle/verifyProblems';
import { FlowFiles } from './editor/flowFiles';
import { Notifications } from './notifications';
import { Settings } from './settings';
import { GIT_SCHEME, GitContentProvider } from './git/gitContentProvider';
import type { ExtensionServices } from './services';
import { FLOW_TREE_VIEW, FlowTreeProvider } from './tree/flowTreeProvider';
import { FlowWorkspaceRegistry } from './workspaces/flowWorkspaceRegistry';
import { registerEditorFeatures, type EditorProbe } from './editor';
import { lockedVersionOf } from './editor/lockedVersions';
import { registerSimulator, type SimulatorProbe } from './simulator';
import { registerFlowGraph, type GraphProbe } from './graph';
import { registerReview, type ReviewProbe } from './review';
import { registerTestCall, type TestCallProbe } from './testCall';
import { registerEnvironments, type EnvironmentProbe } from './environments';
import { startLanguageClient } from './language/client';
import { offerSchemasToYamlExtension } from './editor/yamlSchemas';
import { registerWalkthrough, type WalkthroughProbe } from './walkthrough';

/** What activate() returns: the extension's API (integration tests read the tree and messages through it). */
export interface CallflowExtensionApi {
  readonly services: ExtensionServices;
  readonly tree: FlowTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
  readonly notifications: Notifications;
  readonly workspaces: FlowWorkspaceRegistry;
  /** How long activate() took (the performance target is 100 ms). */
  readonly activationMs: number;
  /** What the integration tests read from the features (no command in the product exposes it). */
  readonly test: {
    editor: EditorProbe;
    simulator: SimulatorProbe;
    graph: GraphProbe;
    review: ReviewProbe;
    walkthrough: WalkthroughProbe;
    testCall: TestCallProbe;
    environments: EnvironmentProbe;
  };
}

export function activate(context: vscode.ExtensionContext): CallflowExtensionApi {
  const started = Date.now();
  const log = vscode.window.createOutputChannel('Call Flow Studio', { log: true });
  const settings = new Settings();
  const workspaces = new FlowWorkspaceRegistry(log, settings.value.refreshDebounceMs);
  settings.onDidChange((changed) => workspaces.setRefreshDebounce(changed.refreshDebounceMs));
  const notifications = new Notifications(log);
  const services: ExtensionServices = {
    context,
    log,
    workspaces,
    notifications,
    settings,
    isTrusted: () => vscode.workspace.isTrusted,
  };
  const tree = new FlowTreeProvider(workspaces, log);
  const treeView = vscode.window.createTreeView(FLOW_TREE_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  const verifyDiagnostics = vscode.languages.createDiagnosticCollection('callflow-verify');
  const commandContext: CommandContext = { ...services, tree };
  const files = new FlowFiles(services);

  context.subscriptions.push(
    log,
    settings,
    workspaces,
    notifications,
    tree,
    treeView,
    verifyDiagnostics,
    files,
    vscode.workspace.registerTextDocumentContentProvider(GIT_SCHEME, new GitContentProvider(workspaces, log)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => workspaces.fireChanged()),
    vscode.languages.registerCodeActionsProvider({ pattern: '**/*.yaml' }, new RestoreLockedCodeActions(workspaces), {
      providedCodeActionKinds: RestoreLockedCodeActions.kinds,
    }),
  );
  void vscode.commands.executeCommand('setContext', 'callflow.hasWorkspace', false);
  void workspaces
    .ready()
    .then(() => vscode.commands.executeCommand('setContext', 'callflow.hasWorkspace', workspaces.all().length > 0));
  context.subscriptions.push(
    workspaces.onDidChange(() =>
      vscode.commands.executeCommand('setContext', 'callflow.hasWorkspace', workspaces.all().length > 0),
    ),
    // Said, not done silently: the user may have been in the middle of that operation.
    workspaces.onDidRecover(({ folder, report }) => notifications.info(`${folder.name}: ${describeRecovery(report)}`)),
  );

  // ---- Features (each registers its own disposables on services.context) ----
  startLanguageClient(services); // live problems and the language features
  const editor = registerEditorFeatures(services, files); // diagnostics, read-only, CodeLens, status bar
  void offerSchemasToYamlExtension(files, log).then(
    (disposables) => context.subscriptions.push(...disposables),
    (err: unknown) => log.warn(`The YAML extension did not take our schemas: ${String(err)}`),
  );
  const simulator = registerSimulator(services, files); // Simulate Call, trace, path, Test Explorer
  const review = registerReview(services); // Compare Versions with the Changes for Callers view
  const testCall = registerTestCall(services, files); // Test Call: a call answered as it happens, in a panel
  const environments = registerEnvironments(services); // Deploy…, Promote…, the environment calls run against
  const graph = registerFlowGraph(
    {
      ...services,
      validationContext: (uri) => gotoContextOf(files, uri),
      lockedVersion: (uri) => lockedVersionOf(files, uri),
      onDidChangeFlows: files.onDidChange,
      timezone: (uri) => workspaceTimezone(services, files, uri),
      scenarioFiles: (uri) => files.scenarioFilesOf(uri),
    },
    simulator.onDidSimulate, // each simulated call's path on the open graph of its file
    review.onDidChangeComparison, // Show Changes in Graph: the last comparison, marked on its `to` version's graph
    testCall.onDidTestCall, // a test call's path and the step it is in, on the open graph of its version
  ); // Open Flow Graph, the canvas editor
  const walkthrough = registerWalkthrough(services, simulator.onDidSimulate); // Get Started ticks what is done
  const featureRows = {
    ...editor.rows,
    ...simulator.rows,
    ...graph.rows,
    ...review.rows,
    ...testCall.rows,
    ...environments.rows,
  };
  // ---- Commands: one table, registered in one place ----
  context.subscriptions.push(...registerCommands(commandContext, commandTable({ verifyDiagnostics }, featureRows)));
  // Verify's problems follow the workspace: checked again after every change while any are shown.
  context.subscriptions.push(followWorkspaceChanges(log, workspaces, verifyDiagnostics, () => services.isTrusted()));

  const activationMs = Date.now() - started;
  log.info(
    `Call Flow Studio activated in ${activationMs} ms${vscode.workspace.isTrusted ? '' : ' (untrusted workspace: browse and validate only)'}`,
  );
  return {
    services,
    tree,
    treeView,
    notifications,
    workspaces,
    activationMs,
    test: {
      editor: editor.probe,
      simulator: simulator.probe,
      graph: graph.probe,
      review: review.probe,
      walkthrough: walkthrough.probe,
      testCall: testCall.probe,
      environments: environments.probe,
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

/** The default time zone of the file's workspace (callflow.yaml), for a business-hours step added on the canvas. */
/** The workspace's default time zone (callflow.yaml), as the core reads it. */
async function workspaceTimezone(
  services: ExtensionServices,
  files: FlowFiles,
  uri: vscode.Uri,
): Promise<string | undefined> {
  const folder = services.workspaces.forUri(uri);
  return folder && (await files.layout(folder)).settings.timezone;
}

/** The validation context for a version file, seen from its flow (so the graph marks goto-flow problems like the editor does). */
async function gotoContextOf(files: FlowFiles, uri: vscode.Uri): Promise<WorkspaceContext | undefined> {
  const info = await files.describe(uri);
  if (!info) return undefined;
  const context = await files.context(info.folder);
  return context && 'flowId' in info.role ? contextForFlow(context, info.role.flowId) : context;
}
