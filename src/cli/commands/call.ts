/**
 * `callflow call`: a test call in the terminal. The session (the core's InteractiveCall) runs
 * the call on the engine and records the inputs; this file only prints what the caller hears
 * and reads the keys the user presses.
 */
import {
  assertCallerId,
  describeSimulation,
  entryComplete,
  InteractiveCall,
  InvalidInputError,
  parseCallTarget,
  parseCallTime,
  scenarioEntry,
  testCallScenarioName,
  type CallProgress,
  type GivenInputs,
  type Question,
  type Utterance,
} from '../../core';
import { ExitCode, signalExitCode } from '../exitCodes';
import { END_OF_INPUT_KEY, INTERRUPT_KEY, type Keyboard } from '../keyboard';
import type { VerbRegistrar } from '../program';
import { ENV_OPTION, type VerbContext } from '../verbContext';

const DTMF_KEY = /^[0-9*#]$/;
const TIME_OUT_KEYS = new Set(['t', 'T', '\r', '\n']);

/** The user hung up (Ctrl-C, or the input ended): the call stops where it is. */
class HungUp extends Error {}

export function registerCallVerb(verb: VerbRegistrar): void {
  verb(
    'call <target>',
    (c) =>
      c
        .description(
          'a test call in the terminal: hear the prompts as they play and press keys as the caller; <target> as for simulate (a number, flow-id, flow-id@N, flow-id@draft)',
        )
        .option('--at <iso-time>', 'the call time, ISO 8601 with a zone, e.g. 2026-11-24T15:00:00Z (default: now)')
        .option(
          '--from <caller>',
          'the caller id (caller.number) as a carrier sends it: +14155550123, anonymous, client:alice, sip:…',
        )
        .option(...ENV_OPTION)
        .option('--save-scenario [name]', "append the call (its inputs and outcome) to the flow's calls.yaml"),
    async (ctx, targetText: string) => {
      const o = ctx.options as { at?: string; from?: string; saveScenario?: string | boolean; env?: string };
      if (o.env !== undefined && o.saveScenario !== undefined && o.saveScenario !== false)
        throw new InvalidInputError(
          'scenario-from-environment',
          `--save-scenario cannot be used with --env: the call runs what ${o.env} serves, with its values, and calls.yaml holds the flow's own scenarios.`,
          `Leave out --env to save a call of the working tree's flow, or leave out --save-scenario.`,
        );
      const target = parseCallTarget(targetText);
      if (o.from !== undefined) assertCallerId(o.from);
      const at = parseCallTime(o.at ?? new Date());
      const keyboard = ctx.io.openKeyboard?.();
      if (!keyboard) {
        throw new InvalidInputError(
          'no-terminal',
          'callflow call reads keys as you press them, and there is no terminal here.',
          `Run it in a terminal, or give the inputs up front: \`callflow simulate ${targetText} --digits 1\`.`,
        );
      }
      try {
        await placeCall(ctx, keyboard, targetText, target, at, o);
      } finally {
        keyboard.close();
      }
    },
  );
}

async function placeCall(
  ctx: VerbContext,
  keyboard: Keyboard,
  targetText: string,
  target: ReturnType<typeof parseCallTarget>,
  at: Date,
  o: { from?: string; saveScenario?: string | boolean; env?: string },
): Promise<void> {
  const workspace = await ctx.workspace();
  const prepared = await (await ctx.callWorkspace()).prepareCall(target);
  const { version } = prepared;
  const call = new InteractiveCall({
    flow: prepared.flow,
    resolvePublished: prepared.resolvePublished,
    at,
    fixtures: prepared.fixtures,
    ...(o.from ? { from: o.from } : {}),
    ...(prepared.dialed !== undefined ? { dialed: prepared.dialed } : {}),
  });
  ctx.out(
    `Test call to ${version.flowId} v${version.version} (${version.status})${o.env ? ` in ${o.env}` : ''}${o.from ? ` from ${o.from}` : ''} at ${at.toISOString()}`,
  );
  ctx.out('Press keys as the caller (0-9 * #), t to let a prompt time out, Ctrl-C to hang up.\n');
  let progress = call.start();
  try {
    for (;;) {
      show(ctx, progress);
      if (!progress.question) break;
      progress =
        progress.question.kind === 'keys'
          ? call.press(await readKeys(ctx, keyboard, progress.question))
          : call.choose(await readChoice(ctx, keyboard, progress.question));
    }
  } catch (err) {
    if (!(err instanceof HungUp)) throw err;
    ctx.out('\nYou hung up: the call ended before its outcome. Nothing was saved.');
    ctx.exitCode = signalExitCode('SIGINT');
    return;
  }
  const result = call.result();
  ctx.out('');
  ctx.out(describeSimulation(result).join('\n'));
  if (result.outcome.kind === 'error') ctx.exitCode = ExitCode.problemsFound;
  const inputs = call.inputs();
  if (o.saveScenario !== undefined && o.saveScenario !== false) {
    const name =
      typeof o.saveScenario === 'string' && o.saveScenario.trim() !== ''
        ? o.saveScenario.trim()
        : testCallScenarioName(result.outcome);
    const saved = await workspace.saveCallScenario(version.flowId, scenarioEntry(name, inputs, result));
    ctx.out(`\nSaved as call scenario "${saved.name}" in ${saved.file}.`);
    ctx.note(`Run \`callflow test ${version.flowId}@${version.version}\` to run it with the flow's other scenarios.`);
  } else {
    ctx.note(`The same call, with its inputs up front: ${simulateCommand(targetText, inputs, o.env)}`);
  }
}

function show(ctx: VerbContext, progress: CallProgress): void {
  for (const item of progress.items) {
    if (item.kind === 'heard') ctx.out(`  ${heard(item.utterance)}`);
    else if (item.kind === 'answered') ctx.out(`  (${item.text})`);
  }
}

function heard(utterance: Utterance): string {
  return utterance.kind === 'say'
    ? `${utterance.step}: "${utterance.text}"`
    : `${utterance.step}: (plays ${utterance.url})`;
}

async function nextKey(keyboard: Keyboard): Promise<string> {
  const key = await keyboard.nextKey();
  if (key === INTERRUPT_KEY || key === END_OF_INPUT_KEY) throw new HungUp();
  return key;
}

/** A menu takes one key; a collect takes keys up to its finish key or its max digits. `t` (or Enter) ends the listening. */
async function readKeys(
  ctx: VerbContext,
  keyboard: Keyboard,
  question: Extract<Question, { kind: 'keys' }>,
): Promise<string> {
  const { wait } = question;
  const what = wait.mode === 'menu' ? 'a key' : `digits, then ${wait.finishOnKey}`;
  ctx.io.stdout(
    `  [${wait.step}: ${what}; t: no key (${wait.timeout} s); attempt ${wait.attempt} of ${wait.attempts}] > `,
  );
  let keys = '';
  for (;;) {
    const key = await nextKey(keyboard);
    if (TIME_OUT_KEYS.has(key)) {
      ctx.io.stdout(keys === '' ? '(no key: timed out)\n' : '\n');
      return keys;
    }
    if (!DTMF_KEY.test(key)) continue;
    keys += key;
    ctx.io.stdout(key);
    if (entryComplete(wait, keys)) {
      ctx.io.stdout('\n');
      return keys;
    }
  }
}

async function readChoice(
  ctx: VerbContext,
  keyboard: Keyboard,
  question: Extract<Question, { kind: 'choice' }>,
): Promise<string> {
  ctx.out(`  ${question.text}`);
  for (const choice of question.choices) ctx.out(`    ${choice.key}  ${choice.label}`);
  ctx.io.stdout('  > ');
  for (;;) {
    const key = await nextKey(keyboard);
    const choice = question.choices.find((c) => c.key === key);
    if (choice) {
      ctx.io.stdout(`${choice.key}: ${choice.label}\n`);
      return choice.key;
    }
  }
}

/** `callflow simulate …` with the call's inputs, for the user to rerun it (http answers only go in a scenario). */
function simulateCommand(targetText: string, inputs: GivenInputs, environment?: string): string {
  const words = ['callflow', 'simulate', targetText, '--at', inputs.at];
  if (environment !== undefined) words.push('--env', environment);
  if (inputs.from !== undefined) words.push('--from', inputs.from);
  for (const digits of inputs.digits) words.push('--digits', digits);
  for (const [queue, agents] of Object.entries(inputs.agents)) words.push('--agents', `${queue}=${agents}`);
  if (inputs.transfer) words.push('--transfer', inputs.transfer);
  const command = words.map(shellWord).join(' ');
  return Object.keys(inputs.http).length > 0
    ? `${command} (and the http answers: save it with --save-scenario)`
    : command;
}

function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
