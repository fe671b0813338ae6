/**
 * The canvas as an admin works it (issue #19, items 3-6), in headless Chromium against the real
 * page script: the keyboard stays on the canvas, fields take what is typed, the view stays put
 * and fits beside the properties panel, drops land in free space, conditions are built in the panel.
 */
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { applyTextEdits, editForRequest, type CanvasEditRequest } from '../../../src/core/flowEdits';
import { GraphPageHarness } from './pageHarness';
import { fixture, graphOf } from './support';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any, window: any;

const ACME = fixture('sample-v1.yaml');
const EDITABLE = { mode: 'editable' } as const;
const CONDITION = ACME.replace(
  '  goodbye:\n',
  [
    '  route:',
    '    type: condition',
    '    branches:',
    '      - when: { variable: "caller.number", equals: "+14155550100" }',
    '        next: sales',
    '    else: menu',
    '  ask:',
    '    type: collect',
    '    say: "Your account?"',
    '    variable: account',
    '    next: route',
    '  goodbye:',
    '',
  ].join('\n'),
);

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

describe('the canvas keeps the keyboard, the view and what is typed (headless Chromium)', function () {
  this.timeout(60_000);
  const harness = new GraphPageHarness();
  let page: Page;
  let text: string;

  before(() => harness.launch());
  after(() => harness.close());
  beforeEach(async () => {
    page = await harness.open({ width: 1200, height: 800 });
    text = ACME;
    await harness.show(graphOf(text), { editing: EDITABLE, queues: ['sales'] });
    await harness.clearPosted();
  });
  afterEach(async () => {
    await page?.close();
  });

  async function edits(): Promise<CanvasEditRequest[]> {
    return (await harness.posted()).filter((m) => m.type === 'edit').map((m) => m.edit as CanvasEditRequest);
  }

  /** As the extension answers an edit: the YAML changed, the graph drawn again. */
  async function deliverLast(): Promise<CanvasEditRequest> {
    const all = await edits();
    const request = all[all.length - 1]!;
    text = applyTextEdits(text, editForRequest(text, request).edits);
    await harness.clearPosted();
    await harness.show(graphOf(text), { editing: EDITABLE, queues: ['sales'] });
    return request;
  }

  const transform = (): Promise<string | null> => page.locator('#viewport').getAttribute('transform');
  const activeId = (): Promise<string> =>
    page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('data-id') || '');
  const rect = async (selector: string): Promise<Rect> => {
    const box = await page.locator(selector).first().boundingBox();
    assert.ok(box, `${selector} is drawn`);
    return box;
  };

  it('a click on a step shows it in the YAML without taking the keyboard; Enter on it hands the keyboard over', async () => {
    await page.locator('g[data-id="menu"] .node-label').click();
    await page.keyboard.press('Enter');
    const reveals = (await harness.posted()).filter((m) => m.type === 'reveal');
    assert.deepStrictEqual(reveals, [
      { type: 'reveal', id: 'menu' },
      { type: 'reveal', id: 'menu', focus: true },
    ]);
  });

  it('Escape, a click on empty canvas and the close button each deselect and close the properties panel', async () => {
    for (const close of [
      () => page.keyboard.press('Escape'),
      () => page.mouse.click(15, 790),
      () => page.locator('#properties .properties-close').click(),
    ]) {
      await page.locator('g[data-id="menu"] .node-label').click();
      await page.waitForSelector('#properties:not([hidden])');
      await close();
      await page.waitForSelector('#properties', { state: 'hidden' });
      assert.strictEqual(await page.locator('#nodes .selected').count(), 0, 'nothing selected');
    }
    assert.strictEqual(await activeId(), 'canvas', 'the keyboard stays on the canvas');
    const selected = (await harness.posted()).filter((m) => m.type === 'selected').map((m) => m.id);
    assert.deepStrictEqual(selected, ['menu', null, 'menu', null, 'menu', null]);
  });

  it('after a gesture that asked a question, the extension gives the keyboard back and Ctrl+Z and Ctrl+Y reach it', async () => {
    await page.locator('g[data-id="support"] .node-label').click();
    await page.keyboard.press('Delete');
    await deliverLast(); // the step is gone: nothing on the page has the keyboard
    await page.evaluate(() => document.activeElement?.blur());
    await page.evaluate(() => window.postMessage({ type: 'focus' }, '*'));
    await page.waitForFunction(() => document.activeElement?.id === 'canvas');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+y');
    assert.deepStrictEqual(
      (await harness.posted()).filter((m) => m.type === 'undo' || m.type === 'redo').map((m) => m.type),
      ['undo', 'redo'],
    );
  });

  it('a time is written once, when the field is left, as typed in 12-hour form', async () => {
    await page.locator('g[data-id="hours"] .node-label').click();
    await page.locator('input[aria-label="mon-fri opens at"]').focus();
    await page.keyboard.type('0100P');
    assert.deepStrictEqual(await edits(), [], 'nothing written while typing');
    assert.strictEqual(await page.locator('input[aria-label="mon-fri opens at"]').inputValue(), '13:00');
    await page.locator('#field-timezone').focus(); // the field is left
    const written = await edits();
    assert.strictEqual(written.length, 1, JSON.stringify(written));
    assert.deepStrictEqual(written[0], {
      kind: 'setField',
      step: 'hours',
      field: 'hours',
      value: { 'mon-fri': ['13:00-17:00'], sat: ['10:00-13:00'] },
    });
  });

  it('a date is written once, on Enter, not as 0002-12-25 on the way', async () => {
    await page.locator('g[data-id="hours"] .node-label').click();
    await page.locator('input[aria-label="Add a holiday"]').focus();
    await page.keyboard.type('12252027');
    assert.deepStrictEqual(await edits(), [], 'nothing written while typing');
    await page.keyboard.press('Enter');
    assert.deepStrictEqual(await edits(), [
      { kind: 'setField', step: 'hours', field: 'holidays', value: ['2026-12-25', '2027-12-25'] },
    ]);
  });

  it('a row added with "+ Add sun" shows at once, while the keyboard is still on the panel', async () => {
    await page.locator('g[data-id="hours"] .node-label').click();
    const add = page.locator('#properties button.field-add', { hasText: /^\+ Add (sat-sun|mon)$/ });
    const label = (await add.textContent())!.slice('+ Add '.length);
    await add.focus();
    await page.keyboard.press('Enter');
    await deliverLast();
    assert.strictEqual(await page.locator('select[aria-label="Days of row 3"]').inputValue(), label);
    assert.ok(await page.evaluate(() => document.getElementById('properties').contains(document.activeElement)));
  });

  it('selecting a step in view does not move the view; one the panel would cover is brought just into view', async () => {
    const before = await transform();
    await page.locator('g[data-id="welcome"] .node-label').click();
    await page.waitForSelector('#properties:not([hidden])');
    assert.strictEqual(await transform(), before, 'the view stays put');
    await page.keyboard.press('Escape');
    // A step scrolled to the right edge: the panel opening over it brings it into view.
    const right = await rect('g[data-id="support"] .node-box');
    await page.mouse.move(15, 790);
    await page.mouse.wheel(-(1160 - (right.x + right.width)), 0);
    await page.waitForFunction((x) => {
      const box = document.querySelector('g[data-id="support"] .node-box').getBoundingClientRect();
      return Math.abs(box.right - x) < 2;
    }, 1160);
    await page.locator('g[data-id="support"] .node-label').click();
    await page.waitForSelector('#properties:not([hidden])');
    const panel = await rect('#properties');
    const box = await rect('g[data-id="support"] .node-box');
    assert.ok(
      box.x + box.width <= panel.x,
      `the step (right edge ${box.x + box.width}) is left of the panel (${panel.x})`,
    );
  });

  it('Fit with the properties panel open shows every step beside it, not under it', async () => {
    await page.locator('g[data-id="menu"] .node-label').click();
    await page.waitForSelector('#properties:not([hidden])');
    await page.locator('#fit').click();
    const panel = await rect('#properties');
    const canvas = await rect('#canvas');
    for (const id of ['welcome', 'hours', 'menu', 'sales', 'support', 'voicemail', 'goodbye']) {
      const box = await rect(`g[data-id="${id}"] .node-box`);
      assert.ok(box.x >= canvas.x - 1 && box.x + box.width <= panel.x + 1, `${id} is beside the panel`);
    }
  });

  it('a step dropped onto another lands beside it, in free space', async () => {
    const target = await harness.centreOf('g[data-id="menu"] .node-label');
    const start = await harness.centreOf('#palette .palette-item[data-type="play"]');
    await harness.drag(start, target);
    const [request] = await edits();
    assert.ok(request?.kind === 'addStep' && request.at, JSON.stringify(request));
    const layout = await page.evaluate(() =>
      [...document.querySelectorAll('#nodes > g.node')].map((g: { getAttribute(n: string): string }) => ({
        id: g.getAttribute('data-id'),
        transform: g.getAttribute('transform'),
      })),
    );
    for (const { id, transform: t } of layout) {
      const [x, y] = /translate\(([-\d.]+)[ ,]+([-\d.]+)\)/.exec(t)!.slice(1).map(Number) as [number, number];
      const apart =
        request.at.x >= x + 210 || request.at.x + 210 <= x || request.at.y >= y + 64 || request.at.y + 64 <= y;
      assert.ok(apart, `the new step does not cover ${id}`);
    }
  });

  it("a condition's branches are built in the panel: variable offered from the flow, operator, value, order, remove", async () => {
    text = CONDITION;
    await harness.show(graphOf(text), { editing: EDITABLE });
    await harness.clearPosted();
    await page.locator('g[data-id="route"] .node-label').click();
    const offered = await page
      .locator('#variables-list option')
      .evaluateAll((o) => o.map((x: { value: string }) => x.value));
    assert.ok(offered.includes('account') && offered.includes('caller.number'), offered.join(', '));
    await page.locator('#properties button.field-add', { hasText: 'Add a branch' }).click();
    await deliverLast();
    await page.locator('input[aria-label="Variable of branch 2"]').fill('account');
    await page.locator('input[aria-label="Variable of branch 2"]').press('Tab');
    await deliverLast();
    await page.locator('select[aria-label="Operator of branch 2"]').selectOption('greater-than');
    await deliverLast();
    await page.locator('input[aria-label="Value of branch 2"]').fill('1000');
    await page.locator('input[aria-label="Value of branch 2"]').press('Tab');
    await deliverLast();
    await page.locator('select[aria-label="Step branch 2 leads to"]').focus();
    await page.locator('select[aria-label="Step branch 2 leads to"]').selectOption('support');
    await deliverLast();
    assert.match(
      text,
      /\n {4}branches:\n {6}- when: \{ variable: "caller\.number", equals: "\+14155550100" \}\n {8}next: sales\n {6}- when: \{ variable: "account", greater-than: "1000" \}\n {8}next: support\n {4}else: menu\n/,
    );
    await page.locator('button[aria-label="Move branch 2 up"]').click();
    await deliverLast();
    assert.match(text, /branches:\n {6}- when: \{ variable: "account"/);
    await page.locator('button[aria-label="Remove branch 1"]').click();
    await deliverLast();
    assert.match(
      text,
      /branches:\n {6}- when: \{ variable: "caller\.number", equals: "\+14155550100" \}\n {8}next: sales\n {4}else: menu\n/,
    );
    assert.ok(!/ \n/.test(text), 'no trailing spaces');
  });
});
