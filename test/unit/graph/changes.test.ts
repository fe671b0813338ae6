/**
 * A version's graph marked against another (Show Changes in Graph): the core's marks from the
 * semantic diff, and the page drawing them with a legend in headless Chromium (see pageHarness.ts).
 */
import * as assert from 'assert';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { markGraphAgainstVersion, type FlowGraph } from '../../../src/core';
import { parseGraphPageMessage, parseSavedGraphState } from '../../../src/extension/graph/protocol';
import { GraphPageHarness, SCREENSHOTS } from './pageHarness';
import { fixture, graphOf } from './support';

// The callbacks given to page.evaluate run in the page; the project compiles without the DOM library.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any, getComputedStyle: any;

const OLDER = fixture('sample-v1.yaml');
/** v2: a promo step after welcome, support removed (menu 2 goes to sales), the voicemail prompt changed. */
const NEWER = OLDER.replace(
  '    next: hours\n',
  '    next: promo\n  promo:\n    type: play\n    say: "Ask about our offers."\n    next: hours\n',
)
  .replace('options: { "1": sales, "2": support }', 'options: { "1": sales, "2": sales }')
  .replace(/ {2}support:\n(?: {4}.*\n)+/, '')
  .replace('say: "Please leave a message after the tone."', 'say: "Leave a message, we call back."');

const DOCUMENT_URI = 'file:///work/flows/acme/v2.yaml';
const REVIEW = { against: 'v1 (published)', older: 'file:///work/flows/acme/v1.yaml' };

function marked(): FlowGraph {
  return markGraphAgainstVersion(graphOf(NEWER), OLDER, NEWER);
}

function marks(graph: FlowGraph): { steps: Record<string, string>; exits: Record<string, string> } {
  return {
    steps: Object.fromEntries(graph.nodes.flatMap((n) => (n.change ? [[n.id, n.change]] : []))),
    exits: Object.fromEntries(graph.edges.flatMap((e) => (e.change ? [[`${e.id} → ${e.to}`, e.change]] : []))),
  };
}

describe('a graph marked against another version', () => {
  it('marks added and changed steps and rewired exits, and ghosts what the newer version no longer has', () => {
    assert.deepStrictEqual(marks(marked()), {
      steps: { promo: 'added', voicemail: 'changed', support: 'removed' },
      exits: {
        'welcome:next → promo': 'rewired',
        'promo:next → hours': 'rewired',
        'menu:options.2 → sales': 'rewired',
        'removed:welcome:next → hours': 'removed',
        'removed:menu:options.2 → support': 'removed',
        'removed:support:failed → voicemail': 'removed',
      },
    });
  });

  it('a removed step is a ghost: not the start, no problems, no exit ports to drag', () => {
    const ghost = marked().nodes.find((n) => n.id === 'support')!;
    assert.deepStrictEqual([ghost.isStart, ghost.problems, ghost.ports], [false, [], []]);
  });

  it('a renamed step is marked changed under its new name, its old lines not ghosted', () => {
    const renamed = OLDER.replace('  support:\n', '  care:\n').replace('"2": support', '"2": care');
    const graph = markGraphAgainstVersion(graphOf(renamed), OLDER, renamed);
    assert.deepStrictEqual(marks(graph), { steps: { care: 'changed' }, exits: {} });
  });

  it('marks nothing between a version and itself', () => {
    assert.deepStrictEqual(marks(markGraphAgainstVersion(graphOf(OLDER), OLDER, OLDER)), { steps: {}, exits: {} });
  });
});

describe("the page's messages about marks, checked before the panel trusts them", () => {
  it('accepts Hide changes and a count of marked drawings; refuses a count that is not one', () => {
    assert.deepStrictEqual(parseGraphPageMessage({ type: 'hideChanges' }), { type: 'hideChanges' });
    assert.deepStrictEqual(parseGraphPageMessage({ type: 'rendered', nodes: 8, pathNodes: 0, marked: 9 }), {
      type: 'rendered',
      nodes: 8,
      pathNodes: 0,
      marked: 9,
    });
    assert.strictEqual(parseGraphPageMessage({ type: 'rendered', nodes: 8, pathNodes: 0, marked: -1 }), undefined);
    assert.strictEqual(parseGraphPageMessage({ type: 'rendered', nodes: 8, pathNodes: 0, marked: '9' }), undefined);
  });
});

describe("the page's saved state, read back when VS Code restores a panel after a reload", () => {
  it('gives the file and the version the marks are against', () => {
    assert.deepStrictEqual(
      parseSavedGraphState({ documentUri: DOCUMENT_URI, review: REVIEW, places: { welcome: { x: 1, y: 2 } } }),
      { documentUri: DOCUMENT_URI, review: REVIEW },
    );
  });

  it('a state without a review, or with one that is not whole, restores the plain graph', () => {
    assert.deepStrictEqual(parseSavedGraphState({ documentUri: DOCUMENT_URI }), { documentUri: DOCUMENT_URI });
    for (const review of [{ against: 'v1 (published)' }, { older: REVIEW.older }, { ...REVIEW, older: 7 }, 'v1', null])
      assert.deepStrictEqual(
        parseSavedGraphState({ documentUri: DOCUMENT_URI, review }),
        { documentUri: DOCUMENT_URI },
        JSON.stringify(review),
      );
    assert.deepStrictEqual(parseSavedGraphState({ documentUri: DOCUMENT_URI, review: { ...REVIEW, against: '' } }), {
      documentUri: DOCUMENT_URI,
    });
  });

  it('no panel from a state without a file (an older page, another view)', () => {
    for (const state of [undefined, null, {}, { documentUri: '' }, { documentUri: 3, review: REVIEW }, 'file:///x'])
      assert.strictEqual(parseSavedGraphState(state), undefined, JSON.stringify(state));
    assert.strictEqual(parseSavedGraphState({ documentUri: `file:///${'x'.repeat(10_001)}` }), undefined);
  });
});

describe('the flow graph page shows the marks with a legend (headless Chromium)', function () {
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

  it('draws added, changed, removed (ghosted) steps and rewired and removed lines, with the legend', async () => {
    await harness.show(marked(), { title: 'acme v2', review: REVIEW });
    const classesOf = (id: string) => page.locator(`#nodes > g[data-id="${id}"]`).getAttribute('class');
    assert.match((await classesOf('promo')) ?? '', /\bchange-added\b/);
    assert.match((await classesOf('voicemail')) ?? '', /\bchange-changed\b/);
    assert.match((await classesOf('support')) ?? '', /\bchange-removed\b/);
    assert.doesNotMatch((await classesOf('welcome')) ?? '', /change-/);
    assert.strictEqual(
      await page.locator('#nodes > g[data-id="support"]').evaluate((g) => getComputedStyle(g).opacity),
      '0.4',
      'the removed step is drawn ghosted',
    );
    assert.strictEqual(await page.locator('#status').textContent(), '7 steps', 'a ghost is not a step of this version');
    assert.strictEqual(await page.locator('#edges > g.edge.change-rewired').count(), 3);
    assert.strictEqual(await page.locator('#edges > g.edge.change-removed').count(), 3);
    assert.strictEqual(await page.locator('#changes').isVisible(), true);
    assert.strictEqual(await page.locator('#changes-text').textContent(), 'Changes against v1 (published):');
    assert.deepStrictEqual(await page.locator('#changes .legend-key').allTextContents(), [
      '1 added',
      '1 changed',
      '3 rewired',
      '1 removed',
    ]);
    const rendered = (await harness.posted()).filter((m) => m.type === 'rendered').pop();
    assert.strictEqual(rendered?.marked, 9, 'three steps and six lines drawn marked');
    assert.deepStrictEqual(await harness.cspViolations(), []);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'changes.png') });
  });

  it('a ghost step is neither selected nor revealed; Hide changes asks the extension to drop the marks', async () => {
    await harness.show(marked(), { title: 'acme v2', review: REVIEW });
    await harness.clearPosted();
    await page.locator('#nodes > g[data-id="support"] .node-box').click({ force: true });
    await page.locator('#nodes > g[data-id="promo"] .node-box').click();
    const posted = (await harness.posted()).map((m) => `${m.type} ${m.id ?? ''}`.trim());
    assert.ok(!posted.some((m) => m.endsWith(' support')), posted.join(', '));
    assert.ok(posted.includes('reveal promo'), posted.join(', '));
    await page.locator('#hide-changes').click();
    assert.ok((await harness.posted()).some((m) => m.type === 'hideChanges'));
  });

  it('keeps the file and the version it is marked against in its webview state; a plain graph drops the version', async () => {
    await harness.show(marked(), { title: 'acme v2', documentUri: DOCUMENT_URI, review: REVIEW });
    const state = await harness.webviewState();
    assert.deepStrictEqual(parseSavedGraphState(state), { documentUri: DOCUMENT_URI, review: REVIEW });
    assert.ok((state as { places?: object }).places, 'the places of the steps are kept beside them');
    await harness.show(graphOf(NEWER), { title: 'acme v2', documentUri: DOCUMENT_URI });
    assert.deepStrictEqual(parseSavedGraphState(await harness.webviewState()), { documentUri: DOCUMENT_URI });
  });

  it('a graph sent without a comparison has no legend', async () => {
    await harness.show(marked(), { title: 'acme v2', review: REVIEW });
    await harness.show(graphOf(NEWER), { title: 'acme v2' });
    assert.strictEqual(await page.locator('#changes').isVisible(), false);
    assert.strictEqual(await page.evaluate(() => document.querySelectorAll('[class*="change-"]').length), 0);
  });
});
