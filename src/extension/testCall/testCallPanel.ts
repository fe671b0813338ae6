/**
 * The Test Call panel: one webview running one call live. The call is the core's InteractiveCall on
 * the engine (src/core/interactive), through TestCallSession; the panel loads the target (the draft
 * as the editor has it, unsaved text included), answers the page's messages, sends an http step's
 * request for real when the user asks, saves the call as a call scenario, and tells the canvas
 * where the call is (the onProgress callback, which the feature turns into a typed event).
 */
import * as vscode from 'vscode';
import {
  appendScenario,
  assertCallerId,
  callTimeZoneOf,
  CallflowError,
  fixturesOfScenarioFiles,
  instantOfLocal,
  parseCallTarget,
  scenarioEntry,
  stepKeyRanges,
  testCallScenarioName,
} from '../../core';
import { requestJson } from '../../runtime/outboundHttp';
import { readCurrentText, type FlowFiles } from '../editor/flowFiles';
import { callWorkspaceOf } from '../environments';
import type { ExtensionServices } from '../services';
import { createNonce } from '../webviewPage';
import type { TestCallPath } from '../graph';
import {
  loadSimulatedFlow,
  publishedResolver,
  resolveTarget,
  targetText,
  type ResolvedTarget,
  type TargetSpec,
} from '../simulator/target';
import type { FlowWorkspaceFolder } from '../workspaces/flowWorkspaceRegistry';
import { testCallPageHtml } from './html';
import { parseTestCallPageMessage, type TestCallPageMessage, type TestCallView } from './protocol';
import { TestCallSession } from './testCallSession';

export const TEST_CALL_VIEW_TYPE = 'callflow.testCall';

export interface TestCallDeps {
  readonly services: ExtensionServices;
  readonly files: FlowFiles;
  /** Where the call is now: the canvas marks it. */
  readonly onProgress: (path: TestCallPath) => void;
}

/** What a call is placed to, and as whom and when (no `at`: now). */
export interface TestCallTarget {
  folder: FlowWorkspaceFolder;
  spec: TargetSpec;
  from?: string;
  at?: Date;
}

export class TestCallPanel implements vscode.Disposable {
  private session: TestCallSession | undefined;
  private resolved: ResolvedTarget | undefined;
  private zone = 'UTC';
  private callNumber = 0;
  private ready = false;
  private disposed = false;
  private extra: Pick<TestCallView, 'saved' | 'problem' | 'busy'> = {};
  /** A view that is not a live call (a replayed call from the execution log). */
  private fixedView: TestCallView | undefined;
  /** The version file the call runs in: its steps' links open it. */
  private versionShown: { uri: vscode.Uri; flowId: string } | undefined;
  private handling: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: TestCallDeps,
    private target: TestCallTarget,
  ) {
    const { webview } = panel;
    const root = vscode.Uri.joinPath(deps.services.context.extensionUri, 'dist', 'webview');
    webview.options = { enableScripts: true, localResourceRoots: [root] };
    webview.html = testCallPageHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'testCall.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'testCall.css')).toString(),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((raw) => void this.onMessage(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Places the call (again): the flow read afresh, as the editor has it now. */
  async call(target: TestCallTarget = this.target): Promise<void> {
    this.target = target;
    if (target.from !== undefined) assertCallerId(target.from);
    this.fixedView = undefined;
    this.extra = {};
    // With an environment chosen (callflow.environment), the call runs what it serves, with its
    // values; the canvas marks it on that version's file, whose published text is locked.
    const environment = await callWorkspaceOf(this.deps.services, target.folder);
    const prepared = environment && (await environment.prepareCall(parseCallTarget(targetText(target.spec))));
    const resolved = prepared
      ? {
          ...(await resolveTarget(this.deps.files, target.folder, {
            flowId: prepared.version.flowId,
            version: prepared.version.version,
          })),
          ...(prepared.dialed !== undefined ? { dialed: prepared.dialed } : {}),
        }
      : await resolveTarget(this.deps.files, target.folder, target.spec);
    const flow = prepared ? prepared.flow : await loadSimulatedFlow(resolved);
    const layout = await this.deps.files.layout(target.folder);
    this.resolved = resolved;
    this.versionShown = { uri: resolved.uri, flowId: resolved.flowId };
    this.zone = callTimeZoneOf(flow.definition, layout.settings.timezone);
    const setup = {
      flow,
      resolvePublished: prepared
        ? prepared.resolvePublished
        : await publishedResolver(this.deps.files, target.folder, flow, this.deps.services),
      at: target.at ?? new Date(),
      fixtures: prepared ? prepared.fixtures : await this.fixtures(resolved.uri),
      ...(target.from ? { from: target.from } : {}),
      ...(resolved.dialed !== undefined ? { dialed: resolved.dialed } : {}),
    };
    const title = `${resolved.flowId} v${resolved.version}${environment ? ` in ${environment.environment}` : resolved.status ? ` (${resolved.status})` : ''}${resolved.dialed ? ` via ${resolved.dialed}` : ''}`;
    this.panel.title = `Test Call: ${resolved.flowId}`;
    this.session = new TestCallSession({
      setup,
      title,
      zone: this.zone,
      atNow: target.at === undefined,
      callNumber: ++this.callNumber,
    });
    this.changed();
  }

  /** Shows a call that is not live (a replay): its transcript and path, no keys. */
  showFixed(view: Omit<TestCallView, 'callNumber'>, path: TestCallPath): void {
    this.session = undefined;
    this.resolved = undefined;
    this.versionShown = { uri: path.uri, flowId: path.flow };
    this.fixedView = { ...view, callNumber: ++this.callNumber };
    this.panel.title = `Replay: ${view.title}`;
    this.post();
    this.deps.onProgress(path);
  }

  /** What the panel shows now, and the call's inputs and result (for the tests' probe). */
  state(): { view: TestCallView | undefined; ready: boolean; inputs?: unknown; result?: unknown; uri?: string } {
    const uri = this.versionShown?.uri;
    return {
      view: this.currentView(),
      ready: this.ready,
      ...(this.session ? { inputs: this.session.inputs() } : {}),
      ...(this.session?.result() ? { result: this.session.result() } : {}),
      ...(uri ? { uri: uri.toString() } : {}),
    };
  }

  /** A message from the page (the test probe feeds one as the page would); resolves once it was handled. */
  onMessage(raw: unknown): Promise<void> {
    const message = parseTestCallPageMessage(raw);
    if (!message) {
      this.deps.services.log.warn('Test Call: ignored a malformed message from the page');
      return Promise.resolve();
    }
    // One at a time, in order: a key typed while the previous one is handled waits its turn.
    this.handling = this.handling.then(() => this.handle(message)).catch((err: unknown) => this.fail(err));
    return this.handling;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.panel.dispose();
    for (const d of this.disposables) d.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
  }

  private async handle(message: TestCallPageMessage): Promise<void> {
    const session = this.session;
    this.extra = { ...(this.extra.saved ? { saved: this.extra.saved } : {}) };
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post();
        return;
      case 'reveal':
        return this.reveal(message.flow, message.step);
      case 'callAgain':
        return this.callAgain(message.from, message.at);
      case 'key':
        session?.key(message.key);
        break;
      case 'timeout':
        session?.timeOut();
        break;
      case 'choose':
        session?.choose(message.key);
        break;
      case 'hangUp':
        session?.hangUp();
        break;
      case 'sendLiveRequest':
        return this.sendLiveRequest();
      case 'saveScenario':
        return this.saveScenario();
    }
    this.changed();
  }

  private async callAgain(from: string, at: string): Promise<void> {
    const when = at === 'now' ? undefined : instantOfLocal(at, this.zone);
    await this.call({
      folder: this.target.folder,
      spec: this.target.spec,
      ...(from !== '' ? { from } : {}),
      ...(when ? { at: when } : {}),
    });
  }

  /** The http step's request, sent for real (bounded as the runtime bounds it); its answer goes to the call. */
  private async sendLiveRequest(): Promise<void> {
    const session = this.session;
    const request = session?.pendingRequest();
    if (!session || !request) return;
    const line = `${request.method} ${request.url}`;
    this.extra = { busy: `Sending ${line}…` };
    this.post();
    const answer = await requestJson(request.method, request.url, request.body);
    this.extra = {};
    if (answer.status === 0) {
      this.extra = {
        problem: `${line} got no answer (${answer.failure ?? 'no response'}). Choose an answer instead, or try again.`,
      };
    } else {
      session.answerHttp({ status: answer.status, ...(answer.body !== undefined ? { body: answer.body } : {}) }, line);
    }
    this.changed();
  }

  /**
   * Appends the call to the flow's calls.yaml, as `callflow call --save-scenario` does (the core's
   * appendScenario keeps the file's comments). An open calls.yaml is edited as a document and saved,
   * so its unsaved edits are kept; a closed one is written by the core, like the CLI.
   */
  private async saveScenario(): Promise<void> {
    const session = this.session;
    const result = session?.result();
    const resolved = this.resolved;
    if (!session || !result || !resolved) {
      this.extra = { problem: 'Only a call that reached its outcome can be saved: call again and let it end.' };
      this.post();
      return;
    }
    const { folder } = this.target;
    const flowId = resolved.flowId;
    const entry = scenarioEntry(testCallScenarioName(result.outcome), session.inputs(), result);
    const file = `${(await this.deps.files.layout(folder)).flowDir(flowId)}/calls.yaml`;
    const uri = folder.uri(file);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let name: string;
    if (open) {
      const appended = appendScenario(open.getText(), file, flowId, entry);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(0, 0, open.lineCount, 0), appended.text);
      await vscode.workspace.applyEdit(edit);
      await open.save();
      name = appended.name;
    } else {
      name = (await (await folder.open()).saveCallScenario(flowId, entry)).name;
    }
    this.deps.services.log.info(`Test Call: saved "${name}" in ${file}`);
    this.extra = { saved: { name, file } };
    this.post();
  }

  /** Shows a step of the call in its YAML: the top flow's version file, or the published version a goto-flow entered. */
  private async reveal(flow: string, step: string): Promise<void> {
    const shown = this.versionShown;
    if (!shown) return;
    let uri = shown.uri;
    if (flow !== shown.flowId) {
      const entered = (await this.deps.files.flows(this.target.folder)).get(flow);
      if (entered?.published === undefined) return;
      uri = await this.deps.files.versionUri(this.target.folder, entered.id, entered.published);
    }
    const text = await readCurrentText(uri);
    const range = text === undefined ? undefined : stepKeyRanges(text).get(step);
    const at = range
      ? new vscode.Range(range.startLine, range.startCharacter, range.endLine, range.endCharacter)
      : undefined;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const editor = await vscode.window.showTextDocument(uri, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      preserveFocus: false,
      ...(at ? { selection: at } : {}),
    });
    if (at) editor.revealRange(at, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** The http answers of the flow's call scenarios, read as the editors have them. */
  private async fixtures(versionUri: vscode.Uri) {
    const scenarioFiles = await this.deps.files.scenarioFilesOf(versionUri);
    const texts: { file: string; text: string }[] = [];
    for (const uri of scenarioFiles?.uris ?? []) {
      const text = await readCurrentText(uri);
      if (text !== undefined) texts.push({ file: vscode.workspace.asRelativePath(uri, false), text });
    }
    return fixturesOfScenarioFiles(texts);
  }

  private fail(err: unknown): void {
    const problem =
      err instanceof CallflowError && err.hint
        ? `${err.message} ${err.hint}`
        : err instanceof Error
          ? err.message
          : String(err);
    this.extra = { problem };
    this.deps.services.log.warn(`Test Call: ${problem}`);
    this.post();
  }

  private changed(): void {
    this.post();
    if (this.session && this.resolved) this.deps.onProgress({ uri: this.resolved.uri, ...this.session.path() });
  }

  private currentView(): TestCallView | undefined {
    if (this.fixedView) return { ...this.fixedView, ...this.extra };
    return this.session?.view(this.extra);
  }

  private post(): void {
    const view = this.currentView();
    if (this.ready && !this.disposed && view) void this.panel.webview.postMessage({ type: 'view', view });
  }
}
