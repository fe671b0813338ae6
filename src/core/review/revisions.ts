/**
 * `callflow review <base> [<head>]`: what a range of commits did to the flows, read from git
 * at both revisions (never from the working tree): per flow, the lifecycle events (new flow,
 * draft saved, published vN replacing vM, numbers moved), the semantic diff of what is now
 * published against what was, and the caller journeys that changed with their scenario coverage.
 */
import { InvalidInputError } from '../errors';
import { isFlowId, type FlowId } from '../ids';
import { draftOf, publishedOf } from '../workspace/manifest';
import type { FlowManifest, NumberAssignment, VersionEntry } from '../model';
import type { RevisionFile, VersionControl } from '../ports';
import { isScenarioFileName, parseCallScenarios, runCallScenario } from '../scenarios';
import { MANIFEST_FILE, WorkspaceLayout } from '../workspace/workspaceLayout';
import { parseManifest } from '../workspace/manifest';
import { NumbersFile } from '../workspace/numbers';
import { parseSettings, SETTINGS_FILE } from '../workspace/settings';
import { compareVersions, readVersionText, type VersionComparison } from './compare';
import { journeyCoverage, type ScenarioTrace } from './coverage';
import { comparisonDirection } from './direction';
import { listJourneys } from './journeys';

export interface ReviewedRevision {
  /** As given: `main`, `HEAD~3`, a hash. */
  rev: string;
  commit: string;
}

export interface NumberMove {
  number: string;
  /** The flow it rang before (null: unassigned). */
  from: string | null;
  to: string | null;
}

export interface ReviewedComparison {
  comparison: VersionComparison;
  /** The changed journeys (by description) no call scenario of the flow covers. */
  uncovered: string[];
  /** The newer version's text, for drawing the changed part of its graph. */
  text: string;
}

export interface FlowReview {
  flow: string;
  name: string;
  /** `new flow`, `draft v3 saved`, `published v3 replacing v2`, `+14155550100 now rings this flow`… */
  events: string[];
  /** What callers get now against what they got: published before → published after. */
  published?: ReviewedComparison;
  /** A draft created or saved in the range, against the version published at the head. */
  draft?: ReviewedComparison & { version: number };
}

export interface ReviewReport {
  base: ReviewedRevision;
  head: ReviewedRevision;
  /** Only the flows something happened to, by id. */
  flows: FlowReview[];
  numbers: NumberMove[];
  /** Changed journeys no call scenario covers, over every flow (what `--fail-on-uncovered` checks). */
  uncovered: number;
}

/** A workspace at one commit, as the review and deployment plans read it. */
export interface Snapshot {
  manifests: Map<FlowId, FlowManifest>;
  numbers: NumberAssignment[];
  scenarioFiles: Map<string, string[]>;
}

export async function reviewRevisions(vcs: VersionControl, baseRev: string, headRev = 'HEAD'): Promise<ReviewReport> {
  const [base, head] = await Promise.all([resolve(vcs, baseRev), resolve(vcs, headRev)]);
  const [settingsText] = await vcs.readAtRevisions([{ rev: head.commit, path: SETTINGS_FILE }]);
  const layout = new WorkspaceLayout(parseSettings(settingsText));
  const [before, after] = await Promise.all([snapshot(vcs, layout, base.commit), snapshot(vcs, layout, head.commit)]);

  const numbers = numberMoves(before.numbers, after.numbers);
  const flowIds = [...new Set([...before.manifests.keys(), ...after.manifests.keys()])].sort();

  // Every version file the comparisons need, read in one batch.
  const wanted: RevisionFile[] = [];
  const want = (rev: string, flow: FlowId, entry: VersionEntry | undefined): number => {
    if (!entry) return -1;
    wanted.push({ rev, path: layout.versionPath(flow, entry.version) });
    return wanted.length - 1;
  };
  const scenarioTexts: RevisionFile[] = [];
  const plans = flowIds.map((flow) => {
    const was = before.manifests.get(flow);
    const now = after.manifests.get(flow);
    const publishedBefore = was && publishedOf(was);
    const publishedAfter = now && publishedOf(now);
    const draftAfter = now && draftOf(now);
    const draftChanged = draftAfter !== undefined && !sameEntry(was && draftOf(was), draftAfter);
    const publishChanged = publishedBefore?.version !== publishedAfter?.version;
    const scenarios = (after.scenarioFiles.get(flow) ?? []).map((path) => {
      scenarioTexts.push({ rev: head.commit, path });
      return scenarioTexts.length - 1;
    });
    return {
      flow,
      was,
      now,
      publishedBefore,
      publishedAfter,
      draftAfter: draftChanged ? draftAfter : undefined,
      reads: publishChanged
        ? { before: want(base.commit, flow, publishedBefore), after: want(head.commit, flow, publishedAfter) }
        : undefined,
      draftRead: draftChanged
        ? { draft: want(head.commit, flow, draftAfter), published: want(head.commit, flow, publishedAfter) }
        : undefined,
      scenarios,
    };
  });
  const [texts, scenarioFileTexts] = await Promise.all([
    vcs.readAtRevisions(wanted),
    vcs.readAtRevisions(scenarioTexts),
  ]);
  const textAt = (index: number): string => (index < 0 ? '' : (texts[index] ?? ''));

  const flows: FlowReview[] = [];
  let uncovered = 0;
  for (const plan of plans) {
    const events = flowEvents(plan.flow, plan.was, plan.now, numbers);
    if (events.length === 0) continue;
    const review: FlowReview = { flow: plan.flow, name: plan.now?.name ?? plan.was?.name ?? plan.flow, events };
    const scenarios = plan.scenarios.map((i) => ({
      path: scenarioTexts[i]!.path,
      text: scenarioFileTexts[i] ?? '',
    }));
    if (plan.reads) {
      review.published = reviewed(
        plan.flow,
        { version: plan.publishedBefore?.version ?? 'none', text: textAt(plan.reads.before) },
        { version: plan.publishedAfter?.version ?? 'none', text: textAt(plan.reads.after) },
        scenarios,
      );
      uncovered += review.published.uncovered.length;
    }
    if (plan.draftRead && plan.draftAfter) {
      // What callers get at the head → what they would get once the draft is published.
      const draftReview = reviewed(
        plan.flow,
        { version: plan.publishedAfter?.version ?? 'none', text: textAt(plan.draftRead.published) },
        { version: 'draft', text: textAt(plan.draftRead.draft) },
        scenarios,
      );
      if (plan.publishedAfter) draftReview.comparison.sides = comparisonDirection(plan.publishedAfter, plan.draftAfter);
      review.draft = { version: plan.draftAfter.version, ...draftReview };
      uncovered += review.draft.uncovered.length;
    }
    flows.push(review);
  }
  return { base, head, flows, numbers, uncovered };
}

async function resolve(vcs: VersionControl, rev: string): Promise<ReviewedRevision> {
  const usable = rev !== '' && !rev.startsWith('-') && !/[\s:]/.test(rev);
  const commit = usable ? await vcs.resolveRevision(rev) : undefined;
  if (!commit) {
    throw new InvalidInputError(
      'unknown-revision',
      `"${rev}" is not a commit of this repository.`,
      'Give a branch, tag or commit, e.g. `callflow review origin/main` or `callflow review HEAD~3 HEAD`.',
    );
  }
  return { rev, commit };
}

export async function snapshot(
  vcs: VersionControl,
  layout: WorkspaceLayout,
  commit: string,
  /** An environment's numbers file instead of numbers.yaml. */
  numbersPath = layout.numbersPath,
): Promise<Snapshot> {
  const paths = await vcs.listFilesAtRevision(commit, layout.flowsDir);
  const manifestPaths: Array<[FlowId, string]> = [];
  const scenarioFiles = new Map<string, string[]>();
  for (const path of paths) {
    const parts = path.slice(layout.flowsDir.length + 1).split('/');
    const [flow, name] = parts as [string, string];
    if (parts.length !== 2 || !isFlowId(flow)) continue;
    if (name === MANIFEST_FILE) manifestPaths.push([flow, path]);
    else if (isScenarioFileName(name)) scenarioFiles.set(flow, [...(scenarioFiles.get(flow) ?? []), path]);
  }
  const texts = await vcs.readAtRevisions([
    { rev: commit, path: numbersPath },
    ...manifestPaths.map(([, path]) => ({ rev: commit, path })),
  ]);
  const manifests = new Map<FlowId, FlowManifest>();
  manifestPaths.forEach(([flow], i) => {
    const manifest = parseManifest(texts[i + 1] ?? '').manifest;
    if (manifest) manifests.set(flow, manifest);
  });
  return { manifests, numbers: NumbersFile.readAssignments(texts[0]), scenarioFiles };
}

function sameEntry(a: VersionEntry | undefined, b: VersionEntry | undefined): boolean {
  return a?.version === b?.version && a?.sha256 === b?.sha256 && a?.savedAt === b?.savedAt;
}

export function numberMoves(before: NumberAssignment[], after: NumberAssignment[]): NumberMove[] {
  const was = new Map(before.map((a) => [a.number, a.flow]));
  const now = new Map(after.map((a) => [a.number, a.flow]));
  const moves: NumberMove[] = [];
  for (const number of [...new Set([...was.keys(), ...now.keys()])].sort()) {
    const from = was.get(number) ?? null;
    const to = now.get(number) ?? null;
    if (from !== to) moves.push({ number, from, to });
  }
  return moves;
}

function flowEvents(
  flow: string,
  was: FlowManifest | undefined,
  now: FlowManifest | undefined,
  numbers: readonly NumberMove[],
): string[] {
  const events: string[] = [];
  if (!was && now) events.push(`new flow "${now.name}"`);
  if (was && !now) events.push('flow removed');
  const publishedBefore = was && publishedOf(was);
  const publishedAfter = now && publishedOf(now);
  if (publishedAfter && publishedAfter.version !== publishedBefore?.version)
    events.push(
      publishedBefore
        ? `published v${publishedAfter.version} replacing v${publishedBefore.version}`
        : `published v${publishedAfter.version} (first published version)`,
    );
  if (publishedBefore && !publishedAfter) events.push(`v${publishedBefore.version} is no longer published`);
  const draftBefore = was && draftOf(was);
  const draftAfter = now && draftOf(now);
  if (draftAfter && draftAfter.version !== draftBefore?.version)
    events.push(
      `draft v${draftAfter.version} created from ${draftAfter.createdFrom}${draftAfter.savedAt ? ' and saved' : ''}`,
    );
  else if (draftAfter && !sameEntry(draftBefore, draftAfter)) events.push(`draft v${draftAfter.version} saved`);
  if (draftBefore && draftBefore.version !== draftAfter?.version) {
    const status = now?.versions.find((v) => v.version === draftBefore.version)?.status;
    if (status === 'discarded') events.push(`draft v${draftBefore.version} discarded`);
  }
  for (const move of numbers) {
    if (move.to === flow)
      events.push(
        move.from ? `${move.number} moved here from ${move.from}` : `${move.number} assigned (now rings this flow)`,
      );
    else if (move.from === flow)
      events.push(move.to ? `${move.number} moved to ${move.to}` : `${move.number} unassigned`);
  }
  return events;
}

function reviewed(
  flow: string,
  before: { version: number | string; text: string },
  after: { version: number | string; text: string },
  scenarioFiles: ReadonlyArray<{ path: string; text: string }>,
): ReviewedComparison {
  const comparison = compareVersions(flow, before, after);
  const changed = comparison.journeys.filter((j) => j.to !== null);
  if (changed.length === 0) return { comparison, uncovered: [], text: after.text };
  const definition = readVersionText(after.text);
  const journeys = listJourneys(definition, flow).journeys;
  const traces: ScenarioTrace[] = [];
  const simulated = { id: flow, version: after.version, definition: definition as never };
  for (const file of scenarioFiles) {
    for (const scenario of parseCallScenarios(file.text, file.path).scenarios) {
      // A scenario without a call time cannot run reproducibly; it covers nothing here.
      const result = runCallScenario(scenario, simulated).result;
      if (result) traces.push({ name: scenario.name, steps: result.steps });
    }
  }
  const coverage = journeyCoverage(journeys, traces, flow);
  return {
    comparison,
    uncovered: changed.filter((j) => !coverage.coveredBy.has(j.key)).map((j) => j.journey),
    text: after.text,
  };
}
