import { createReadStream, existsSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import {
  describeOutcome,
  InvalidInputError,
  parseLogLine,
  plural,
  summarizeCalls,
  type LogLine,
  type LoggedCallSummary,
} from '../../core';
import { replayLoggedCall } from '../../platform/replayLoggedCall';
import { ExitCode } from '../exitCodes';
import { printJson } from '../io';
import type { VerbRegistrar } from '../program';
import type { VerbContext } from '../verbContext';

export function registerExecutionLogVerbs(verb: VerbRegistrar): void {
  verb(
    'calls',
    (c) =>
      c
        .description(
          "list the calls in `callflow serve`'s execution log: when, which number and flow version, how each ended",
        )
        .requiredOption('--log <file>', 'the execution log (JSON lines) serve wrote')
        .option('--json', 'print the calls as JSON'),
    async (ctx) => {
      const calls = summarizeCalls(await readLog(ctx));
      if (ctx.json) return printJson(ctx.io, calls);
      if (calls.length === 0) return ctx.note('The log has no calls.');
      for (const call of calls) ctx.out(describeCall(call));
      ctx.note(
        `${plural(calls.length, 'call')}. Run \`callflow replay <call> --log FILE\` to run one again in the simulator.`,
      );
    },
  );

  verb(
    'replay <call>',
    (c) =>
      c
        .description(
          'run a logged call again in the simulator, against the exact version it ran (read from git at its deployment commit), and say whether it ends the same',
        )
        .requiredOption('--log <file>', 'the execution log (JSON lines) serve wrote')
        .option('--json', 'print { call, same, differences, logged, replayed }'),
    async (ctx, callId: string) => {
      const { plan, result, comparison } = await replayLoggedCall(ctx.cwd, await readLog(ctx), callId);
      if (!comparison.same) ctx.exitCode = ExitCode.problemsFound;
      if (ctx.json)
        return printJson(ctx.io, {
          call: callId,
          same: comparison.same,
          differences: comparison.differences,
          logged: plan.outcome,
          replayed: result,
        });
      ctx.out(`Call ${callId}: ${plan.flow} v${plan.version} at ${plan.commit.slice(0, 12)}, started ${plan.at}`);
      ctx.out(`Replayed: ${describeOutcome(result.outcome)}, in ${plural(result.steps.length, 'step')}.`);
      if (comparison.same) ctx.out('It ends the same as the logged call.');
      else
        ctx.out(
          ['It ends differently from the logged call:', ...comparison.differences.map((d) => `  ${d}`)].join('\n'),
        );
    },
  );
}

async function readLog(ctx: VerbContext): Promise<LogLine[]> {
  const given = ctx.options['log'] as string;
  const file = path.resolve(ctx.cwd, given);
  if (!existsSync(file))
    throw new InvalidInputError(
      'missing-file',
      `The log file ${given} does not exist.`,
      'Give the file `callflow serve --log` writes to.',
    );
  const lines: LogLine[] = [];
  const reader = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const text of reader) {
    const line = parseLogLine(text);
    if (line) lines.push(line);
  }
  return lines;
}

function describeCall(call: LoggedCallSummary): string {
  const flow = call.flow ? `${call.flow} v${call.version ?? '?'}` : '(flow not logged)';
  const outcome = call.outcome ? describeLoggedOutcome(call.outcome) : 'no end logged';
  return [
    call.call,
    call.startedAt ?? '?',
    call.number ?? '?',
    `from ${call.from ?? 'withheld'}`,
    flow,
    outcome,
    `${call.steps} steps`,
  ].join('  ');
}

function describeLoggedOutcome(outcome: Record<string, unknown>): string {
  const kind = String(outcome['kind']);
  if ((kind === 'abandoned' || kind === 'caller-hung-up') && typeof outcome['step'] === 'string')
    return `abandoned (hung up in ${outcome['step']})`;
  const detail = [outcome['queue'], outcome['to'], outcome['reason'], outcome['code']].find(
    (v): v is string => typeof v === 'string',
  );
  return detail === undefined ? kind : `${kind} (${detail})`;
}
