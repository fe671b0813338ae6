/**
 * The flow graph page as VS Code shows it, outside VS Code: the real bundled page script and
 * stylesheet under the panel's CSP in headless Chromium, with a fake acquireVsCodeApi that
 * records what the page posts. Needs /usr/bin/chromium (`npm run test:unit` installs it first: scripts/system-deps.js).
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FlowGraph } from '../../../src/core/graph';
import { graphPageHtml } from '../../../src/extension/graph/html';
import type { GraphEditing, GraphReview } from '../../../src/extension/graph/protocol';
import { REPO_ROOT } from './support';

// The callbacks given to page.evaluate run in the page; the project compiles without the DOM library.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, document: any;

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
export const SCREENSHOTS = path.join(REPO_ROOT, 'test-artifacts', 'graph');

export interface PostedMessage {
  type: string;
  id?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
}

interface PageWindow {
  __posted: PostedMessage[];
  __pwned?: number;
  __cspViolations: string[];
}

export class GraphPageHarness {
  browser!: Browser;
  page!: Page;
  private pageFile = '';
  private tempDir = '';

  async launch(): Promise<void> {
    assert.ok(
      fs.existsSync(CHROMIUM),
      `${CHROMIUM} is needed for these tests: run node scripts/system-deps.js unit (npm run test:unit does)`,
    );
    // The page script as it ships: built by the project's own esbuild.js into dist/webview/graph.js.
    execFileSync(process.execPath, ['esbuild.js'], { cwd: REPO_ROOT, stdio: 'inherit' });
    const script = path.join(REPO_ROOT, 'dist', 'webview', 'graph.js');
    assert.ok(fs.existsSync(script), 'esbuild.js built dist/webview/graph.js');
    this.tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callflow-graph-page-'));
    this.pageFile = path.join(this.tempDir, 'graph.html');
    fs.writeFileSync(
      this.pageFile,
      graphPageHtml({
        cspSource: 'file:',
        nonce: 'testnonce0123456789abcdefABCDEF0',
        scriptUri: pathToFileURL(script).toString(),
        styleUri: pathToFileURL(path.join(REPO_ROOT, 'dist', 'webview', 'graph.css')).toString(),
      }),
    );
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    this.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }

  async close(): Promise<void> {
    await this.browser?.close();
    if (this.tempDir) fs.rmSync(this.tempDir, { recursive: true, force: true });
  }

  async open(viewport = { width: 1000, height: 760 }): Promise<Page> {
    this.page = await this.browser.newPage({ viewport });
    await this.page.addInitScript(() => {
      const w = window as unknown as PageWindow & { acquireVsCodeApi: () => unknown };
      w.__posted = [];
      w.__cspViolations = [];
      let state: unknown;
      document.addEventListener('securitypolicyviolation', (e: { violatedDirective: string; blockedURI: string }) =>
        w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
      w.acquireVsCodeApi = () => ({
        postMessage: (message: PostedMessage) => w.__posted.push(message),
        getState: () => state,
        setState: (s: unknown) => {
          state = s;
        },
      });
    });
    await this.page.goto(pathToFileURL(this.pageFile).toString());
    await this.page.waitForFunction(() => (window as unknown as PageWindow).__posted?.some((m) => m.type === 'ready'));
    return this.page;
  }

  /** Posts a graph as the extension does and waits until the page drew it. */
  async show(
    graph: FlowGraph,
    options: {
      title?: string;
      editing?: GraphEditing;
      positions?: Record<string, { x: number; y: number }>;
      queues?: string[];
      documentUri?: string;
      /** Marked against another version (Show Changes in Graph). */
      review?: GraphReview;
    } = {},
  ): Promise<void> {
    const before = await this.page.evaluate(() => Number(document.body.dataset.rendered ?? '0'));
    await this.page.evaluate((message) => window.postMessage(message, '*'), {
      type: 'graph',
      graph,
      title: options.title ?? 'acme v1',
      ...(options.editing ? { editing: options.editing } : {}),
      ...(options.positions ? { positions: options.positions } : {}),
      ...(options.queues ? { queues: options.queues } : {}),
      ...(options.documentUri ? { documentUri: options.documentUri } : {}),
      ...(options.review ? { review: options.review } : {}),
    });
    await this.page.waitForFunction((n) => Number(document.body.dataset.rendered ?? '0') > n, before);
  }

  /** What the page keeps in its webview state (VS Code hands it back to restore the panel). */
  webviewState(): Promise<unknown> {
    return this.page.evaluate(() =>
      (window as unknown as { acquireVsCodeApi: () => { getState(): unknown } }).acquireVsCodeApi().getState(),
    );
  }

  posted(): Promise<PostedMessage[]> {
    return this.page.evaluate(() => (window as unknown as PageWindow).__posted);
  }

  pwned(): Promise<number | undefined> {
    return this.page.evaluate(() => (window as unknown as PageWindow).__pwned);
  }

  cspViolations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as PageWindow).__cspViolations);
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => {
      (window as unknown as PageWindow).__posted = [];
    });
  }

  /** The centre of an element in window coordinates. */
  async centreOf(selector: string): Promise<{ x: number; y: number }> {
    const box = await this.page.locator(selector).first().boundingBox();
    assert.ok(box, `${selector} is drawn`);
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  /** A mouse drag in steps, as a hand does it. */
  async drag(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
    await this.page.mouse.move(to.x, to.y, { steps: 4 });
    await this.page.mouse.up();
  }

  /** The translate of each node group: where each step is drawn. */
  nodePlaces(): Promise<Record<string, string>> {
    return this.page
      .locator('#nodes > g.node')
      .evaluateAll((nodes) =>
        Object.fromEntries(
          nodes.map((n: { getAttribute(name: string): string }) => [
            n.getAttribute('data-id'),
            n.getAttribute('transform'),
          ]),
        ),
      );
  }
}
