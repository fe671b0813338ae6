/**
 * The Test Call page as VS Code shows it, outside VS Code: the real bundled page script and stylesheet
 * under the panel's CSP in headless Chromium, wired to a real TestCallSession (the host's call on the
 * core's InteractiveCall) the way the panel wires them: the page posts what the user pressed, the
 * session answers with the next view. Needs /usr/bin/chromium (scripts/system-deps.js installs it).
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { instantOfLocal, validateFlowText, type FlowDefinition } from '../../../src/core';
import { testCallPageHtml } from '../../../src/extension/testCall/html';
import type { TestCallPageMessage, TestCallView } from '../../../src/extension/testCall/protocol';
import { TestCallSession } from '../../../src/extension/testCall/testCallSession';
import { CHROMIUM, CHROMIUM_ARGS } from '../graph/pageHarness';
import { REPO_ROOT } from '../graph/support';

// The callbacks given to page.evaluate run in the page; the project compiles without the DOM library.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, document: any;

export const SCREENSHOTS = path.join(REPO_ROOT, 'test-artifacts', 'testCall');

export function flowDefinition(yaml: string): FlowDefinition {
  const { definition, problems } = validateFlowText(yaml, 'flows/acme/v1.yaml');
  assert.ok(definition, `the test flow is valid: ${JSON.stringify(problems)}`);
  return definition;
}

export interface HostCall {
  definition: FlowDefinition;
  at: Date;
  from?: string;
  zone?: string;
  fixtures?: ConstructorParameters<typeof TestCallSession>[0]['setup']['fixtures'];
}

export class TestCallPageHarness {
  browser!: Browser;
  page!: Page;
  session!: TestCallSession;
  /** Every message the page posted, in order. */
  posted: TestCallPageMessage[] = [];
  private pageFile = '';
  private tempDir = '';
  private call!: HostCall;
  /** A view to show instead of a live call's (a replay). */
  fixedView: TestCallView | undefined;

  async launch(): Promise<void> {
    assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is needed for these tests: run node scripts/system-deps.js unit`);
    execFileSync(process.execPath, ['esbuild.js'], { cwd: REPO_ROOT, stdio: 'inherit' });
    const script = path.join(REPO_ROOT, 'dist', 'webview', 'testCall.js');
    assert.ok(fs.existsSync(script), 'esbuild.js built dist/webview/testCall.js');
    this.tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callflow-testcall-page-'));
    this.pageFile = path.join(this.tempDir, 'testCall.html');
    fs.writeFileSync(
      this.pageFile,
      testCallPageHtml({
        cspSource: 'file:',
        nonce: 'testnonce0123456789abcdefABCDEF0',
        scriptUri: pathToFileURL(script).toString(),
        styleUri: pathToFileURL(path.join(REPO_ROOT, 'dist', 'webview', 'testCall.css')).toString(),
      }),
    );
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    this.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }

  async close(): Promise<void> {
    await this.browser?.close();
    if (this.tempDir) fs.rmSync(this.tempDir, { recursive: true, force: true });
  }

  /** Opens the page and places the call, as the panel does on `ready`. */
  async open(call: HostCall, viewport = { width: 1000, height: 800 }): Promise<Page> {
    this.call = call;
    this.posted = [];
    this.fixedView = undefined;
    this.session = this.newSession(call.from, call.at, 1);
    this.page = await this.browser.newPage({ viewport });
    await this.page.exposeFunction('__host', (message: TestCallPageMessage) => this.answer(message));
    await this.page.addInitScript(() => {
      const w = window;
      w.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e: { violatedDirective: string; blockedURI: string }) =>
        w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
      let state: unknown;
      w.acquireVsCodeApi = () => ({
        postMessage: (message: unknown) =>
          w.__host(message).then((view: unknown) => view && w.postMessage({ type: 'view', view }, '*')),
        getState: () => state,
        setState: (s: unknown) => {
          state = s;
        },
      });
    });
    await this.page.goto(pathToFileURL(this.pageFile).toString());
    await this.page.waitForFunction(() => document.body.dataset.state !== undefined);
    return this.page;
  }

  /** Shows a view that is not a live call (the replay of a logged call). */
  async showFixed(view: TestCallView): Promise<void> {
    this.fixedView = view;
    await this.page.evaluate((v) => window.postMessage({ type: 'view', view: v }, '*'), view);
  }

  cspViolations(): Promise<string[]> {
    return this.page.evaluate(() => window.__cspViolations);
  }

  /** The transcript's lines as the page shows them. */
  transcript(): Promise<string[]> {
    return this.page.locator('#transcript > li').allTextContents();
  }

  /** What the host does with a message from the page: the panel's handling, on the same session class. */
  private answer(message: TestCallPageMessage): TestCallView | undefined {
    this.posted.push(message);
    if (this.fixedView) return message.type === 'ready' ? this.fixedView : undefined;
    const session = this.session;
    switch (message.type) {
      case 'key':
        session.key(message.key);
        break;
      case 'timeout':
        session.timeOut();
        break;
      case 'choose':
        session.choose(message.key);
        break;
      case 'hangUp':
        session.hangUp();
        break;
      case 'callAgain': {
        const zone = this.call.zone ?? 'UTC';
        const at = message.at === 'now' ? new Date() : instantOfLocal(message.at, zone);
        this.session = this.newSession(message.from || undefined, at, session.start.callNumber + 1);
        break;
      }
      case 'ready':
        break;
      default:
        return undefined;
    }
    return this.session.view();
  }

  private newSession(from: string | undefined, at: Date, callNumber: number): TestCallSession {
    const call = this.call;
    return new TestCallSession({
      setup: {
        flow: { id: 'acme', version: 'draft', definition: call.definition },
        at,
        ...(from !== undefined ? { from } : {}),
        ...(call.fixtures ? { fixtures: call.fixtures } : {}),
      },
      title: 'acme v2 (draft)',
      zone: call.zone ?? 'UTC',
      atNow: false,
      callNumber,
    });
  }
}
