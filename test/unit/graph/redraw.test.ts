/**
 * Redrawing after a gesture, in headless Chromium against the real page script: the elements of
 * the steps a gesture did not change are kept (only what changed is built again, which keeps a
 * redraw of a large flow fast), and a kept element is put back exactly as it was drawn.
 */
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { applyTextEdits, editForRequest, type CanvasEditRequest } from '../../../src/core/flowEdits';
import { GraphPageHarness } from './pageHarness';
import { fixture, graphOf } from './support';

// The callbacks given to page.evaluate run in the page; the project compiles without the DOM library.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

const ACME = fixture('sample-v1.yaml');
const EDITABLE = { mode: 'editable' } as const;

describe('redrawing the canvas (headless Chromium)', function () {
  this.timeout(60_000);
  const harness = new GraphPageHarness();
  let page: Page;

  before(() => harness.launch());
  after(() => harness.close());
  beforeEach(async () => {
    page = await harness.open({ width: 1200, height: 1000 });
    await harness.show(graphOf(ACME), { editing: EDITABLE });
  });
  afterEach(async () => {
    await page?.close();
  });

  /** Marks every step's element, so that a redraw shows which ones it kept. */
  const markSteps = (): Promise<void> =>
    page.evaluate(() => {
      for (const g of document.querySelectorAll('#nodes > g.node')) g.dataset.testMark = g.getAttribute('data-id');
    });
  const keptSteps = (): Promise<string[]> =>
    page.evaluate(() =>
      [...document.querySelectorAll('#nodes > g.node')]
        .filter((g: { dataset: { testMark?: string } }) => g.dataset.testMark)
        .map((g: { getAttribute(name: string): string }) => g.getAttribute('data-id')),
    );
  const drawnSteps = (): Promise<string[]> =>
    page.evaluate(() =>
      [...document.querySelectorAll('#nodes > g.node')].map((g: { getAttribute(name: string): string }) =>
        g.getAttribute('data-id'),
      ),
    );
  const edited = (request: CanvasEditRequest): string => applyTextEdits(ACME, editForRequest(ACME, request).edits);

  it('keeps the steps a gesture did not change, builds the changed one again, and draws every step once', async () => {
    const before = await drawnSteps();
    const ports = await page.locator('g[data-id="menu"] .port').count();
    await markSteps();
    await harness.show(graphOf(edited({ kind: 'setExit', step: 'menu', exit: 'options.3', target: 'sales' })), {
      editing: EDITABLE,
    });
    const kept = await keptSteps();
    assert.ok(!kept.includes('menu'), 'the menu got a new key: its element is new');
    for (const step of ['welcome', 'hours', 'support', 'goodbye'])
      assert.ok(kept.includes(step), `${step} did not change and is kept (kept: ${kept.join(', ')})`);
    assert.deepStrictEqual([...(await drawnSteps())].sort(), [...before].sort());
    assert.strictEqual(await page.locator('g[data-id="menu"] .port').count(), ports + 1, 'the new key has its port');
  });

  it('a deleted step is gone and a renamed one drawn under its new id', async () => {
    await markSteps();
    await harness.show(graphOf(edited({ kind: 'renameStep', step: 'support', to: 'helpdesk' })), {
      editing: EDITABLE,
    });
    const drawn = await drawnSteps();
    assert.ok(drawn.includes('helpdesk') && !drawn.includes('support'), drawn.join(', '));
    assert.strictEqual(drawn.length, new Set(drawn).size, 'no step is drawn twice');
  });

  it('a kept step is put back as drawn: a class or a place left on it by a gesture is undone', async () => {
    const drawn = await page.evaluate(() => {
      const g = document.querySelector('#nodes > g.node[data-id="goodbye"]');
      const built = { class: g.getAttribute('class'), transform: g.getAttribute('transform') };
      g.classList.add('drop-target');
      g.setAttribute('transform', 'translate(9999 9999)');
      g.dataset.testMark = 'goodbye';
      return built;
    });
    await harness.show(graphOf(edited({ kind: 'setExit', step: 'menu', exit: 'options.3', target: 'sales' })), {
      editing: EDITABLE,
    });
    assert.deepStrictEqual(await keptSteps(), ['goodbye'], 'the same element');
    const now = await page.evaluate(() => {
      const g = document.querySelector('#nodes > g.node[data-id="goodbye"]');
      return { class: g.getAttribute('class'), transform: g.getAttribute('transform') };
    });
    assert.deepStrictEqual(now, drawn);
  });

  it("a step's list of targets in the properties panel offers every step once it is used", async () => {
    await page.locator('g[data-id="menu"] .node-label').click();
    await page.waitForSelector('#properties:not([hidden])');
    const options = (): Promise<string[]> =>
      page.locator('#field-invalid option').evaluateAll((all) => all.map((o: { value: string }) => o.value));
    assert.deepStrictEqual(await options(), ['', 'voicemail'], 'before use: not connected, and its target');
    assert.strictEqual(await page.locator('#field-invalid').inputValue(), 'voicemail');
    await page.locator('#field-invalid').focus();
    const steps = (await drawnSteps()).filter((id) => !id.startsWith('missing'));
    assert.deepStrictEqual(await options(), ['', ...steps]);
    assert.strictEqual(await page.locator('#field-invalid').inputValue(), 'voicemail', 'still its target');
    await page.locator('#field-invalid').selectOption('goodbye');
    const edits = (await harness.posted()).filter((m) => m.type === 'edit');
    assert.deepStrictEqual(edits[edits.length - 1]?.edit, {
      kind: 'setField',
      step: 'menu',
      field: 'invalid',
      value: 'goodbye',
    });
  });
});
