/**
 * `callflow import` on a generated 1,000-node flow of each dialect, against parsing the same
 * source file (JSON.parse for Studio and Connect, the yaml package for Archy) in the same run.
 * Target: an import costs at most 5× the parse, both warmed (the work per node); a first import in a
 * fresh process, which also pays V8 compiling the importer, is reported beside it. Both are measured
 * in CPU time (process.cpuUsage): the parse fits in one time slice and the import does not, so on a
 * busy machine wall-clock time would count the import's waits for a CPU, not its work.
 */
import { parse } from 'yaml';
import { importFlowSource, type ImportDialect } from '../src/core/import';
import { median, type BenchResult } from './result';

const NODES = 1000;

/** CPU milliseconds one synchronous run takes. */
function cpuTime(run: () => unknown): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}
const TARGET_RATIO = 5;
const WARM_UP_RUNS = 60;

function studioFlow(): string {
  const states: unknown[] = [
    { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'w0' }], properties: {} },
  ];
  for (let i = 0; i < NODES; i++) {
    const next = `w${i + 1}`;
    const kind = i % 5;
    if (kind === 0)
      states.push({
        name: `w${i}`,
        type: 'say-play',
        transitions: [{ event: 'audioComplete', next }],
        properties: { say: `Prompt ${i} for {{flow.variables.v${i}}}` },
      });
    else if (kind === 1)
      states.push({
        name: `w${i}`,
        type: 'set-variables',
        transitions: [{ event: 'next', next }],
        properties: { variables: [{ key: `v${i}`, value: '{{trigger.call.From}}' }] },
      });
    else if (kind === 2)
      states.push({
        name: `w${i}`,
        type: 'gather-input-on-call',
        transitions: [
          { event: 'keypress', next: `w${i + 1}` },
          { event: 'timeout', next: `w${i}` },
        ],
        properties: { say: `Menu ${i}: press 1 or 2`, timeout: 5 },
      });
    else if (kind === 3)
      states.push({
        name: `w${i}`,
        type: 'split-based-on',
        transitions: [
          { event: 'noMatch', next: `w${i - 1}` },
          {
            event: 'match',
            next,
            conditions: [{ type: 'equal_to', value: '1', arguments: [`{{widgets.w${i - 1}.Digits}}`] }],
          },
          {
            event: 'match',
            next: `w${i + 2}`,
            conditions: [{ type: 'equal_to', value: '2', arguments: [`{{widgets.w${i - 1}.Digits}}`] }],
          },
        ],
        properties: { input: `{{widgets.w${i - 1}.Digits}}` },
      });
    else
      states.push({
        name: `w${i}`,
        type: 'make-http-request',
        transitions: [
          { event: 'success', next },
          { event: 'failed', next: `w${i + 1}` },
        ],
        properties: { method: 'GET', url: `https://crm.example.com/lookup/${i}` },
      });
  }
  return JSON.stringify(
    { description: 'Generated', states, initial_state: 'Trigger', flags: { allow_concurrent_calls: true } },
    null,
    2,
  );
}

function connectFlow(): string {
  const actions: unknown[] = [];
  for (let i = 0; i < NODES; i++) {
    const next = `a${i + 1}`;
    const kind = i % 5;
    const errors = [{ NextAction: next, ErrorType: 'NoMatchingError' }];
    if (kind === 0)
      actions.push({
        Identifier: `a${i}`,
        Type: 'MessageParticipant',
        Parameters: { Text: `Prompt ${i} for $.Attributes.v${i}` },
        Transitions: { NextAction: next, Errors: errors },
      });
    else if (kind === 1)
      actions.push({
        Identifier: `a${i}`,
        Type: 'UpdateContactAttributes',
        Parameters: { Attributes: { [`v${i}`]: '$.CustomerEndpoint.Address' } },
        Transitions: { NextAction: next, Errors: errors },
      });
    else if (kind === 2)
      actions.push({
        Identifier: `a${i}`,
        Type: 'GetParticipantInput',
        Parameters: { Text: `Menu ${i}: press 1 or 2`, InputTimeLimitSeconds: '5', StoreInput: 'False' },
        Transitions: {
          NextAction: next,
          Conditions: [
            { NextAction: next, Condition: { Operator: 'Equals', Operands: ['1'] } },
            { NextAction: `a${i + 2}`, Condition: { Operator: 'Equals', Operands: ['2'] } },
          ],
          Errors: [
            { NextAction: `a${i}`, ErrorType: 'InputTimeLimitExceeded' },
            { NextAction: next, ErrorType: 'NoMatchingCondition' },
            ...errors,
          ],
        },
      });
    else if (kind === 3)
      actions.push({
        Identifier: `a${i}`,
        Type: 'Compare',
        Parameters: { ComparisonValue: `$.Attributes.v${i - 2}` },
        Transitions: {
          NextAction: next,
          Conditions: [{ NextAction: next, Condition: { Operator: 'NumberGreaterThan', Operands: ['5'] } }],
          Errors: [{ NextAction: `a${i + 1}`, ErrorType: 'NoMatchingCondition' }],
        },
      });
    else
      actions.push({
        Identifier: `a${i}`,
        Type: 'UpdateFlowLoggingBehavior',
        Parameters: { FlowLoggingBehavior: 'Enabled' },
        Transitions: { NextAction: next },
      });
  }
  actions.push({ Identifier: `a${NODES}`, Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} });
  return JSON.stringify(
    { Version: '2019-10-30', StartAction: 'a0', Metadata: { name: 'Generated' }, Actions: actions },
    null,
    2,
  );
}

function archyFlow(): string {
  const lines = [
    'inboundCall:',
    '  name: Generated',
    '  startUpRef: "/inboundCall/tasks/task[Main_1]"',
    '  tasks:',
    '    - task:',
    '        name: Main',
    '        refId: Main_1',
    '        actions:',
  ];
  for (let i = 0; i < NODES; i++) {
    const kind = i % 4;
    if (kind === 0)
      lines.push(
        '          - playAudio:',
        `              name: Play ${i}`,
        '              audio:',
        `                tts: Prompt ${i}`,
      );
    else if (kind === 1)
      lines.push(
        '          - updateData:',
        `              name: Set ${i}`,
        '              statements:',
        '                - string:',
        `                    variable: Task.v${i}`,
        '                    value:',
        `                      lit: value ${i}`,
      );
    else if (kind === 2)
      lines.push(
        '          - decision:',
        `              name: Check ${i}`,
        '              condition:',
        `                exp: Task.v${i - 1} == "value"`,
        '              outputs:',
        '                yes:',
        '                  actions:',
        '                    - playAudio:',
        `                        name: Yes ${i}`,
        '                        audio:',
        `                          tts: Matched ${i}`,
      );
    else
      lines.push(
        '          - setWrapupCode:',
        `              name: Wrapup ${i}`,
        '              wrapupCode:',
        '                lit:',
        '                  name: Sales',
      );
  }
  lines.push('          - disconnect:', '              name: Done');
  return lines.join('\n') + '\n';
}

const SOURCES: Array<{ dialect: ImportDialect; text: () => string; parse: (text: string) => unknown }> = [
  { dialect: 'twilio-studio', text: studioFlow, parse: (text) => JSON.parse(text) },
  { dialect: 'amazon-connect', text: connectFlow, parse: (text) => JSON.parse(text) },
  { dialect: 'genesys-archy', text: archyFlow, parse: (text) => parse(text) },
];

export async function benchImport(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const source of SOURCES) {
    const text = source.text();
    const run = (): unknown =>
      importFlowSource(text, { fileName: `generated.${source.dialect === 'genesys-archy' ? 'yaml' : 'json'}` });
    // The first run of each, in a process that has not run it yet: what one `callflow import` pays on
    // top of its work, V8 compiling the importer (the parse is native code, or warmed by the CLI).
    const coldParseMs = cpuTime(() => source.parse(text));
    const coldImportMs = cpuTime(run);
    // Then both warmed alike until V8 has finished optimising them, so the ratio is of the work per
    // node: with one warm-up run, the median of the next 15 was V8's background compiling (counted in
    // the process's CPU) more than the importer, and moved 3x from run to run.
    for (let i = 0; i < WARM_UP_RUNS; i++) {
      source.parse(text);
      run();
    }
    const parseMs = median(Array.from({ length: 15 }, () => cpuTime(() => source.parse(text))));
    const importMs = median(Array.from({ length: 15 }, () => cpuTime(run)));
    const ratio = importMs / parseMs;
    results.push(
      {
        name: `  first import in the process (${source.dialect}): import / parse`,
        value: Math.round((coldImportMs / Math.max(coldParseMs, 0.001)) * 10) / 10,
        unit: `x (${Math.round(coldImportMs)} ms / ${Math.round(coldParseMs * 10) / 10} ms CPU)`,
      },
      { name: `import 1,000 nodes (${source.dialect})`, value: Math.round(importMs * 10) / 10, unit: 'ms CPU' },
      {
        name: `import / parse (${source.dialect})`,
        value: Math.round(ratio * 100) / 100,
        unit: 'x',
        target: `<= ${TARGET_RATIO}x`,
        ok: ratio <= TARGET_RATIO,
      },
    );
  }
  return results;
}
