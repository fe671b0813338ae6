/**
 * Live validation in the editor: the time from a keystroke in a 200-step draft to the problems
 * being ready for the Problems panel, measured on the extension's own pipeline
 * (src/core/editor/liveProblems: validation with the workspace context, then 0-based editor
 * ranges) outside VS Code. Target: at most 30 ms of extension-host time per keystroke.
 * Turning the result into vscode.Diagnostic objects is a loop of constructors on top.
 */
import { performance } from 'perf_hooks';
import { liveProblems } from '../src/core/editor/liveProblems';
import type { WorkspaceContext } from '../src/core/validation';
import type { BenchResult } from './result';
import { generateFlowText } from './validation';

const STEPS = 200;
const KEYSTROKES = 100;
const TARGET_MS = 30;

/** A workspace of 50 flows, 10 of them published, as the editor's cached context sees it. */
function workspaceContext(): WorkspaceContext {
  const ids = Array.from({ length: 50 }, (_, i) => `flow-${i}`);
  return {
    flowExists: (id) => ids.includes(id),
    hasPublishedVersion: (id) => ids.indexOf(id) < 10,
    publishedGotoTargets: () => [],
    flowIds: () => ids,
  };
}

export async function benchLiveValidation(): Promise<BenchResult[]> {
  const base = generateFlowText(STEPS);
  const context = workspaceContext();
  const role = { kind: 'version', flowId: 'support-line', version: 3 } as const;
  const sayAt = base.indexOf('say: "Step 0');
  // Each keystroke appends one character to a prompt, as typing does.
  const texts = Array.from(
    { length: KEYSTROKES },
    (_, i) => `${base.slice(0, sayAt + 5)}${'x'.repeat(i + 1)}${base.slice(sayAt + 5)}`,
  );
  for (let i = 0; i < 20; i++) liveProblems(role, texts[i]!, 'flows/support-line/v3.yaml', context);
  const times: number[] = [];
  for (const text of texts) {
    const started = performance.now();
    liveProblems(role, text, 'flows/support-line/v3.yaml', context);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const p95 = times[Math.floor(times.length * 0.95)]!;
  return [
    {
      name: `live validation, ${STEPS}-step draft, per keystroke (median)`,
      value: round(median),
      unit: 'ms',
      target: `≤ ${TARGET_MS} ms`,
      ok: median <= TARGET_MS,
    },
    // Informational: on a shared 2-core machine the tail follows the machine's load.
    { name: `live validation, ${STEPS}-step draft, per keystroke (p95)`, value: round(p95), unit: 'ms' },
  ];
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
