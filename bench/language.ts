/**
 * The language features in-process, as the server runs them: completion and hover on a
 * 2,000-step flow, the rename edit of a step referenced 500 times, and a keystroke's work on a
 * 200-step draft (the index takes the text, then live problems; the outline is refreshed after
 * a completion, off the keystroke's path).
 */
import { completions, hover, rename, WorkspaceIndex, type LanguageFile } from '../src/core/language';
import { liveProblems } from '../src/core/editor/liveProblems';
import { median, time, type BenchResult } from './result';
import { generateFlowText } from './validation';
import { parseFlowId } from '../src/core';

const FILE = 'flows/big/v2.yaml';
const ROLE = { kind: 'version', flowId: parseFlowId('big'), version: 2 } as const;

function indexWith(text: string): WorkspaceIndex {
  const index = new WorkspaceIndex('flows');
  index.setFile(
    'flows/big/flow.yaml',
    'name: Big\nversions:\n  - version: 2\n    status: draft\n    createdFrom: template\n    createdAt: 2026-01-05T09:00:00Z\n',
  );
  index.setFile(FILE, text);
  for (let i = 0; i < 50; i++) index.setFile(`flows/flow-${i}/flow.yaml`, `name: Flow ${i}\nversions: []\n`);
  return index;
}

function medianOf(runs: number, run: (i: number) => unknown): number {
  for (let i = 0; i < 5; i++) run(i);
  return round(median(Array.from({ length: runs }, (_, i) => time(() => run(i)))));
}

function completionAndHover(): BenchResult[] {
  const base = generateFlowText(2000);
  const index = indexWith(base);
  // The server keeps the outline of the last validated text: completion reads it while typing.
  const outline = index.outlineOf(FILE, base);
  const exits = [...base.matchAll(/ {4}next: s\d+/g)].map((m) => m.index + '    next: '.length);
  const completion = medianOf(200, (i) => {
    const at = exits[(i * 37) % exits.length]!;
    const typed = `${base.slice(0, at)}s1${base.slice(at)}`;
    const file: LanguageFile = { role: ROLE, relativePath: FILE, text: typed, index, outline };
    return completions(file, at + 2);
  });
  const file: LanguageFile = { role: ROLE, relativePath: FILE, text: base, index };
  const hovering = medianOf(200, (i) => hover(file, exits[(i * 53) % exits.length]! + 1));
  const fresh = medianOf(5, (i) => {
    const edited = `${base} # ${i}\n`;
    return hover({ role: ROLE, relativePath: FILE, text: edited, index }, exits[10]! + 1);
  });
  return [
    {
      name: 'completion of an exit while typing, 2,000-step flow (median)',
      value: completion,
      unit: 'ms',
      target: '≤ 10 ms',
      ok: completion <= 10,
    },
    {
      name: 'hover on a step reference, 2,000-step flow (median)',
      value: hovering,
      unit: 'ms',
      target: '≤ 10 ms',
      ok: hovering <= 10,
    },
    // Informational: the first hover after an edit parses the file again.
    { name: 'hover right after an edit, 2,000-step flow (median)', value: fresh, unit: 'ms' },
  ];
}

function renameEdit(): BenchResult {
  const lines = ['callflow: 1', 'trigger: incoming-call', 'start: s0', 'steps:'];
  for (let i = 0; i < 499; i++) lines.push(`  s${i}:`, '    type: play', `    say: "Step ${i}"`, '    next: hub');
  lines.push('  hub:', '    type: hangup', '');
  const text = lines.join('\n');
  const index = indexWith(text);
  const file: LanguageFile = { role: ROLE, relativePath: FILE, text, index };
  const at = text.indexOf('  hub:') + 3;
  const ms = medianOf(10, () => rename(file, at, 'center'));
  return {
    name: 'rename edit of a step referenced 500 times',
    value: ms,
    unit: 'ms',
    target: '≤ 100 ms',
    ok: ms <= 100,
  };
}

function keystroke(): BenchResult[] {
  const base = generateFlowText(200);
  const index = indexWith(base);
  const sayAt = base.indexOf('say: "Step 0') + 5;
  const times: number[] = [];
  for (let i = 0; i < 120; i++) {
    const text = `${base.slice(0, sayAt)}${'x'.repeat(i + 1)}${base.slice(sayAt)}`;
    const ms = time(() => {
      index.setFile(FILE, text);
      liveProblems(ROLE, text, FILE, index.context());
    });
    if (i >= 20) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const p50 = round(median(times));
  const p95 = round(times[Math.floor(times.length * 0.95)]!);
  return [
    {
      name: 'server work per keystroke, 200-step draft (median)',
      value: p50,
      unit: 'ms',
      target: '≤ 30 ms',
      ok: p50 <= 30,
    },
    { name: 'server work per keystroke, 200-step draft (p95)', value: p95, unit: 'ms' },
  ];
}

export async function benchLanguage(): Promise<BenchResult[]> {
  return Promise.resolve([...completionAndHover(), renameEdit(), ...keystroke()]);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
