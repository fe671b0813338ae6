import * as path from 'node:path';
import {
  assertCallerId,
  describeSimulation,
  InvalidInputError,
  nullRecord,
  parseCallTarget,
  parseHttpFixturesText,
  printable,
  type AgentAvailability,
  type CallInputs,
  type FlowScenarioRun,
} from '../../core';
import { readUserFile } from '../../platform/nodeWorkspaceFiles';
import { ENV_OPTION, type VerbContext } from '../verbContext';
import { ExitCode } from '../exitCodes';
import { printJson } from '../io';
import type { VerbRegistrar } from '../program';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerSimulationVerbs(verb: VerbRegistrar): void {
  verb(
    'simulate <target>',
    (c) =>
      c
        .description(
          "run a call through a flow, step by step: <target> is a phone number (its flow's published version), a flow id (its draft, else its published version), flow-id@N or flow-id@draft",
        )
        .option(
          '--from <caller>',
          'the caller id (caller.number) as a carrier sends it: +14155550123, anonymous, client:alice, sip:…',
        )
        .option('--at <iso-time>', 'the call time, ISO 8601 with a zone, e.g. 2026-11-24T15:00:00Z (default: now)')
        .option(
          '--digits <keys>',
          'what the caller presses at the next prompt, e.g. 1 or 1234#; repeat for each prompt',
          collect,
          [],
        )
        .option(
          '--agents <queue=state>',
          'agent availability of a queue: QUEUE=available|busy; repeatable (unlisted queues are available)',
          collect,
          [],
        )
        .option('--transfer <result>', 'outcome of transfers: ok or failed', 'ok')
        .option('--http <fixture.yaml>', 'canned responses for http steps')
        .option(...ENV_OPTION)
        .option('--json', 'print { flow, version, outcome, steps }'),
    async (ctx, targetText: string) => {
      const workspace = await ctx.callWorkspace();
      const inputs = await callInputs(ctx);
      const { result } = await workspace.simulate(parseCallTarget(targetText), inputs);
      if (result.outcome.kind === 'error') ctx.exitCode = ExitCode.problemsFound;
      if (ctx.json) return printJson(ctx.io, result);
      ctx.out(
        `Call to ${result.flow} v${String(result.version).replace(/^v/, '')}${inEnvironment(ctx)}${inputs.from ? ` from ${inputs.from}` : ''} at ${new Date(inputs.at).toISOString()}`,
      );
      ctx.out(describeSimulation(result).join('\n'));
    },
  );

  verb(
    'test <target>',
    (c) =>
      c
        .description(
          'run the call scenarios (calls.yaml, *.calls.yaml) of a flow: flow-id (its draft, else its published version), flow-id@N or flow-id@draft',
        )
        .option(...ENV_OPTION)
        .option('--json', 'print the results as JSON'),
    async (ctx, targetText: string) => {
      const target = parseCallTarget(targetText);
      if (target.kind !== 'flow') {
        throw new InvalidInputError(
          'invalid-target',
          'callflow test takes a flow, not a phone number.',
          'Run `callflow test support-line` or `callflow test support-line@draft`.',
        );
      }
      const run = await (await ctx.callWorkspace()).runScenarios(target.flowId, target.selector, new Date());
      if (!run.passed) ctx.exitCode = ExitCode.problemsFound;
      if (ctx.json)
        return printJson(ctx.io, {
          flow: run.version.flowId,
          version: run.version.version,
          passed: run.passed,
          passedCount: run.passedCount,
          failedCount: run.failedCount,
          files: run.files,
        });
      printScenarioRun(ctx, run);
    },
  );
}

/** ` in staging` when the verb runs against an environment. */
function inEnvironment(ctx: VerbContext): string {
  const environment = ctx.options['env'];
  return typeof environment === 'string' ? ` in ${environment}` : '';
}

export function printScenarioRun(ctx: VerbContext, run: FlowScenarioRun): void {
  const { flowId, version, status } = run.version;
  if (run.files.length === 0) {
    ctx.out(`${flowId} has no call scenarios.`);
    ctx.note(`Add ${flowId}'s calls.yaml (see docs/simulation.md, "Call scenarios") to test its routing.`);
    return;
  }
  ctx.out(`Call scenarios of ${flowId} v${version} (${status})${inEnvironment(ctx)}`);
  for (const file of run.files) {
    ctx.out(`\n${file.file}`);
    for (const problem of file.problems)
      ctx.out(`  ${file.file}:${problem.line}:${problem.column}  error  ${problem.message}`);
    for (const result of file.results) {
      ctx.out(`  ${result.passed ? '✔' : '✘'} ${result.name}`);
      for (const failure of result.failures) ctx.out(`      ${file.file}:${result.line}: ${failure}`);
    }
  }
  ctx.out(`\n${run.passedCount} passed, ${run.failedCount} failed`);
}

async function callInputs(ctx: VerbContext): Promise<CallInputs> {
  const o = ctx.options as {
    from?: string;
    at?: string;
    digits: string[];
    agents: string[];
    transfer: string;
    http?: string;
  };
  // Any caller id a carrier sends (`anonymous`, `client:alice`), but nothing that would garble the output.
  if (o.from !== undefined) assertCallerId(o.from);
  if (o.transfer !== 'ok' && o.transfer !== 'failed') {
    throw new InvalidInputError('invalid-transfer', `--transfer must be ok or failed, not "${printable(o.transfer)}".`);
  }
  const agents = nullRecord<AgentAvailability>();
  for (const entry of o.agents) {
    const match = /^([^=]+)=(available|busy)$/.exec(entry);
    if (!match)
      throw new InvalidInputError(
        'invalid-agents',
        `--agents takes QUEUE=available or QUEUE=busy, not "${printable(entry)}".`,
        'For example: --agents sales=busy',
      );
    agents[match[1]!] = match[2] as AgentAvailability;
  }
  let http;
  if (o.http) {
    const file = path.resolve(ctx.cwd, o.http);
    const text = await readUserFile(file, o.http, 'http-fixtures');
    if (text === undefined)
      throw new InvalidInputError(
        'missing-file',
        `The http fixture file ${o.http} does not exist.`,
        'Check the path given to --http.',
      );
    http = parseHttpFixturesText(text, o.http);
  }
  return {
    at: o.at ?? new Date(),
    digits: o.digits,
    agents,
    transfer: o.transfer,
    ...(o.from ? { from: o.from } : {}),
    ...(http ? { http } : {}),
  };
}
