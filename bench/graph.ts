/**
 * Flow graph speed: the model (parse + steps + exits + problems placed) and the layout of a
 * generated flow shaped like a real one (menus, branches, every block's failures going to one
 * shared voicemail and goodbye, "back to the menu" loops). The editor redraws the graph after
 * each pause in typing, so an update must fit in a frame budget the admin does not notice.
 */
import { buildFlowGraph, layoutFlowGraph, type GraphLayout } from '../src/core/graph';
import { validateFlowText } from '../src/core/validation';
import { median, time, unseen, type BenchResult } from './result';

const LARGE_STEPS = 500;
const LARGE_TARGET_MS = 1000;
const EDITED_STEPS = 200;
const UPDATE_TARGET_MS = 150;
const WARM_UP_RUNS = 2;
const MEASURED_RUNS = 7;

/** A valid flow of about `steps` steps in blocks of 10, every block's ways out converging on shared steps. */
export function generateGraphFlowText(steps: number): string {
  const blocks = Math.max(1, Math.floor((steps - 2) / 10));
  const intro = Math.max(0, steps - 2 - blocks * 10);
  const lines = ['callflow: 1', 'trigger: incoming-call', `start: ${intro ? 'intro0' : 'b0_menu'}`, 'steps:'];
  for (let i = 0; i < intro; i++) {
    lines.push(
      `  intro${i}:`,
      '    type: play',
      `    say: "Welcome, part ${i}."`,
      `    next: ${i + 1 < intro ? `intro${i + 1}` : 'b0_menu'}`,
    );
  }
  for (let b = 0; b < blocks; b++) {
    const id = (name: string): string => `b${b}_${name}`;
    const nextBlock = b + 1 < blocks ? `b${b + 1}_menu` : 'goodbye';
    const back = b >= 3 && b % 3 === 0 ? `b${b - 3}_menu` : nextBlock;
    lines.push(
      `  ${id('menu')}:`,
      '    type: menu',
      `    say: "Block ${b}: for sales press 1, for support press 2, for billing press 3."`,
      `    options: { "1": ${id('sales_info')}, "2": ${id('support_hours')}, "3": ${id('billing')}, "0": ${back} }`,
      '    no-input: voicemail',
      `    invalid: ${id('menu')}`,
      `  ${id('sales_info')}:`,
      '    type: play',
      `    say: "Sales information for block ${b}."`,
      `    next: ${id('sales')}`,
      `  ${id('sales')}:`,
      '    type: assign-dial',
      `    queue: sales${b}`,
      '    timeout: 60',
      '    no-answer: voicemail',
      `  ${id('support_hours')}:`,
      '    type: business-hours',
      '    timezone: America/New_York',
      '    hours:',
      '      mon-fri: ["09:00-17:00"]',
      `    open: ${id('account')}`,
      '    closed: voicemail',
      `  ${id('account')}:`,
      '    type: collect',
      '    say: "Enter your account number."',
      `    variable: account${b}`,
      '    max-digits: 8',
      `    next: ${id('lookup')}`,
      '    no-input: voicemail',
      `  ${id('lookup')}:`,
      '    type: http',
      '    method: GET',
      `    url: "https://crm.example.com/accounts/{{account${b}}}"`,
      `    save: { tier${b}: customer.tier }`,
      `    success: ${id('route')}`,
      '    failure: voicemail',
      `  ${id('route')}:`,
      '    type: condition',
      '    branches:',
      `      - when: { variable: tier${b}, equals: gold }`,
      `        next: ${id('support_gold')}`,
      `    else: ${id('support')}`,
      `  ${id('support_gold')}:`,
      '    type: transfer',
      '    to: "+14155550199"',
      '    failed: voicemail',
      `  ${id('support')}:`,
      '    type: assign-dial',
      `    queue: support${b}`,
      `    no-answer: ${nextBlock}`,
      `  ${id('billing')}:`,
      '    type: set',
      '    values:',
      `      reason${b}: billing`,
      '    next: voicemail',
    );
  }
  lines.push(
    '  voicemail:',
    '    type: voicemail',
    '    say: "Please leave a message."',
    '    next: goodbye',
    '  goodbye:',
    '    type: hangup',
  );
  return lines.join('\n') + '\n';
}

function measure(run: () => unknown): number {
  for (let i = 0; i < WARM_UP_RUNS; i++) run();
  return median(Array.from({ length: MEASURED_RUNS }, () => time(run)));
}

export async function benchGraph(): Promise<BenchResult[]> {
  const round = (n: number): number => Math.round(n * 10) / 10;

  // 500 steps, drawn from scratch: model + layout (validation is the editor's anyway, measured in bench/validation).
  const large = generateGraphFlowText(LARGE_STEPS);
  const largeProblems = validateFlowText(large, 'flows/bench/v1.yaml').problems;
  const largeGraph = buildFlowGraph(large, largeProblems);
  const firstLayout = time(() => layoutFlowGraph(largeGraph));
  const model500 = measure(() => buildFlowGraph(unseen(large), largeProblems));
  const full500 = measure(() => layoutFlowGraph(buildFlowGraph(unseen(large), largeProblems)));

  // 200 steps, one edit: an exit moved (the layout must run again) or a prompt reworded (it is reused).
  const edited = generateGraphFlowText(EDITED_STEPS);
  const editedProblems = validateFlowText(edited, 'flows/bench/v1.yaml').problems;
  const previous: GraphLayout = layoutFlowGraph(buildFlowGraph(edited, editedProblems));
  const rewired = edited.replace('    next: b3_sales', '    next: b3_billing');
  const reworded = edited.replace('Sales information for block 3.', 'Sales news for block 3.');
  if (rewired === edited || reworded === edited) throw new Error('bench/graph: the edits did not apply');
  const structural = measure(() => layoutFlowGraph(buildFlowGraph(unseen(rewired), editedProblems), previous));
  const textOnly = measure(() => layoutFlowGraph(buildFlowGraph(unseen(reworded), editedProblems), previous));
  const withValidation = measure(() => {
    const text = unseen(rewired);
    return layoutFlowGraph(buildFlowGraph(text, validateFlowText(text, 'v1.yaml').problems), previous);
  });

  return [
    {
      name: `graph: ${largeGraph.nodes.length}-step flow, model + layout (median of ${MEASURED_RUNS})`,
      value: round(full500),
      unit: 'ms',
      target: `≤ ${LARGE_TARGET_MS} ms`,
      ok: full500 <= LARGE_TARGET_MS,
    },
    { name: `graph: ${largeGraph.nodes.length}-step flow, model only`, value: round(model500), unit: 'ms' },
    {
      name: `graph: ${largeGraph.nodes.length}-step flow, first layout in the process`,
      value: round(firstLayout),
      unit: 'ms',
    },
    {
      name: `graph: update after moving an exit in a ${EDITED_STEPS}-step flow, model + layout`,
      value: round(structural),
      unit: 'ms',
      target: `≤ ${UPDATE_TARGET_MS} ms`,
      ok: structural <= UPDATE_TARGET_MS,
    },
    {
      name: `graph: update after rewording a prompt in a ${EDITED_STEPS}-step flow (layout reused)`,
      value: round(textOnly),
      unit: 'ms',
      target: `≤ ${UPDATE_TARGET_MS} ms`,
      ok: textOnly <= UPDATE_TARGET_MS,
    },
    { name: `graph: update after moving an exit, validation included`, value: round(withValidation), unit: 'ms' },
  ];
}
