/**
 * Editing a draft on the canvas, in headless Chromium against the real page script: each
 * gesture done with the mouse (drag events) or the keyboard, asserting the message the page
 * sends and, through the same core mapping the extension uses, the YAML it makes.
 */
import * as assert from 'assert';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { applyTextEdits, editForRequest, type CanvasEditRequest } from '../../../src/core/flowEdits';
import { GraphPageHarness, SCREENSHOTS, type PostedMessage } from './pageHarness';
import { fixture, graphOf, sharedGoodbyeFlow } from './support';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

const ACME = fixture('sample-v1.yaml');
const EDITABLE = { mode: 'editable' } as const;

describe('editing a draft on the canvas (headless Chromium)', function () {
  this.timeout(60_000);
  const harness = new GraphPageHarness();
  let page: Page;
  /** The document as the extension holds it. */
  let text: string;
  let positions: Record<string, { x: number; y: number }>;

  before(() => harness.launch());
  after(() => harness.close());
  beforeEach(async () => {
    page = await harness.open({ width: 1200, height: 1000 });
    text = ACME;
    positions = {};
    await harness.show(graphOf(text), { editing: EDITABLE });
    await harness.clearPosted();
  });
  afterEach(async () => {
    await page?.close();
  });

  async function edits(): Promise<CanvasEditRequest[]> {
    return (await harness.posted()).filter((m) => m.type === 'edit').map((m) => m.edit as CanvasEditRequest);
  }

  /** Does what the extension does with the page's one edit request: edit the YAML, remember a drop point, redraw. */
  async function deliver(): Promise<{ request: CanvasEditRequest; before: string }> {
    const requests = await edits();
    assert.strictEqual(requests.length, 1, `one edit request, got ${JSON.stringify(requests)}`);
    const request = requests[0]!;
    const before = text;
    const edit = editForRequest(text, request);
    text = applyTextEdits(text, edit.edits);
    if (request.kind === 'addStep' && request.at && edit.step) positions = { ...positions, [edit.step]: request.at };
    await harness.clearPosted();
    await harness.show(graphOf(text), { editing: EDITABLE, positions });
    return { request, before };
  }

  it('shows the palette of the 13 types and a port for every exit, set or not', async () => {
    assert.deepStrictEqual(await page.locator('#palette .palette-item').allTextContents(), [
      'play',
      'menu',
      'collect',
      'condition',
      'business-hours',
      'set',
      'assign-dial',
      'transfer',
      'voicemail',
      'callback',
      'http',
      'goto-flow',
      'hangup',
    ]);
    assert.deepStrictEqual(await page.locator('g[data-id="menu"] .port text').allTextContents(), [
      '1',
      '2',
      '+',
      'no-input',
      'invalid',
    ]);
    assert.deepStrictEqual(await page.locator('g[data-id="hours"] .port.port-open text').allTextContents(), [
      'holiday',
    ]);
    assert.match(
      (await page.locator('g[data-id="hours"] .node-summary').textContent()) ?? '',
      /^mon-fri 09:00-17:00/,
      'a business-hours step shows its hours',
    );
    assert.strictEqual(await page.locator('#locked').isHidden(), true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'canvas-editor.png') });
  });

  it('dragging a type from the palette onto empty canvas adds that step there', async () => {
    const start = await harness.centreOf('#palette .palette-item[data-type="play"]');
    await harness.drag(start, { x: 1000, y: 300 });
    const { request, before } = await deliver();
    assert.strictEqual(request.kind, 'addStep');
    assert.deepStrictEqual({ ...request, at: undefined }, { kind: 'addStep', stepType: 'play', at: undefined });
    assert.ok(request.kind === 'addStep' && request.at && Number.isFinite(request.at.x));
    assert.strictEqual(text, `${before}  play-1:\n    type: play\n    say: ""\n`);
    const box = await page.locator('g[data-id="play-1"] .node-box').boundingBox();
    assert.ok(
      box && Math.abs(box.x + box.width / 2 - 1000) < 40 && Math.abs(box.y + box.height / 2 - 300) < 40,
      'drawn where it was dropped',
    );
  });

  it('dropping a type onto a line inserts the step on that exit', async () => {
    const start = await harness.centreOf('#palette .palette-item[data-type="play"]');
    const line = await harness.centreOf('#edges g.edge[data-edges="welcome:next"] .edge-label');
    await harness.drag(start, line);
    const { request } = await deliver();
    assert.deepStrictEqual(request, { kind: 'addStep', stepType: 'play', on: { step: 'welcome', exit: 'next' } });
    assert.match(text, / {4}next: play-1\n {2}play-1:\n {4}type: play\n {4}say: ""\n {4}next: hours\n/);
  });

  it('dragging the + port of a menu onto a step connects a new key: exactly one line changes', async () => {
    const port = await harness.centreOf('g[data-id="menu"] .port-add');
    const target = await harness.centreOf('g[data-id="sales"] .node-box');
    await harness.drag(port, target);
    const { request, before } = await deliver();
    assert.deepStrictEqual(request, { kind: 'setExit', step: 'menu', exit: 'options.3', target: 'sales' });
    assert.strictEqual(
      text,
      before.replace('options: { "1": sales, "2": support }', 'options: { "1": sales, "2": support, "3": sales }'),
    );
    assert.deepStrictEqual(await page.locator('g[data-id="menu"] .port text').allTextContents(), [
      '1',
      '2',
      '3',
      '+',
      'no-input',
      'invalid',
    ]);
  });

  it('dragging a set port onto another step rewires it, and the steps not touched stay where they were', async () => {
    const places = await harness.nodePlaces();
    const port = await harness.centreOf('g[data-id="welcome"] .port[data-exit="next"]');
    const target = await harness.centreOf('g[data-id="menu"] .node-box');
    await harness.drag(port, target);
    const { request, before } = await deliver();
    assert.deepStrictEqual(request, { kind: 'setExit', step: 'welcome', exit: 'next', target: 'menu' });
    assert.strictEqual(text, before.replace('    next: hours\n', '    next: menu\n'));
    assert.deepStrictEqual(await harness.nodePlaces(), places, 'no step moved');
  });

  it('dragging a port to empty space offers the types, and the chosen one is added connected from that exit', async () => {
    const port = await harness.centreOf('g[data-id="hours"] .port[data-exit="holiday"]');
    await harness.drag(port, { x: port.x + 300, y: port.y + 120 });
    await page.waitForSelector('#type-menu:not([hidden])');
    assert.strictEqual(
      await page.evaluate(() => document.activeElement?.textContent),
      'play',
      'the menu has the focus',
    );
    await page.locator('#type-menu button', { hasText: 'hangup' }).click();
    const { request } = await deliver();
    assert.strictEqual(request.kind, 'addStep');
    assert.ok(request.kind === 'addStep' && request.at);
    assert.deepStrictEqual(
      { kind: request.kind, stepType: request.stepType, from: request.from },
      { kind: 'addStep', stepType: 'hangup', from: { step: 'hours', exit: 'holiday' } },
    );
    assert.match(text, / {4}holiday: hangup-1\n/);
    assert.match(text, / {2}hangup-1:\n {4}type: hangup\n/);
  });

  it('a line clicked and Delete removes that exit', async () => {
    await page.locator('#edges g.edge[data-edges="hours:closed"] .edge-label').click();
    await page.keyboard.press('Delete');
    const { request, before } = await deliver();
    assert.deepStrictEqual(request, { kind: 'removeExit', step: 'hours', exit: 'closed' });
    assert.strictEqual(text, before.replace('    closed: voicemail\n', ''));
  });

  it('keys on a focused step: Delete deletes (the extension confirms), S sets the start, F2 renames, C connects', async () => {
    await page.locator('g[data-id="support"]').focus();
    await page.keyboard.press('Delete');
    await page.keyboard.press('s');
    await page.keyboard.press('F2');
    await page.keyboard.press('c');
    const messages = (await harness.posted()).filter((m: PostedMessage) => m.type === 'edit' || m.type === 'command');
    assert.deepStrictEqual(messages, [
      { type: 'edit', edit: { kind: 'deleteStep', step: 'support' } },
      { type: 'edit', edit: { kind: 'setStart', step: 'support' } },
      { type: 'edit', edit: { kind: 'renameStep', step: 'support' } },
      { type: 'command', command: 'connect', step: 'support' },
    ]);
    assert.ok((await harness.posted()).some((m) => m.type === 'selected' && m.id === 'support'));
    const deleted = applyTextEdits(ACME, editForRequest(ACME, { kind: 'deleteStep', step: 'support' }).edits);
    assert.ok(!deleted.includes('support:') && !deleted.includes('"2": support'));
  });

  it('Enter on a palette item adds the step; Ctrl+Z and Ctrl+Shift+Z ask the editor to undo and redo', async () => {
    await page.locator('#palette .palette-item[data-type="menu"]').focus();
    await page.keyboard.press('Enter');
    const { request } = await deliver();
    assert.deepStrictEqual({ ...request, at: undefined }, { kind: 'addStep', stepType: 'menu', at: undefined });
    assert.ok(request.kind === 'addStep' && request.at, 'placed in free space in view');
    assert.match(text, / {2}menu-1:\n {4}type: menu\n {4}say: ""\n {4}options: \{\}\n$/);
    await page.locator('g[data-id="welcome"]').focus();
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+Shift+z');
    assert.deepStrictEqual(
      (await harness.posted()).filter((m) => m.type === 'undo' || m.type === 'redo').map((m) => m.type),
      ['undo', 'redo'],
    );
  });

  it('dragging a step moves only that step and reports its new place', async () => {
    const places = await harness.nodePlaces();
    const from = await harness.centreOf('g[data-id="goodbye"] .node-label');
    await harness.drag(from, { x: from.x + 150, y: from.y + 40 });
    const moved = (await harness.posted()).filter((m) => m.type === 'moveStep');
    assert.strictEqual(moved.length, 1);
    assert.strictEqual(moved[0]!.step, 'goodbye');
    const after = await harness.nodePlaces();
    assert.notStrictEqual(after.goodbye, places.goodbye);
    assert.deepStrictEqual({ ...after, goodbye: '' }, { ...places, goodbye: '' }, 'the other steps stayed');
    assert.deepStrictEqual(await edits(), [], 'moving a step does not edit the YAML');
    assert.deepStrictEqual(
      (await harness.posted()).filter((m) => m.type === 'reveal'),
      [],
      'a drag is not a click',
    );
  });

  it('a published version is read-only: no palette, no ports, no edits, and Edit (new draft) is offered', async () => {
    await harness.show(graphOf(text), {
      editing: { mode: 'locked', status: 'published', reason: 'acme v1 is published: it is locked.' },
    });
    assert.strictEqual(await page.locator('#palette').isHidden(), true);
    assert.strictEqual(await page.locator('.port').count(), 0);
    assert.match((await page.locator('#locked').textContent()) ?? '', /acme v1 is published/);
    await page.locator('g[data-id="support"]').focus();
    await page.keyboard.press('Delete');
    const from = await harness.centreOf('g[data-id="goodbye"] .node-label');
    const places = await harness.nodePlaces();
    await harness.drag(from, { x: from.x + 150, y: from.y + 40 });
    assert.deepStrictEqual(await edits(), []);
    assert.deepStrictEqual(await harness.nodePlaces(), places, 'a locked canvas does not move steps');
    await page.locator('#edit-draft').click();
    assert.ok((await harness.posted()).some((m) => m.type === 'editDraft'));
    assert.strictEqual((await harness.posted()).filter((m) => m.type === 'moveStep').length, 0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'canvas-locked.png') });
  });

  it('zoom to fit keeps text at 11 px or more: a 200-step flow is shown readable and scrolls', async () => {
    await harness.show(graphOf(sharedGoodbyeFlow(100)), { editing: EDITABLE });
    await page.click('#fit');
    const transform = (await page.locator('#viewport').getAttribute('transform')) ?? '';
    const scale = Number(/scale\(([^)]+)\)/.exec(transform)?.[1]);
    assert.ok(scale >= 11 / 12 - 1e-9, `scale ${scale}`);
    const size = await page
      .locator('g[data-id="menu0"] .node-summary')
      .evaluate((el: { getBoundingClientRect(): { height: number } }) => el.getBoundingClientRect().height);
    assert.ok(size >= 11, `summary text drawn ${size}px high`);
  });
});
