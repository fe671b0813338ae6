/**
 * Every file kind at its size limit (core/fileLimits.ts), in the shape that costs the most to read,
 * through each reader the tools run on it (validation, the lifecycle's own reader); the slowest counts. Target: ≤ 1 s.
 */
import { FILE_SIZE_LIMITS, NUMBERS_FULL_PARSE_LIMIT, type LimitedFileKind } from '../src/core/fileLimits';
import { importFlowSource } from '../src/core/import';
import { parseCallScenarios } from '../src/core/scenarios/parse';
import { parseHttpFixturesText } from '../src/core/simulator/fixtures';
import {
  validateFlowText,
  validateManifestText,
  validateNumbersText,
  validateSettingsText,
} from '../src/core/validation';
import { parseManifest } from '../src/core/workspace/manifest';
import { NumbersFile } from '../src/core/workspace/numbers';
import { parseSettings } from '../src/core/workspace/settings';
import { byteLength } from '../src/core/yamlText';
import { median, time, type BenchResult } from './result';

const TARGET_MS = 1000;

/** `head` then `unit(i)` repeated while the text stays within `limit` bytes. */
function fill(limit: number, head: string, unit: (i: number) => string, tail = ''): string {
  const parts = [head];
  let bytes = byteLength(head) + byteLength(tail);
  for (let i = 0; ; i++) {
    const next = unit(i);
    bytes += byteLength(next);
    if (bytes > limit) break;
    parts.push(next);
  }
  parts.push(tail);
  return parts.join('');
}

/** A file's text and each reader a tool runs on it (validation, the lifecycle's own reader). */
type LimitCase = () => { text: string; readers: ((text: string) => unknown)[] };

const TEXTS: Record<LimitedFileKind, LimitCase> = {
  flow: () => ({
    text: fill(
      FILE_SIZE_LIMITS.flow,
      'callflow: 1\ntrigger: incoming-call\nstart: s0\nsteps:\n',
      (i) =>
        `  s${i}:\n    type: play\n    say: "Hello {{caller.number}}, this is prompt ${i}."\n    next: s${i + 1}\n`,
    ),
    readers: [(text) => validateFlowText(text, 'flows/big/v1.yaml')],
  }),
  manifest: () => ({
    text: fill(
      FILE_SIZE_LIMITS.manifest,
      'name: Big\nversions:\n',
      (i) =>
        `  - version: ${i + 1}\n    status: archived\n    createdFrom: v${i}\n    createdAt: 2026-01-05T09:00:00Z\n` +
        `    savedAt: 2026-01-05T09:00:00Z\n    valid: true\n    errors: 0\n    warnings: 0\n` +
        `    sha256: ${'0'.repeat(64)}\n`,
    ),
    readers: [
      (text) => validateManifestText(text, 'flows/big/flow.yaml'),
      (text) => parseManifest(text + '# not the fast shape\n'),
    ],
  }),
  numbers: () => ({
    // In callflow's own shape, a label on every other number: validation reads it as lines.
    text: fill(FILE_SIZE_LIMITS.numbers, 'numbers:\n', (i) =>
      i % 2
        ? `  "+1415${String(i).padStart(7, '0')}": flow-${i % 50}\n`
        : `  "+1415${String(i).padStart(7, '0')}": { flow: flow-${i % 50}, label: Line ${i} }\n`,
    ),
    readers: [(text) => validateNumbersText(text, 'numbers.yaml'), (text) => NumbersFile.parse(text).assignments()],
  }),
  settings: () => ({
    text: fill(FILE_SIZE_LIMITS.settings, 'flowsDir: flows\ntimezone: Europe/Paris\n', (i) => `# comment ${i}\n`),
    readers: [(text) => validateSettingsText(text, 'callflow.yaml'), (text) => parseSettings(text)],
  }),
  scenarios: () => ({
    text: fill(
      FILE_SIZE_LIMITS.scenarios,
      'calls:\n',
      (i) =>
        `  - name: caller ${i}\n    at: 2026-11-24T15:00:00Z\n    from: "+14155550123"\n    digits: ["1"]\n` +
        `    expect: { outcome: connected, queue: sales }\n`,
    ),
    readers: [(text) => parseCallScenarios(text, 'flows/big/calls.yaml')],
  }),
  'http-fixtures': () => ({
    text: fill(
      FILE_SIZE_LIMITS['http-fixtures'],
      '',
      (i) => `"GET https://crm.example.com/customers/${i}": { status: 200, body: { tier: gold, id: ${i} } }\n`,
    ),
    readers: [(text) => parseHttpFixturesText(text, 'fixtures.yaml')],
  }),
  'import-source': () => ({
    // A Studio export of say-play widgets in a chain: every byte is a node to convert.
    text: fill(
      FILE_SIZE_LIMITS['import-source'],
      '{"initial_state":"Trigger","flags":{},"states":[{"name":"Trigger","type":"trigger","transitions":[{"event":"incomingCall","next":"w0"}],"properties":{}}',
      (i) =>
        `,{"name":"w${i}","type":"say-play","transitions":[{"event":"audioComplete","next":"w${i + 1}"}],"properties":{"say":"Prompt ${i}"}}`,
      ']}',
    ),
    readers: [(text) => attempt(() => importFlowSource(text, { fileName: 'big.json' }))],
  }),
};

/** A reader that refuses the text (an import whose flow would be too large) still pays for reading it. */
function attempt(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    return error;
  }
}

/** Written by hand or by another tool, numbers.yaml takes the full YAML parse (its costliest shape), up to its own bound. */
const HAND_WRITTEN_NUMBERS: LimitCase = () => ({
  text: fill(NUMBERS_FULL_PARSE_LIMIT, '# imported\nnumbers:\n', (i) =>
    i % 2
      ? `  '+1415${String(i).padStart(7, '0')}': flow-${i % 50}\n`
      : `  "+1415${String(i).padStart(7, '0')}":\n    flow: flow-${i % 50}\n    label: Line ${i}\n`,
  ),
  readers: TEXTS.numbers().readers,
});

export async function benchLimits(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const cases: [string, LimitCase][] = [
    ...Object.entries(TEXTS),
    ["numbers (not in callflow's shape)", HAND_WRITTEN_NUMBERS],
  ];
  for (const [kind, make] of cases) {
    const { text, readers } = make();
    // Each tool reads the file once: the slowest reader is what a user waits for.
    const ms = Math.max(
      ...readers.map((read) => {
        read(text);
        return median([0, 1, 2].map(() => time(() => read(text))));
      }),
    );
    const size = `${(byteLength(text) / 1024).toFixed(0)} KB`;
    results.push({
      name: `${kind} file at its limit (${size}) parses (median of the slowest reader)`,
      value: Math.round(ms),
      unit: 'ms',
      target: `<= ${TARGET_MS} ms`,
      ok: ms <= TARGET_MS,
    });
  }
  return Promise.resolve(results);
}
