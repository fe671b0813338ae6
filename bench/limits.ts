/**
 * Every file kind at its size limit (core/fileLimits.ts), in the shape that costs the most to read,
 * through the parse the tools run on it (validation, or the lifecycle's own reader). Target: ≤ 1 s.
 */
import { FILE_SIZE_LIMITS, type LimitedFileKind } from '../src/core/fileLimits';
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

const TEXTS: Record<LimitedFileKind, () => { text: string; parse: (text: string) => unknown }> = {
  flow: () => ({
    text: fill(
      FILE_SIZE_LIMITS.flow,
      'callflow: 1\ntrigger: incoming-call\nstart: s0\nsteps:\n',
      (i) =>
        `  s${i}:\n    type: play\n    say: "Hello {{caller.number}}, this is prompt ${i}."\n    next: s${i + 1}\n`,
    ),
    parse: (text) => validateFlowText(text, 'flows/big/v1.yaml'),
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
    parse: (text) => [
      validateManifestText(text, 'flows/big/flow.yaml'),
      parseManifest(text + '# not the fast shape\n'),
    ],
  }),
  numbers: () => ({
    // In callflow's own shape, a label on every other number: validation parses it all as YAML.
    text: fill(FILE_SIZE_LIMITS.numbers, 'numbers:\n', (i) =>
      i % 2
        ? `  "+1415${String(i).padStart(7, '0')}": flow-${i % 50}\n`
        : `  "+1415${String(i).padStart(7, '0')}": { flow: flow-${i % 50}, label: Line ${i} }\n`,
    ),
    parse: (text) => [validateNumbersText(text, 'numbers.yaml'), NumbersFile.parse(text).assignments()],
  }),
  settings: () => ({
    text: fill(FILE_SIZE_LIMITS.settings, 'flowsDir: flows\ntimezone: Europe/Paris\n', (i) => `# comment ${i}\n`),
    parse: (text) => [validateSettingsText(text, 'callflow.yaml'), parseSettings(text)],
  }),
  scenarios: () => ({
    text: fill(
      FILE_SIZE_LIMITS.scenarios,
      'calls:\n',
      (i) =>
        `  - name: caller ${i}\n    at: 2026-11-24T15:00:00Z\n    from: "+14155550123"\n    digits: ["1"]\n` +
        `    expect: { outcome: connected, queue: sales }\n`,
    ),
    parse: (text) => parseCallScenarios(text, 'flows/big/calls.yaml'),
  }),
  'http-fixtures': () => ({
    text: fill(
      FILE_SIZE_LIMITS['http-fixtures'],
      '',
      (i) => `"GET https://crm.example.com/customers/${i}": { status: 200, body: { tier: gold, id: ${i} } }\n`,
    ),
    parse: (text) => parseHttpFixturesText(text, 'fixtures.yaml'),
  }),
};

export async function benchLimits(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const [kind, make] of Object.entries(TEXTS) as [LimitedFileKind, (typeof TEXTS)[LimitedFileKind]][]) {
    const { text, parse } = make();
    parse(text);
    const ms = median([0, 1, 2].map(() => time(() => parse(text))));
    const size = `${(byteLength(text) / 1024).toFixed(0)} KB`;
    results.push({
      name: `${kind} file at its limit (${size}) parses (median)`,
      value: Math.round(ms),
      unit: 'ms',
      target: `<= ${TARGET_MS} ms`,
      ok: ms <= TARGET_MS,
    });
  }
  return Promise.resolve(results);
}
