/**
 * The flow graph beside the YAML editor: one webview panel per version file, redrawn as the
 * document changes, highlighting the step under the cursor, revealing a step when its node
 * is clicked, and showing a simulated call's path when the simulator asks.
 */
import * as vscode from 'vscode';
import { markGraphAgainstVersion, stepAtLine, type FlowGraph, type GraphNode } from '../../core';
import { createNonce } from '../webviewPage';
import {
  documentGraph,
  graphTitle,
  marks,
  olderVersionText,
  type ChangesOverlay,
  type DocumentGraphSources,
  type SimulationPathOverlay,
} from './documentGraph';
import { GRAPH_EDIT_COMMANDS } from './graphCommands';
import type { GraphEditor } from './graphEdits';
import { graphPageHtml } from './html';
import type { StepPositions } from './positions';
import {
  parseGraphPageMessage,
  type GraphEditing,
  type GraphPageMessage,
  type GraphPanelMessage,
  type SavedGraphState,
} from './protocol';
import { showStepInYaml, undoInYaml, visibleEditorOf } from './yamlEditor';

export const GRAPH_VIEW_TYPE = 'callflow.flowGraph';
/** How long typing pauses before the graph is redrawn. */
export const UPDATE_DEBOUNCE_MS = 150;

export interface FlowGraphDeps extends DocumentGraphSources {
  readonly context: vscode.ExtensionContext;
  readonly log?: vscode.LogOutputChannel;
  /** Fires when a lifecycle operation changed the flows (a publish locks the draft the canvas shows). */
  readonly onDidChangeFlows?: vscode.Event<unknown>;
}

/** What a panel needs to edit its file: the gestures' choke point and the remembered step places. */
export interface PanelEditing {
  readonly editor: GraphEditor;
  readonly positions: StepPositions;
}

export class FlowGraphPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private graph: FlowGraph | undefined;
  /** Steps sorted by line, for "which step is the cursor in". */
  private stepsByLine: GraphNode[] = [];
  private ready = false;
  /** What the page last reported drawing. */
  private rendered: { nodes: number; pathNodes: number; marked?: number } | undefined;
  /** Drawings the page reported, and when the page drew the last one (Date.now()): for measuring a gesture. */
  private renders = 0;
  private lastDrawnAt: number | undefined;
  /** The graph message the page was last sent, as JSON. */
  private shownGraph: string | undefined;
  private highlighted: string | null = null;
  /** The step selected on the canvas: the commands' default target. */
  selected: string | null = null;
  private editing: GraphEditing = { mode: 'view' };
  /** The queues used in the workspace's flows, for the queue picker. */
  private queues: string[] = [];
  private updateTimer: ReturnType<typeof setTimeout> | undefined;
  private updating: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly onDisposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.onDisposeEmitter.event;

  constructor(
    readonly uri: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    private readonly deps: FlowGraphDeps,
    private pathOverlay: SimulationPathOverlay | undefined,
    private readonly editingDeps: PanelEditing,
    private changesOverlay?: ChangesOverlay,
  ) {
    const webview = panel.webview;
    const extensionUri = deps.context.extensionUri;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
    };
    webview.html = graphPageHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'graph.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'graph.css')).toString(),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((raw) => void this.onMessage(raw)),
      panel.onDidDispose(() => this.dispose()),
      // Hidden, the page is discarded (retainContextWhenHidden is off); shown again, it reloads and says 'ready'.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) {
          this.ready = false;
          this.rendered = undefined;
        }
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        const changed = event.document.uri.toString();
        if (event.contentChanges.length === 0) return;
        if (changed === uri.toString() || changed === this.changesOverlay?.older.toString()) this.scheduleUpdate();
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (document.uri.toString() === uri.toString()) this.scheduleUpdate();
      }),
      ...(deps.onDidChangeFlows ? [deps.onDidChangeFlows(() => this.scheduleUpdate())] : []),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor.document.uri.toString() === uri.toString())
          this.highlightLine(event.selections[0]?.active.line);
      }),
    );
    void this.update();
  }

  /** What the panel shows now (for the command that reports state to tests). */
  state(): {
    uri: string;
    ready: boolean;
    nodes: string[];
    edges: number;
    highlighted: string | null;
    path: boolean;
    /** The step a test call is in, marked on the graph. */
    current?: string;
    rendered?: { nodes: number; pathNodes: number; marked?: number };
    renders: number;
    lastDrawnAt?: number;
    editing: GraphEditing['mode'];
    selected: string | null;
    changes?: { against: string; steps: Record<string, string>; exits: Record<string, string> };
    saved: SavedGraphState;
  } {
    return {
      saved: this.savedState(),
      ...(this.changesOverlay && this.graph
        ? { changes: { against: this.changesOverlay.against, ...marks(this.graph) } }
        : {}),
      editing: this.editing.mode,
      selected: this.selected,
      ...(this.rendered ? { rendered: this.rendered } : {}),
      renders: this.renders,
      ...(this.lastDrawnAt !== undefined ? { lastDrawnAt: this.lastDrawnAt } : {}),
      uri: this.uri.toString(),
      ready: this.ready,
      nodes: this.graph?.nodes.map((n) => n.id) ?? [],
      edges: this.graph?.edges.length ?? 0,
      highlighted: this.highlighted,
      path: Boolean(this.pathOverlay?.steps.length),
      ...(this.pathOverlay?.current ? { current: this.pathOverlay.current } : {}),
    };
  }

  setSimulationPath(overlay: SimulationPathOverlay | undefined): Promise<void> {
    this.pathOverlay = overlay;
    return this.update();
  }

  /** Marks the graph against another version (undefined: shows it alone again). */
  setChanges(overlay: ChangesOverlay | undefined): Promise<void> {
    this.changesOverlay = overlay;
    return this.update();
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /**
   * Redraws now (the debounced path ends here too), from the document or from `text`, the text a
   * gesture is about to give it. Resolves once the graph was posted.
   */
  update(text?: string): Promise<void> {
    if (this.updateTimer) clearTimeout(this.updateTimer);
    this.updateTimer = undefined;
    this.updating = this.updating
      .then(() => this.rebuild(text))
      .catch((err) => {
        this.deps.log?.warn(
          `Flow graph of ${this.uri.toString()} not drawn: ${err instanceof Error ? err.message : String(err)}`,
        );
      });
    return this.updating;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.updateTimer) clearTimeout(this.updateTimer);
    this.panel.dispose();
    for (const d of this.disposables) d.dispose();
    this.onDisposeEmitter.fire();
    this.onDisposeEmitter.dispose();
  }

  private scheduleUpdate(): void {
    if (this.updateTimer) clearTimeout(this.updateTimer);
    this.updateTimer = setTimeout(() => void this.update(), UPDATE_DEBOUNCE_MS);
  }

  private async rebuild(pendingText?: string): Promise<void> {
    if (this.disposed) return;
    const text = pendingText ?? (await vscode.workspace.openTextDocument(this.uri)).getText();
    const { graph, editing, queues } = await documentGraph(this.uri, text, this.deps, this.pathOverlay);
    this.queues = queues;
    this.editing = editing;
    const overlay = this.changesOverlay;
    const olderText = overlay && (await olderVersionText(this.uri, overlay, this.deps.log));
    // An older version that cannot be read is dropped, so the plain graph is drawn (unless another overlay came meanwhile).
    if (overlay && olderText === undefined && this.changesOverlay === overlay) this.changesOverlay = undefined;
    if (olderText !== undefined) markGraphAgainstVersion(graph, olderText, text);
    this.graph = graph;
    this.stepsByLine = graph.nodes.filter((n) => !n.missing && n.change !== 'removed').sort((a, b) => a.line - b.line);
    this.panel.title = `Graph: ${graphTitle(this.uri)}`;
    this.postGraph();
    const editor = visibleEditorOf(this.uri);
    if (editor) this.highlightLine(editor.selection.active.line);
  }

  private highlightLine(zeroBasedLine: number | undefined): void {
    const node = zeroBasedLine === undefined ? undefined : stepAtLine(this.stepsByLine, zeroBasedLine + 1);
    const id = node?.id ?? null;
    if (id === this.highlighted) return;
    this.highlighted = id;
    this.post({ type: 'highlight', id });
  }

  private post(message: GraphPanelMessage): void {
    // Before the page said it is ready its listener may not exist yet; 'ready' sends everything again.
    if (this.ready && !this.disposed) void this.panel.webview.postMessage(message);
  }

  /** A message from the page (the test API feeds one as the page would); resolves once it was handled. */
  onMessage(raw: unknown): Promise<void> {
    const message = parseGraphPageMessage(raw);
    if (!message) {
      this.deps.log?.warn('Flow graph: ignored a malformed message from the page');
      return Promise.resolve();
    }
    if (message.type === 'ready') {
      this.ready = true;
      this.postGraph({ evenIfShown: true });
      this.post({ type: 'highlight', id: this.highlighted });
    } else if (message.type === 'reveal') {
      return this.revealStep(message.id, message.focus === true);
    } else if (message.type === 'rendered') {
      this.renders++;
      this.lastDrawnAt = message.drawnAt ?? Date.now();
      this.rendered = {
        nodes: message.nodes,
        pathNodes: message.pathNodes,
        ...(message.marked !== undefined ? { marked: message.marked } : {}),
      };
    } else if (message.type === 'hideChanges') {
      void this.setChanges(undefined);
    } else {
      return this.onGesture(message).catch((err) =>
        this.deps.log?.warn(`Flow graph: ${message.type} failed: ${err instanceof Error ? err.message : String(err)}`),
      );
    }
    return Promise.resolve();
  }

  /** Posts the graph, unless the page already shows exactly this one (a gesture draws before its edit lands, then the edit's change event comes). */
  private postGraph(options: { evenIfShown?: boolean } = {}): void {
    if (!this.graph || !this.ready || this.disposed) return;
    const message: GraphPanelMessage = {
      type: 'graph',
      graph: this.graph,
      title: graphTitle(this.uri),
      editing: this.editing,
      positions: this.editingDeps.positions.of(this.uri),
      queues: this.queues,
      ...this.savedState(),
    };
    const shown = JSON.stringify(message);
    if (shown === this.shownGraph && !options.evenIfShown) return;
    this.shownGraph = shown;
    void this.panel.webview.postMessage(message);
  }

  /** What the page is given to keep in its state: the serializer restores the panel from it after a reload. */
  private savedState(): SavedGraphState {
    const overlay = this.changesOverlay;
    return {
      documentUri: this.uri.toString(),
      ...(overlay ? { review: { against: overlay.against, older: overlay.older.toString() } } : {}),
    };
  }

  /** Applies a canvas gesture (the same path as the commands), then redraws at once rather than after the typing pause. */
  async edit(request: Parameters<GraphEditor['apply']>[1], options?: Parameters<GraphEditor['apply']>[2]) {
    const outcome = await this.editingDeps.editor.apply(this.uri, request, {
      ...options,
      // Drawn while the editor applies the edit: the canvas answers the gesture without that round trip.
      onEditReady: (text) => void this.update(text),
    });
    // From the document as it now is: the same graph again is not re-sent, and an edit the
    // editor did not apply is drawn away.
    await this.update();
    if (outcome) {
      if (outcome.step && this.graph?.nodes.some((n) => n.id === outcome.step)) {
        this.selected = outcome.step;
        this.post({ type: 'select', id: outcome.step });
      }
    }
    return outcome;
  }

  private async onGesture(message: GraphPageMessage): Promise<void> {
    switch (message.type) {
      case 'edit':
        await this.edit(message.edit);
        // A question the gesture asked (Delete's confirmation, Rename's box) took the keyboard: give it
        // back to the canvas, so the Ctrl+Z the confirmation promises reaches it.
        this.takeKeyboard();
        return;
      case 'selected':
        this.selected = message.id;
        return;
      case 'moveStep':
        if (this.editing.mode === 'editable')
          await this.editingDeps.positions.move(this.uri, message.step, { x: message.x, y: message.y });
        return;
      case 'resetLayout':
        await this.editingDeps.positions.forget(this.uri);
        await this.update();
        return;
      case 'undo':
      case 'redo':
        await this.undo(message.type);
        return;
      case 'editDraft':
        await this.editDraft();
        return;
      case 'command':
        await vscode.commands.executeCommand(GRAPH_EDIT_COMMANDS[message.command], {
          uri: this.uri,
          ...(message.step ? { step: message.step } : {}),
        });
        return;
      case 'maximize':
        await vscode.commands.executeCommand('workbench.action.toggleMaximizeEditorGroup');
        return;
      case 'testCall':
        await vscode.commands.executeCommand('callflow.testCall', this.uri);
        return;
      default:
        return;
    }
  }

  /**
   * Undo or Redo on the canvas (its keys, its commands): done in the document, whose undo stack is
   * the editor's, then the canvas gets the keyboard back.
   */
  async undo(which: 'undo' | 'redo'): Promise<void> {
    if (this.editing.mode !== 'editable') return;
    await undoInYaml(this.uri, which, this.panel.viewColumn);
    this.takeKeyboard();
    await this.update();
  }

  /** The panel takes the keyboard, and the page puts it on the canvas (the selected step, else the canvas). */
  private takeKeyboard(): void {
    if (this.disposed) return;
    this.panel.reveal(undefined, false);
    this.post({ type: 'focus' });
  }

  private async editDraft(): Promise<void> {
    const locked = await this.deps.lockedVersion?.(this.uri);
    if (!locked) return;
    await vscode.commands.executeCommand('callflow.edit', { flowId: locked.flowId });
    // Edit opens the new draft: show its canvas beside it, as this one was.
    const draft = vscode.window.activeTextEditor?.document.uri;
    if (draft && draft.toString() !== this.uri.toString() && /\/v[0-9]+\.yaml$/.test(draft.path))
      await vscode.commands.executeCommand('callflow.openGraph', draft);
  }

  /** Shows the step in the YAML beside the canvas; the keyboard stays on the canvas unless `focus`. */
  private async revealStep(id: string, focus: boolean): Promise<void> {
    const node = this.graph?.nodes.find((n) => n.id === id);
    if (!node || node.change === 'removed') return;
    await showStepInYaml(this.uri, node, this.panel.viewColumn, focus);
  }
}
