import * as assert from 'assert';
import {
  definition,
  documentSymbols,
  hover,
  prepareRename,
  references,
  rename,
  scheduleInWords,
  workspaceSymbols,
} from '../../../src/core/language';
import { applyTextEdits } from '../../../src/core/flowEdits';
import { ACME, acmeIndex, draftFile } from './support';
import { parseFlowId } from '../../../src/core';

const index = acmeIndex();
const file = draftFile(index, ACME);
/** The offset of the n-th (0-based) occurrence of `needle`, plus `shift` characters. */
function offsetOf(needle: string, n = 0, shift = 1): number {
  let at = -1;
  for (let i = 0; i <= n; i++) at = ACME.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} #${n} is in the text`);
  return at + shift;
}
const textAt = (span: { start: number; end: number }, text = ACME): string => text.slice(span.start, span.end);

describe('hover', () => {
  it("on a step reference: the target's type, summary and exits", () => {
    const result = hover(file, offsetOf('open: menu', 0, 'open: m'.length))!;
    assert.strictEqual(textAt(result.span), 'menu');
    assert.match(result.contents, /\*\*menu\*\* · `menu` — Offer a keypad menu/);
    assert.match(result.contents, /For sales press 1/);
    assert.match(result.contents, /Exits: 1 → `sales`, 2 → `support`, no-input → `voicemail`/);
  });

  it('on a step key: also where it is reached from', () => {
    const result = hover(file, offsetOf('  voicemail:\n', 0, 3))!;
    assert.match(result.contents, /Reached from `hours` \(closed\), `menu` \(no-input\)/);
  });

  it('on a business-hours step: the schedule in words', () => {
    const result = hover(file, offsetOf('  hours:\n', 0, 3))!;
    assert.match(result.contents, /Open Mon–Fri 09:00–17:00, Sat 10:00–13:00 New York time; closed on 25 Dec 2026\./);
  });

  it('on a variable: where it is defined', () => {
    assert.match(hover(file, offsetOf('{{caller.number}}', 0, 4))!.contents, /`caller.number`: built in/);
    assert.match(
      hover(file, offsetOf('variable: account', 1, 'variable: ac'.length))!.contents,
      /set by the collect step `account`/,
    );
  });

  it('on a time zone: the local time there now', () => {
    const result = hover(file, offsetOf('America/New_York', 0, 3), new Date('2026-11-24T15:00:00Z'))!;
    assert.strictEqual(textAt(result.span), 'America/New_York');
    assert.match(result.contents, /it is Tue 24 Nov, 10:00 GMT-5 there now/);
  });

  it("on a field: the schema's description (one source: schemas/)", () => {
    const result = hover(file, offsetOf('no-answer: voicemail', 0, 2))!;
    assert.strictEqual(textAt(result.span), 'no-answer');
    assert.match(result.contents, /\*\*no-answer\*\*: /);
    const type = hover(file, offsetOf('type: collect', 0, 'type: co'.length))!;
    assert.match(type.contents, /\*\*collect\*\*/);
  });

  it('says the schedule of odd hours honestly', () => {
    assert.strictEqual(scheduleInWords({ timezone: 'Europe/London', hours: {} }), 'Never open London time.');
    assert.strictEqual(
      scheduleInWords({
        hours: { 'sun-thu': ['08:00-12:00', '13:00-17:00'] },
        holidays: ['2027-01-01'],
        holiday: 'closed-day',
      }),
      'Open Sun–Thu 08:00–12:00, 13:00–17:00; holiday (to closed-day) on 1 Jan 2027.',
    );
  });
});

describe('definition, references, rename', () => {
  it("goes from an exit to the step's key", () => {
    const [found] = definition(file, offsetOf('no-input: voicemail', 0, 'no-input: v'.length));
    assert.strictEqual(found!.file, 'flows/acme/v2.yaml');
    assert.strictEqual(textAt(found!.span), 'voicemail');
    assert.strictEqual(found!.span.start, ACME.indexOf('  voicemail:\n') + 2);
  });

  it("goes from goto-flow's flow to the flow's published version, else its draft", () => {
    const text = ACME.replace(
      '  goodbye:\n',
      '  onward:\n    type: goto-flow\n    flow: billing\n  back:\n    type: goto-flow\n    flow: acme\n  goodbye:\n',
    );
    const withGoto = draftFile(acmeIndex(text), text);
    const [billing] = definition(withGoto, text.indexOf('flow: billing') + 8);
    assert.strictEqual(billing!.file, 'flows/billing/v1.yaml', 'a draft when nothing is published');
    const [acme] = definition(withGoto, text.indexOf('flow: acme') + 8);
    assert.strictEqual(acme!.file, 'flows/acme/v1.yaml', 'the published version');
  });

  it('finds every reference to a step: its key, exits, and the scenario paths of the flow', () => {
    const found = references(file, offsetOf('  sales:\n', 0, 3));
    const inFlow = found.filter((l) => l.file === 'flows/acme/v2.yaml').map((l) => l.span.start);
    assert.deepStrictEqual(inFlow, [
      offsetOf('  sales:\n', 0, 2),
      offsetOf('"1": sales', 0, 5),
      offsetOf('next: sales', 0, 6),
    ]);
    const inScenarios = found.filter((l) => l.file === 'flows/acme/calls.yaml');
    assert.strictEqual(inScenarios.length, 1);
    assert.strictEqual(references(file, offsetOf('  sales:\n', 0, 3), false).length, found.length - 1);
  });

  it('renames a step id in the draft and its call scenarios; refuses a taken id and a published version', () => {
    const result = rename(file, offsetOf('next: goodbye', 0, 7), 'farewell');
    assert.ok(result && 'edits' in result);
    const [flowEdits, scenarioEdits] = result.edits;
    const renamed = applyTextEdits(ACME, flowEdits!.edits);
    assert.match(renamed, /next: farewell\n {2}farewell:\n {4}type: hangup/);
    assert.strictEqual(scenarioEdits, undefined, 'the scenario path does not name goodbye');
    const sales = rename(file, offsetOf('  sales:\n', 0, 3), 'sales-queue');
    assert.ok(sales && 'edits' in sales);
    assert.strictEqual(sales.edits[1]!.file, 'flows/acme/calls.yaml');
    const taken = rename(file, offsetOf('next: goodbye', 0, 7), 'menu');
    assert.ok(taken && 'refusal' in taken);
    assert.match(taken.refusal.message, /already has a step "menu"/);
    const published = {
      ...file,
      role: { kind: 'version' as const, flowId: parseFlowId('acme'), version: 1 },
      relativePath: 'flows/acme/v1.yaml',
    };
    const refused = prepareRename(published, offsetOf('next: goodbye', 0, 7));
    assert.ok(refused && 'refusal' in refused);
    assert.match(refused.refusal.message, /published and read-only/);
    const allowed = prepareRename(file, offsetOf('next: goodbye', 0, 7));
    assert.ok(allowed && 'span' in allowed);
    assert.strictEqual(allowed.placeholder, 'goodbye');
  });
});

describe('symbols', () => {
  it('lists the steps of a version with their type', () => {
    const symbols = documentSymbols(file);
    assert.deepStrictEqual(
      symbols.map((s) => s.name),
      ['welcome', 'hours', 'menu', 'account', 'check', 'sales', 'support', 'voicemail', 'goodbye'],
    );
    assert.match(symbols[2]!.detail, /^menu · For sales/);
    assert.strictEqual(textAt(symbols[2]!.selectionSpan), 'menu');
  });

  it('finds flows and steps across the workspace by a fuzzy query', () => {
    const found = workspaceSymbols(index, 'vcml');
    assert.deepStrictEqual(
      found.map((s) => `${s.container ?? ''}/${s.name}`),
      ['acme/voicemail'],
    );
    const flows = workspaceSymbols(index, 'bill').filter((s) => s.kind === 'flow');
    assert.deepStrictEqual(
      flows.map((s) => `${s.name} ${s.detail} ${s.file}`),
      ['billing Billing flows/billing/v1.yaml'],
    );
  });
});
