import * as assert from 'assert';
import { contextForFlow, workspaceFileRole } from '../../../src/core/workspace/fileRoles';
import { editorRangeOf, liveProblems } from '../../../src/core/editor/liveProblems';
import { loadReachablePublished } from '../../../src/core/calls/reachable';
import {
  busyQueues,
  callerNumberProblem,
  callTimeProblem,
  defaultVersionOf,
  flowUsesVariable,
  parseDigitsInput,
  queuesOfFlow,
} from '../../../src/core/editor/simulationInputs';
import { stepKeyRanges } from '../../../src/core/editor/stepLocations';
import type { FlowDefinition } from '../../../src/core/model';
import type { WorkspaceContext } from '../../../src/core/validation';
import { parseFlowId } from '../../../src/core';

const FLOW = `callflow: 1
trigger: incoming-call
start: welcome
steps:
  welcome:
    type: play
    say: "Hi"
    next: sales
  sales:
    type: assign-dial
    queue: sales
    no-answer: bye
  bye:
    type: goto-flow
    flow: other
`;

describe('editor support (core)', () => {
  it('tells version files, manifests, scenarios, numbers.yaml and callflow.yaml apart under flowsDir', () => {
    assert.deepStrictEqual(workspaceFileRole('flows/support-line/v3.yaml', 'flows'), {
      kind: 'version',
      flowId: 'support-line',
      version: 3,
    });
    assert.deepStrictEqual(workspaceFileRole('flows/support-line/flow.yaml', 'flows'), {
      kind: 'manifest',
      flowId: 'support-line',
    });
    assert.deepStrictEqual(workspaceFileRole('flows/support-line/calls.yaml', 'flows'), {
      kind: 'scenarios',
      flowId: 'support-line',
    });
    assert.deepStrictEqual(workspaceFileRole('flows/support-line/night.calls.yaml', 'flows'), {
      kind: 'scenarios',
      flowId: 'support-line',
    });
    assert.deepStrictEqual(workspaceFileRole('numbers.yaml', 'flows'), { kind: 'numbers' });
    assert.deepStrictEqual(workspaceFileRole('callflow.yaml', 'flows'), { kind: 'settings' });
    assert.deepStrictEqual(workspaceFileRole('cc/flows/a/v1.yaml', 'cc/flows'), {
      kind: 'version',
      flowId: 'a',
      version: 1,
    });
    assert.strictEqual(workspaceFileRole('flows/support-line/v0.yaml', 'flows'), undefined);
    assert.strictEqual(workspaceFileRole('flows/Support/v1.yaml', 'flows'), undefined);
    assert.strictEqual(workspaceFileRole('other/support-line/v1.yaml', 'flows'), undefined);
    assert.strictEqual(workspaceFileRole('flows/a/b/v1.yaml', 'flows'), undefined);
  });

  it("sees the workspace context from the file's own flow", () => {
    const base: WorkspaceContext = {
      flowExists: (id) => id === 'x',
      hasPublishedVersion: () => false,
      publishedGotoTargets: () => [],
      flowIds: () => ['x'],
    };
    const ctx = contextForFlow(base, 'x');
    assert.strictEqual(ctx.flowId, 'x');
    assert.strictEqual(ctx.flowExists('x'), true);
  });

  it('turns 1-based problem spans into 0-based editor ranges; no end means the word at the start', () => {
    assert.deepStrictEqual(editorRangeOf({ line: 3, column: 8, endLine: 3, endColumn: 14 }), {
      startLine: 2,
      startCharacter: 7,
      endLine: 2,
      endCharacter: 13,
    });
    assert.deepStrictEqual(editorRangeOf({ line: 1, column: 1 }), {
      startLine: 0,
      startCharacter: 0,
      endLine: 0,
      endCharacter: 0,
    });
  });

  it('live problems carry the code at the value that is wrong', () => {
    const { problems } = liveProblems(
      { kind: 'version', flowId: parseFlowId('a'), version: 1 },
      FLOW.replace('start: welcome', 'start: welcom'),
      'flows/a/v1.yaml',
    );
    const unknown = problems.find((p) => p.code === 'unknown-step');
    assert.ok(unknown);
    assert.deepStrictEqual(unknown.range, { startLine: 2, startCharacter: 7, endLine: 2, endCharacter: 13 });
  });

  it("finds each step's key for marking a call's path", () => {
    const ranges = stepKeyRanges(FLOW);
    assert.deepStrictEqual([...ranges.keys()], ['welcome', 'sales', 'bye']);
    assert.deepStrictEqual(ranges.get('sales'), { startLine: 8, startCharacter: 2, endLine: 8, endCharacter: 7 });
    assert.strictEqual(stepKeyRanges('not: [valid').size, 0);
  });

  it('reads digits as typed: commas between entries, an empty entry is a silent prompt, other keys refused', () => {
    assert.deepStrictEqual(parseDigitsInput('1, 1234#'), { digits: ['1', '1234#'] });
    assert.deepStrictEqual(parseDigitsInput(''), { digits: [] });
    assert.deepStrictEqual(parseDigitsInput('1,,2'), { digits: ['1', '', '2'] });
    assert.ok('error' in parseDigitsInput('1, a'));
  });

  it('checks call times as the simulator will', () => {
    assert.strictEqual(callTimeProblem('2026-11-24T15:00:00Z'), undefined);
    assert.match(callTimeProblem('tomorrow') ?? '', /"tomorrow" is not a call time\. .*2026-12-25T10:00-05:00/);
    assert.ok(callTimeProblem(''));
  });

  it("lists the flow's queues and which ones are busy", () => {
    const definition = {
      callflow: 1,
      trigger: 'incoming-call',
      start: 'a',
      steps: { a: { type: 'assign-dial', queue: 'sales' }, b: { type: 'callback', queue: 'care' } },
    } as unknown as FlowDefinition;
    assert.deepStrictEqual(queuesOfFlow(definition), ['care', 'sales']);
    assert.deepStrictEqual(busyQueues(['care', 'sales'], ['sales']), ['care']);
  });

  it('asks for the caller number only when the flow reads caller.number, and takes E.164 or nothing', () => {
    const flow = (steps: Record<string, unknown>) =>
      ({ callflow: 1, trigger: 'incoming-call', start: 'a', steps }) as unknown as FlowDefinition;
    assert.strictEqual(flowUsesVariable(flow({ a: { type: 'play', say: 'Hi', next: 'b' } }), 'caller.number'), false);
    assert.strictEqual(
      flowUsesVariable(flow({ a: { type: 'play', say: 'Hi {{ caller.number }}', next: 'b' } }), 'caller.number'),
      true,
    );
    assert.strictEqual(
      flowUsesVariable(
        flow({
          a: {
            type: 'condition',
            branches: [{ when: { variable: 'caller.number', 'starts-with': '+44' }, next: 'b' }],
            else: 'b',
          },
        }),
        'caller.number',
      ),
      true,
    );
    assert.strictEqual(
      flowUsesVariable(flow({ a: { type: 'set', values: { who: '{{caller.number}}' }, next: 'b' } }), 'caller.number'),
      true,
    );
    assert.strictEqual(
      flowUsesVariable(
        flow({
          a: { type: 'http', method: 'GET', url: 'https://crm/x?n={{caller.number}}', success: 'b', failure: 'b' },
        }),
        'caller.number',
      ),
      true,
    );
    assert.strictEqual(callerNumberProblem(''), undefined);
    assert.strictEqual(callerNumberProblem('+14155550123'), undefined);
    assert.ok(callerNumberProblem('415 555 0123'));
  });

  it('runs against the draft, else the published version', () => {
    assert.deepStrictEqual(defaultVersionOf({ draft: 3, published: 2 }), { version: 3, status: 'draft' });
    assert.deepStrictEqual(defaultVersionOf({ published: 2 }), { version: 2, status: 'published' });
    assert.strictEqual(defaultVersionOf({}), undefined);
  });

  it('loads every published flow a call can reach through goto-flow once, cycles included', async () => {
    const def = (target?: string) =>
      ({
        callflow: 1,
        trigger: 'incoming-call',
        start: 'g',
        steps: { g: target ? { type: 'goto-flow', flow: target } : { type: 'hangup' } },
      }) as unknown as FlowDefinition;
    const published: Record<string, FlowDefinition> = { other: def('third'), third: def('other') };
    const asked: string[] = [];
    const loaded = await loadReachablePublished(def('other'), 'mine', async (id) => {
      asked.push(id);
      return published[id] ? { version: 1, definition: published[id] } : undefined;
    });
    assert.deepStrictEqual([...loaded.keys()].sort(), ['other', 'third']);
    assert.deepStrictEqual(asked.sort(), ['mine', 'other', 'third']);
  });
});
