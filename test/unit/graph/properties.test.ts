/**
 * The properties panel in headless Chromium against the real page script: built from the
 * schema for the selected step, with real controls, each change one setField message whose
 * YAML (through the extension's mapping) is the smallest edit.
 */
import * as assert from 'assert';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { applyTextEdits, editForRequest, type CanvasEditRequest } from '../../../src/core/flowEdits';
import { GraphPageHarness, SCREENSHOTS } from './pageHarness';
import { fixture, graphOf } from './support';

const ACME = fixture('sample-v1.yaml');

describe('the properties panel (headless Chromium)', function () {
  this.timeout(60_000);
  const harness = new GraphPageHarness();
  let page: Page;

  before(() => harness.launch());
  after(() => harness.close());
  beforeEach(async () => {
    page = await harness.open({ width: 1300, height: 900 });
    await harness.show(graphOf(ACME), { editing: { mode: 'editable' }, queues: ['billing', 'sales'] });
    await harness.clearPosted();
  });
  afterEach(async () => {
    await page?.close();
  });

  async function lastEdit(): Promise<CanvasEditRequest> {
    const edits = (await harness.posted()).filter((m) => m.type === 'edit');
    assert.ok(edits.length > 0, 'an edit was posted');
    return edits[edits.length - 1]!.edit as CanvasEditRequest;
  }

  const yamlOf = (request: CanvasEditRequest): string => applyTextEdits(ACME, editForRequest(ACME, request).edits);

  it("shows the selected step's fields with the schema's descriptions and the step's problems", async () => {
    assert.strictEqual(await page.locator('#properties').isHidden(), true);
    await page.locator('g[data-id="menu"] .node-label').click();
    await page.waitForSelector('#properties:not([hidden])');
    assert.strictEqual(await page.locator('#properties .properties-title').textContent(), 'menu');
    const labels = await page.locator('#properties .field-label').allTextContents();
    assert.deepStrictEqual(labels, ['say', 'audio', 'options *', 'timeout', 'attempts', 'no-input', 'invalid']);
    assert.match((await page.locator('#field-timeout-help').textContent()) ?? '', /Seconds to wait for a key press/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'properties-menu.png') });
  });

  it('a number field change is one setField, and the YAML changes that line only', async () => {
    await page.locator('g[data-id="menu"] .node-label').click();
    await page.fill('#field-timeout', '8');
    await page.locator('#field-timeout').press('Enter');
    await page.locator('#field-say').focus();
    const request = await lastEdit();
    assert.deepStrictEqual(request, { kind: 'setField', step: 'menu', field: 'timeout', value: 8 });
    assert.strictEqual(yamlOf(request), ACME.replace('    timeout: 5\n', '    timeout: 8\n'));
  });

  it('the menu keys table adds a key leading to a step', async () => {
    await page.locator('g[data-id="menu"] .node-label').click();
    await page.locator('#properties button', { hasText: '+ Add key 3' }).click();
    const request = await lastEdit();
    assert.strictEqual(request.kind, 'setField');
    assert.match(yamlOf(request), /options: \{ "1": sales, "2": support, "3": welcome \}/);
  });

  it('an unset holiday exit says holidays use the closed step, while other unset exits hang up', async () => {
    await page.locator('g[data-id="hours"] .node-label').click();
    assert.strictEqual(
      await page.locator('#field-holiday option[value=""]').textContent(),
      '(not connected: holidays use the closed step)',
    );
    await page.locator('g[data-id="support"] .node-label').click();
    assert.strictEqual(
      await page.locator('#field-failed option[value=""]').textContent(),
      '(not connected: the call hangs up)',
    );
  });

  it('the phone number is checked as E.164 while typing', async () => {
    await page.locator('g[data-id="support"] .node-label').click();
    await page.fill('#field-to', '+1 415');
    assert.match((await page.locator('#properties .field-check').textContent()) ?? '', /Not an E\.164 number/);
    assert.strictEqual(await page.locator('#field-to').getAttribute('aria-invalid'), 'true');
    await page.fill('#field-to', '+14155550100');
    assert.match((await page.locator('#properties .field-check').textContent()) ?? '', /A valid E\.164 number/);
    await page.locator('#field-to').press('Enter');
    await page.locator('#properties .properties-title').click();
    const request = await lastEdit();
    assert.deepStrictEqual(request, { kind: 'setField', step: 'support', field: 'to', value: '+14155550100' });
    assert.match(yamlOf(request), /\n {4}to: "\+14155550100"\n/);
  });

  it('business hours: a weekly grid with time inputs, a holiday list with dates, a searchable zone list', async () => {
    await page.locator('g[data-id="hours"] .node-label').click();
    assert.strictEqual(await page.locator('#properties input[type="time"]').count(), 4, 'mon-fri and sat, from and to');
    assert.strictEqual(await page.locator('#properties input[type="date"]').first().inputValue(), '2026-12-25');
    assert.ok((await page.locator('#timezones-list option').count()) > 100, 'the IANA zones to search');
    await page.locator('#properties button', { hasText: '+ Add sat-sun' }).click();
    const request = await lastEdit();
    assert.strictEqual(
      yamlOf(request),
      ACME.replace('      sat: ["10:00-13:00"]\n', '      sat: ["10:00-13:00"]\n      sat-sun: ["09:00-17:00"]\n'),
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'properties-hours.png') });
  });

  it('the queue picker offers the workspace queues; a prompt offers its variables', async () => {
    await page.locator('g[data-id="sales"] .node-label').click();
    assert.deepStrictEqual(
      await page.locator('#queues-list option').evaluateAll((o) => o.map((x: { value: string }) => x.value)),
      ['billing', 'sales'],
    );
    await page.locator('g[data-id="welcome"] .node-label').click();
    const chips = await page.locator('#properties .variable-chip').allTextContents();
    assert.ok(chips.includes('{{caller.number}}'), chips.join(' '));
    await page.locator('#properties .variable-chip', { hasText: '{{caller.number}}' }).click();
    const request = await lastEdit();
    assert.strictEqual(request.kind, 'setField');
    assert.match(
      yamlOf(request),
      /say: "Thanks for calling Acme\.\{\{caller\.number\}\}"|say: "\{\{caller\.number\}\}/,
    );
  });
});
