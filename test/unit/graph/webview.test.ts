/**
 * The flow graph page in headless Chromium (see pageHarness.ts): drawing, escaping, problems,
 * navigation, the viewport. Screenshots go to test-artifacts/graph/.
 */
import * as assert from 'assert';
import * as path from 'path';
import type { Page } from 'playwright-core';
import type { FlowGraph } from '../../../src/core/graph';
import { GraphPageHarness, SCREENSHOTS, type PostedMessage } from './pageHarness';
import { fixture, flowWith, graphOf, sharedGoodbyeFlow } from './support';

// The callbacks given to page.evaluate run in the page; the project compiles without the DOM library.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, document: any;

const HOSTILE = flowWith([
  '  welcome:',
  '    type: play',
  '    say: "<img src=x onerror=\\"window.__pwned = 1\\"> hello"',
  '    next: "<script>window.__pwned=2</script>"',
  '  "<b onmouseover=alert(1)>":',
  '    type: play',
  '    say: "<script>window.__pwned = 3</script>"',
  '    next: welcome',
]);

describe('flow graph page in headless Chromium', function () {
  this.timeout(60_000);
  const harness = new GraphPageHarness();
  let page: Page;

  before(() => harness.launch());
  after(() => harness.close());
  beforeEach(async () => {
    page = await harness.open();
  });
  afterEach(async () => {
    await page?.close();
  });

  const show = (graph: FlowGraph, title = 'acme v1'): Promise<void> => harness.show(graph, { title });
  const posted = (): Promise<PostedMessage[]> => harness.posted();
  const transform = (): Promise<string | null> => page.locator('#viewport').getAttribute('transform');

  it('draws every step as a node and every pair of steps as one labelled line', async () => {
    const graph = graphOf(fixture('sample-v1.yaml'));
    await show(graph);
    const ids = await page
      .locator('#nodes > g.node')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')));
    assert.deepStrictEqual(
      ids,
      graph.nodes.map((n) => n.id),
    );
    assert.strictEqual(await page.locator('#edges > g.edge').count(), 9);
    const labels = await page.locator('#edges .edge-label text').allTextContents();
    assert.ok(labels.includes('no-input, invalid') && labels.includes('closed') && labels.includes('1'));
    assert.strictEqual(
      await page.locator('g[data-id="welcome"] .node-summary').textContent(),
      'Thanks for calling Acme.',
    );
    assert.strictEqual(await page.locator('g[data-id="welcome"].start .start-tag').count(), 1);
    assert.strictEqual(await page.locator('#title').textContent(), 'acme v1');
    assert.match((await page.locator('#status').textContent()) ?? '', /^7 steps$/);
    assert.deepStrictEqual(await harness.cspViolations(), []);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'acme.png') });
  });

  it('renders flow text containing <script> and <img onerror> as text: nothing runs', async () => {
    const graph = graphOf(HOSTILE);
    await show(graph, '<script>window.__pwned=4</script>');
    await page.waitForTimeout(200);
    assert.strictEqual(await harness.pwned(), undefined, 'no payload ran');
    assert.strictEqual(await page.locator('img').count(), 0);
    assert.strictEqual(await page.locator('script').count(), 1, "only the page's own script");
    assert.strictEqual(await page.locator('[onerror], [onmouseover]').count(), 0);
    assert.match(
      (await page.locator('g[data-id="welcome"] .node-summary').textContent()) ?? '',
      /^<img src=x onerror="window\.__/,
    );
    assert.match(
      (await page.locator('g[data-id="welcome"] > title').textContent()) ?? '',
      /<img src=x onerror="window\.__pwned = 1"> hello/,
    );
    assert.strictEqual(await page.locator('#title').textContent(), '<script>window.__pwned=4</script>');
    const missing = page.locator('g.node-missing .node-label');
    assert.match((await missing.textContent()) ?? '', /^<script>window\.__/);
    assert.match(
      (await page.locator('g.node-missing > title').textContent()) ?? '',
      /^<script>window\.__pwned=2<\/script> \(missing step\)/,
    );
    assert.strictEqual(
      await page.locator('g[data-id="<b onmouseover=alert(1)>"]').count(),
      1,
      'a hostile step id is an attribute value',
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'hostile.png') });
  });

  it('marks problems with a badge whose title holds the message, unreachable steps and missing placeholders', async () => {
    const graph = graphOf(
      flowWith([
        '  welcome:',
        '    type: play',
        '    say: hi',
        '    next: salse',
        '  sales:',
        '    type: assign-dial',
        '    queue: sales',
      ]),
    );
    await show(graph);
    const badgeTitle = await page.locator('g[data-id="welcome"] .badge-error title').textContent();
    assert.match(
      badgeTitle ?? '',
      /Error: Step "welcome": "next" goes to "salse", which is not a step of this flow\. Did you mean "sales"\?/,
    );
    assert.strictEqual(await page.locator('g[data-id="sales"].unreachable').count(), 1);
    assert.strictEqual(await page.locator('g.node-missing[data-id="missing:salse"]').count(), 1);
    assert.match((await page.locator('#status').textContent()) ?? '', /2 steps · 1 error/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'problems.png') });
  });

  it('asks to reveal a step when its node is clicked, or focused with Tab/arrows and Enter', async () => {
    await show(graphOf(fixture('sample-v1.yaml')));
    await page.locator('g[data-id="menu"] .node-box').click();
    assert.deepStrictEqual(
      (await posted()).filter((m) => m.type === 'reveal'),
      [{ type: 'reveal', id: 'menu' }],
    );
    await page.locator('g[data-id="welcome"]').focus();
    await page.keyboard.press('ArrowDown');
    assert.strictEqual(await page.evaluate(() => document.activeElement?.getAttribute('data-id')), 'hours');
    await page.keyboard.press('Tab');
    assert.strictEqual(await page.evaluate(() => document.activeElement?.getAttribute('data-id')), 'menu');
    await page.keyboard.press('Enter');
    assert.deepStrictEqual(
      (await posted()).filter((m) => m.type === 'reveal').map((m) => m.id),
      ['menu', 'menu'],
    );
  });

  it('keeps the file it draws in its webview state, so the panel is restored on it after a reload', async () => {
    await harness.show(graphOf(fixture('sample-v1.yaml')), { documentUri: 'file:///work/flows/acme/v1.yaml' });
    const state = (await harness.webviewState()) as { documentUri?: string } | undefined;
    assert.strictEqual(state?.documentUri, 'file:///work/flows/acme/v1.yaml');
  });

  it('highlights the step under the editor cursor', async () => {
    await show(graphOf(fixture('sample-v1.yaml')));
    await page.evaluate(() => window.postMessage({ type: 'highlight', id: 'support' }, '*'));
    await page.waitForSelector('g[data-id="support"].cursor');
    await page.evaluate(() => window.postMessage({ type: 'highlight', id: null }, '*'));
    await page.waitForFunction(() => document.querySelectorAll('.cursor').length === 0);
  });

  it('zooms with the buttons and Ctrl+wheel, scrolls with the wheel, pans by dragging, and keeps the viewport when the flow changes', async () => {
    const text = fixture('sample-v1.yaml');
    await show(graphOf(text));
    const fitted = await transform();
    await page.click('#zoom-in');
    const zoomed = await transform();
    assert.notStrictEqual(zoomed, fitted);
    await page.mouse.move(900, 700);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -200);
    await page.keyboard.up('Control');
    const wheeledZoom = await transform();
    assert.notStrictEqual(wheeledZoom, zoomed);
    assert.notStrictEqual(scaleOf(wheeledZoom), scaleOf(zoomed), 'Ctrl+wheel zooms');
    await page.mouse.wheel(0, 120);
    const wheeled = await transform();
    assert.strictEqual(scaleOf(wheeled), scaleOf(wheeledZoom), 'the wheel alone scrolls');
    assert.notStrictEqual(wheeled, wheeledZoom);
    await page.mouse.move(950, 720);
    await page.mouse.down();
    await page.mouse.move(800, 600, { steps: 4 });
    await page.mouse.up();
    const panned = await transform();
    assert.notStrictEqual(panned, wheeled);
    assert.deepStrictEqual(
      (await posted()).filter((m) => m.type === 'reveal'),
      [],
      'a drag is not a click',
    );

    await show(
      graphOf(
        text.replace('Thanks for calling Acme.', 'Welcome to Acme!').replace('    next: hours', '    next: menu'),
      ),
    );
    assert.strictEqual(await transform(), panned, 'the viewport stays where the admin left it');
    assert.strictEqual(await page.locator('g[data-id="welcome"] .node-summary').textContent(), 'Welcome to Acme!');
    await page.click('#fit');
    assert.notStrictEqual(await transform(), panned);
  });

  it('overlays a simulated call: order numbers on the steps, the lines taken highlighted', async () => {
    await show(
      graphOf(fixture('sample-v1.yaml'), { path: ['welcome', 'hours', 'menu', 'sales', 'voicemail', 'goodbye'] }),
    );
    const orders = await page.locator('#nodes .path-order text').allTextContents();
    assert.deepStrictEqual(orders, ['1', '2', '3', '4', '5', '6']);
    assert.strictEqual(await page.locator('#edges > g.edge.on-path').count(), 5);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'simulation-path.png') });
  });

  it('draws a 200-step flow with connector chips for far exits, and a chip click focuses its step', async () => {
    await show(graphOf(sharedGoodbyeFlow(100)), 'big v1');
    assert.strictEqual(await page.locator('#nodes > g.node').count(), 201);
    const chips = page.locator('#edges .jump');
    assert.ok((await chips.count()) > 50);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'large-flow.png') });
    await chips.first().dispatchEvent('click');
    assert.strictEqual(await page.evaluate(() => document.activeElement?.getAttribute('data-id')), 'goodbye');
  });
});

function scaleOf(transform: string | null): string | undefined {
  return /scale\(([^)]+)\)/.exec(transform ?? '')?.[1];
}
