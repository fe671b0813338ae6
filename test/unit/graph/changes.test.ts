/**
 * A version's graph marked against another (Show Changes in Graph): the core's marks from the
 * semantic diff, and the page drawing them with a legend in headless Chromium (see pageHarness.ts).
 */
import * as assert from 'assert';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { markGraphAgainstVersion, type FlowGraph } from '../../../src/core';
import { graphScene, layoutFlowGraph, type SvgElement } from '../../../src/core/graph';
import { routeChange, routeLabelParts } from '../../../src/core/graph/routeMarks';
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

/** Each drawn line from `from` to `to`: its classes and the label's text, part by part (a tspan's class before its text). */
function drawnLine(graph: FlowGraph, from: string, to: string): { classes: string; label: string[]; title: string } {
  const layout = layoutFlowGraph(graph);
  const route = layout.routes.find((r) => r.from === from && r.to === to);
  assert.ok(route, `a line from ${from} to ${to} is drawn`);
  const element = graphScene(graph, layout).edges[layout.routes.indexOf(route)]!;
  const labelGroup = element.children!.find((c) => c.attrs?.class === 'edge-label')!;
  const text = labelGroup.children!.find((c) => c.tag === 'text')!;
  const parts = (t: SvgElement): string[] =>
    t.text !== undefined ? [t.text] : t.children!.map((c) => (c.attrs?.class ? `[${c.attrs.class}] ` : '') + c.text);
  return {
    classes: String(element.attrs!.class),
    label: parts(text),
    title: labelGroup.children!.find((c) => c.tag === 'title')!.text!,
  };
}

describe('a line carrying several exits, marked against another version', () => {
  it('is rewired or removed only when every exit on it is; exits marked differently make it mixed', () => {
    assert.strictEqual(routeChange([{}, {}]), undefined);
    assert.strictEqual(routeChange([{ change: 'rewired' }, { change: 'rewired' }]), 'rewired');
    assert.strictEqual(routeChange([{ change: 'removed' }]), 'removed');
    assert.strictEqual(routeChange([{}, { change: 'rewired' }]), 'mixed');
    assert.strictEqual(routeChange([{ change: 'removed' }, {}]), 'mixed');
    assert.strictEqual(routeChange([{ change: 'rewired' }, { change: 'removed' }]), 'mixed');
  });

  it("its label names the rewired exits and the other version's apart from the unchanged ones, in words", () => {
    const e = (label: string, change?: 'rewired' | 'removed') => ({ label, ...(change ? { change } : {}) });
    assert.deepStrictEqual(routeLabelParts([e('1'), e('3')]), [{ text: '1, 3' }]);
    assert.deepStrictEqual(routeLabelParts([e('1', 'rewired'), e('3', 'rewired')]), [{ text: '1, 3' }]);
    assert.deepStrictEqual(routeLabelParts([e('1'), e('2', 'rewired'), e('3'), e('4', 'rewired')]), [
      { text: '1, 3' },
      { text: ' · ' },
      { text: 'rewired: 2, 4', change: 'rewired' },
    ]);
    assert.deepStrictEqual(routeLabelParts([e('1', 'removed'), e('2', 'rewired')]), [
      { text: 'rewired: 2', change: 'rewired' },
      { text: ' · ' },
      { text: 'removed: 1', change: 'removed' },
    ]);
  });

  it('menu keys 1 (unchanged) and 2 (rewired) on one line to sales: drawn mixed, its label says which key is rewired', () => {
    const graph = marked();
    assert.deepStrictEqual(
      graph.edges.filter((e) => e.from === 'menu' && e.to === 'sales').map((e) => [e.label, e.change ?? 'unchanged']),
      [
        ['1', 'unchanged'],
        ['2', 'rewired'],
      ],
    );
    const line = drawnLine(graph, 'menu', 'sales');
    assert.match(line.classes, /\bchange-mixed\b/);
    assert.doesNotMatch(line.classes, /change-rewired/, 'the unchanged key 1 is not drawn rewired');
    assert.deepStrictEqual(line.label, ['1', ' · ', '[exit-rewired] rewired: 2']);
    assert.strictEqual(line.title, '1 · rewired: 2');
    const layout = layoutFlowGraph(graph);
    const route = layout.routes.find((r) => r.from === 'menu' && r.to === 'sales')!;
    assert.strictEqual(route.labelBox?.width, '1 · rewired: 2'.length * 7 + 10, 'the layout makes room for the words');
    assert.match(drawnLine(graph, 'welcome', 'promo').classes, /\bchange-rewired\b/, 'a line of one rewired exit is');
    assert.deepStrictEqual(drawnLine(graph, 'welcome', 'promo').label, ['next']);
  });

  it("a line still taken by key 1 that key 2 took in the other version says so: mixed, 'removed: 2'", () => {
    const older = OLDER.replace('options: { "1": sales, "2": support }', 'options: { "1": sales, "2": sales }');
    const graph = markGraphAgainstVersion(graphOf(OLDER), older, OLDER);
    const line = drawnLine(graph, 'menu', 'sales');
    assert.match(line.classes, /\bchange-mixed\b/);
    assert.doesNotMatch(line.classes, /change-removed/, 'key 1 still goes there: the line is not ghosted');
    assert.deepStrictEqual(line.label, ['1', ' · ', '[exit-removed] removed: 2']);
    assert.match(drawnLine(graph, 'menu', 'support').classes, /\bchange-rewired\b/);
  });

  it('the same graph without marks draws its shared lines as before: one plain label', () => {
    const line = drawnLine(graphOf(NEWER), 'menu', 'sales');
    assert.doesNotMatch(line.classes, /change-/);
    assert.deepStrictEqual(line.label, ['1, 2']);
  });

  it('a long mixed label is cut to 40 characters from its unchanged exits, keeping the rewired ones; the tooltip keeps it whole', () => {
    const keys = (nine: string) =>
      ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#']
        .map((key) => `"${key}": ${key === '9' ? nine : 'sales'}`)
        .join(', ');
    const menu = 'options: { "1": sales, "2": support }';
    const older = OLDER.replace(menu, `options: { ${keys('support')} }`);
    const newer = OLDER.replace(menu, `options: { ${keys('sales')} }`);
    const line = drawnLine(markGraphAgainstVersion(graphOf(newer), older, newer), 'menu', 'sales');
    assert.strictEqual(line.title, '0, 1, 2, 3, 4, 5, 6, 7, 8, *, # · rewired: 9');
    assert.deepStrictEqual(line.label, ['0, 1, 2, 3, 4, 5, 6, 7, 8,…', ' · ', '[exit-rewired] rewired: 9']);
    assert.strictEqual([...line.label.join('').replace('[exit-rewired] ', '')].length, 40);
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

  it('marks only against a version of the same flow: another file or another flow restores the plain graph', () => {
    for (const older of [
      'file:///etc/passwd',
      'file:///work/flows/acme/notes.yaml',
      'file:///work/flows/acme/v1.yaml.bak',
      'file:///work/flows/other/v1.yaml',
      'untitled:/work/flows/acme/v1.yaml',
    ])
      assert.deepStrictEqual(
        parseSavedGraphState({ documentUri: DOCUMENT_URI, review: { ...REVIEW, older } }),
        { documentUri: DOCUMENT_URI },
        older,
      );
    const v12 = { ...REVIEW, older: 'file:///work/flows/acme/v12.yaml' };
    assert.deepStrictEqual(parseSavedGraphState({ documentUri: DOCUMENT_URI, review: v12 }), {
      documentUri: DOCUMENT_URI,
      review: v12,
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
    assert.strictEqual(await page.locator('#edges > g.edge.change-rewired').count(), 2);
    // Menu key 1 (unchanged) and key 2 (rewired) share the line to sales: the label says which one is rewired.
    const shared = page.locator('#edges > g.edge.change-mixed');
    assert.strictEqual(await shared.count(), 1);
    assert.strictEqual(await shared.getAttribute('data-edges'), 'menu:options.1 menu:options.2');
    assert.strictEqual(await shared.locator('.edge-label text').textContent(), '1 · rewired: 2');
    const rewiredKey = shared.locator('.edge-label tspan.exit-rewired');
    assert.strictEqual(await rewiredKey.textContent(), 'rewired: 2');
    assert.strictEqual(await rewiredKey.evaluate((t) => getComputedStyle(t).fontWeight), '600');
    assert.notStrictEqual(
      await shared.locator('.edge-line').evaluate((l) => getComputedStyle(l).stroke),
      await page
        .locator('#edges > g.edge.change-rewired .edge-line')
        .first()
        .evaluate((l) => getComputedStyle(l).stroke),
      'the shared line is not drawn in the rewired colour as a whole',
    );
    assert.strictEqual(await shared.getAttribute('aria-label'), 'menu 1 · rewired: 2 to sales');
    assert.strictEqual(
      await page.locator('#edges > g.edge.change-rewired[data-edges="welcome:next"]').getAttribute('aria-label'),
      'welcome next to promo, rewired in this version',
    );
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
