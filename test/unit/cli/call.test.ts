import * as assert from 'assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PseudoTerminal } from '../../helpers/pseudoTerminal';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { callflow } from './cliHarness';

const ACME = readFileSync(path.resolve(__dirname, '../../../../test/fixtures/flows/sample-v1.yaml'), 'utf8');
const AT = '2026-11-24T15:00:00Z';
const SCENARIOS =
  '# Reviewed by the support team.\ncalls:\n  - name: closed on Christmas\n    at: 2026-12-25T15:00:00Z\n    expect: { outcome: voicemail }\n';

/** The step-by-step lines and the outcome, as simulate prints them after its header. */
function trace(output: string): string {
  const lines = output.split('\n');
  const first = lines.findIndex((line) => /^ {2}1\. /.test(line));
  const last = lines.findIndex((line, i) => i > first && line.startsWith('outcome: '));
  return lines.slice(first, last + 1).join('\n');
}

describe('callflow call: a test call in a terminal', function () {
  this.timeout(120_000);
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await makeTempRepo();
    await callflow(repo.root, 'init');
    await callflow(repo.root, 'create', 'Acme');
    await repo.write('flows/acme/v1.yaml', ACME);
    await repo.write('flows/acme/calls.yaml', SCENARIOS);
    await callflow(repo.root, 'save', 'acme');
  });
  afterEach(() => repo.cleanup());

  it('plays prompts, reads keys as typed, asks for outcomes, and ends as simulate does with the same inputs; the saved call passes `callflow test`', async () => {
    const terminal = PseudoTerminal.callflow(
      repo.root,
      'call',
      'acme@draft',
      '--from',
      'anonymous',
      '--at',
      AT,
      '--save-scenario',
      'sales busy, then a message',
    );
    await terminal.waitFor(/attempt 1 of 3\] > /);
    assert.match(terminal.output, /menu: "For sales press 1, for support press 2\."/);
    terminal.type('t');
    await terminal.waitFor(/attempt 2 of 3\] > /);
    terminal.type('9');
    await terminal.waitFor(/attempt 3 of 3\] > /);
    terminal.type('1');
    await terminal.waitFor(/Queue sales: are its agents available\?[\s\S]*> $/);
    terminal.type('b');
    assert.strictEqual(await terminal.exit(), 0, terminal.output);
    const shown = terminal.output;
    assert.match(shown, /> \(no key: timed out\)\n/);
    assert.match(shown, /voicemail: "Please leave a message after the tone\."/);
    assert.match(shown, /Saved as call scenario "sales busy, then a message" in flows\/acme\/calls\.yaml\./);

    const simulate = await callflow(
      repo.root,
      'simulate',
      'acme@draft',
      '--from',
      'anonymous',
      '--at',
      AT,
      '--digits',
      '',
      '--digits',
      '9',
      '--digits',
      '1',
      '--agents',
      'sales=busy',
    );
    assert.strictEqual(simulate.code, 0, simulate.stderr);
    assert.strictEqual(trace(shown), trace(simulate.stdout));
    assert.match(trace(shown), /menu \(menu\) \[keys \(none\), 9, 1\] -> 1 -> sales/);

    const saved = readFileSync(path.join(repo.root, 'flows/acme/calls.yaml'), 'utf8');
    assert.ok(saved.startsWith(SCENARIOS), saved);
    assert.match(saved, /digits: \[ "", "9", "1" \]/);
    const test = await callflow(repo.root, 'test', 'acme@draft');
    assert.strictEqual(test.code, 0, test.stdout);
    assert.match(test.stdout, /✔ sales busy, then a message/);
    assert.match(test.stdout, /2 passed, 0 failed/);
  });

  it('asks once per transfer and collects digits up to the finish key', async () => {
    const flow = ACME.replace('options: { "1": sales, "2": support }', 'options: { "1": sales, "2": account }').replace(
      '  support:\n',
      '  account:\n    type: collect\n    say: "Your account number, then hash."\n    variable: account\n    next: support\n  support:\n',
    );
    await repo.write('flows/acme/v1.yaml', flow);
    const terminal = PseudoTerminal.callflow(repo.root, 'call', 'acme', '--at', AT);
    await terminal.waitFor(/attempt 1 of 3\] > /);
    terminal.type('2');
    await terminal.waitFor(/account: "Your account number, then hash\."\n {2}\[account: digits, then #;/);
    terminal.type('12*4#');
    await terminal.waitFor(/Transfer to \+14155550199: does it connect\?[\s\S]*> $/);
    terminal.type('a');
    assert.strictEqual(await terminal.exit(), 0, terminal.output);
    assert.match(terminal.output, /> 12\*4#\n/);
    assert.match(terminal.output, /account \(collect\) \[keys 12\*4#; account = "12\*4"\]/);
    assert.match(terminal.output, /outcome: transferred to \+14155550199/);
    assert.match(terminal.output, /callflow simulate acme --at 2026-11-24T15:00:00.000Z --digits 2 --digits '12\*4#'/);
  });

  it('Ctrl-C hangs up cleanly: exit 130, the terminal given back, nothing saved', async () => {
    const terminal = PseudoTerminal.callflow(repo.root, 'call', 'acme', '--at', AT, '--save-scenario');
    await terminal.waitFor(/attempt 1 of 3\] > /);
    terminal.type('\u0003');
    assert.strictEqual(await terminal.exit(), 130, terminal.output);
    assert.match(terminal.output, /You hung up: the call ended before its outcome\. Nothing was saved\./);
    assert.doesNotMatch(terminal.output, /Error|at .*\.js:\d+/);
    assert.strictEqual(readFileSync(path.join(repo.root, 'flows/acme/calls.yaml'), 'utf8'), SCENARIOS);
  });

  it('without a terminal, says to use callflow simulate (exit 2)', async () => {
    const run = await callflow(repo.root, 'call', 'acme', '--at', AT);
    assert.strictEqual(run.code, 2, run.stderr);
    assert.match(run.stderr, /callflow call reads keys as you press them, and there is no terminal here\./);
    assert.match(run.stderr, /`callflow simulate acme --digits 1`/);
  });
});
