/**
 * Review benchmarks: the semantic diff of two 2,000-step versions, the journeys of the sample
 * Acme flow, and `review` over a real history of 100 lifecycle commits across 50 flows.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import type { FlowDefinition } from '../src/core/model';
import { diffFlowVersions, listJourneys, reviewRevisions } from '../src/core/review';
import { GitVersionControl } from '../src/git/gitVersionControl';
import { makeWorkspace } from '../test/helpers/tempRepo';
import { median, time, type BenchResult } from './result';
import { generateLongFlow } from './simulator';
import { parseFlowId } from '../src/core';

const DIFF_STEPS = 2_000;
const DIFF_TARGET_MS = 100;
const JOURNEYS_TARGET_MS = 10;
const REVIEW_FLOWS = 50;
const REVIEW_TARGET_MS = 2_000;

function acme(): FlowDefinition {
  for (const file of [
    path.resolve(__dirname, '../../test/fixtures/flows/sample-v1.yaml'),
    path.resolve(process.cwd(), 'test/fixtures/flows/sample-v1.yaml'),
  ]) {
    try {
      return parse(readFileSync(file, 'utf8')) as FlowDefinition;
    } catch {
      // try the next location
    }
  }
  throw new Error('bench: test/fixtures/flows/sample-v1.yaml not found');
}

/** The long flow with every 10th step's fields changed, every 50th renamed (references moved), every 25th rewired. */
function editedLongFlow(before: FlowDefinition): FlowDefinition {
  const after = structuredClone(before) as FlowDefinition & { steps: Record<string, Record<string, unknown>> };
  const ids = Object.keys(after.steps);
  ids.forEach((id, i) => {
    const step = after.steps[id]!;
    if (i % 10 === 0 && typeof step.say === 'string') step.say = `${step.say} (edited)`;
    if (i % 25 === 0 && typeof step.next === 'string' && i + 2 < ids.length) step.next = ids[i + 2];
  });
  ids.forEach((id, i) => {
    if (i % 50 !== 7) return;
    const renamed = `${id}_renamed`;
    after.steps[renamed] = after.steps[id]!;
    delete after.steps[id];
    for (const step of Object.values(after.steps))
      for (const [field, value] of Object.entries(step)) if (value === id) step[field] = renamed;
  });
  return after;
}

async function benchReview(): Promise<number> {
  const repo = await makeWorkspace();
  try {
    const base = repo.git('rev-parse', 'HEAD').trim();
    for (let i = 0; i < REVIEW_FLOWS; i++) {
      await repo.workspace.create(`Flow ${i}`);
      await repo.workspace.publish(parseFlowId(`flow-${i}`));
    }
    const vcs = new GitVersionControl(repo.root);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const report = await reviewRevisions(vcs, base, 'HEAD');
      times.push(performance.now() - started);
      if (report.flows.length !== REVIEW_FLOWS) throw new Error(`review saw ${report.flows.length} flows`);
    }
    return median(times);
  } finally {
    await repo.cleanup();
  }
}

export async function benchReviewSuite(): Promise<BenchResult[]> {
  const before = generateLongFlow(DIFF_STEPS);
  const after = editedLongFlow(before);
  for (let i = 0; i < 3; i++) diffFlowVersions(before, after);
  const diffTimes = Array.from({ length: 21 }, () => time(() => diffFlowVersions(before, after)));
  const flow = acme();
  for (let i = 0; i < 20; i++) listJourneys(flow, 'acme');
  const journeyTimes = Array.from({ length: 51 }, () => time(() => listJourneys(flow, 'acme')));
  const diffMs = median(diffTimes);
  const journeysMs = median(journeyTimes);
  const reviewMs = await benchReview();
  return [
    {
      name: `review: semantic diff of two ${DIFF_STEPS.toLocaleString('en-US')}-step versions (median)`,
      value: diffMs,
      unit: 'ms',
      target: `≤ ${DIFF_TARGET_MS} ms`,
      ok: diffMs <= DIFF_TARGET_MS,
    },
    {
      name: 'review: journeys of the sample Acme flow (median)',
      value: journeysMs,
      unit: 'ms',
      target: `≤ ${JOURNEYS_TARGET_MS} ms`,
      ok: journeysMs <= JOURNEYS_TARGET_MS,
    },
    {
      name: `review: callflow review of ${REVIEW_FLOWS * 2} lifecycle commits across ${REVIEW_FLOWS} flows (median)`,
      value: reviewMs,
      unit: 'ms',
      target: `≤ ${REVIEW_TARGET_MS.toLocaleString('en-US')} ms`,
      ok: reviewMs <= REVIEW_TARGET_MS,
    },
  ];
}
