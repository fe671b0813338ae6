/**
 * What a publish (or a rollback) changes for callers, said before it is done: the lifecycle's
 * preview (numbers, the version archived, the checks) with the caller journeys that change, read
 * from what callers get now to the version going live, the version's warnings, and where the
 * draft came from when that is not the version published now. One wording for the extension's
 * confirmation and the CLI's `--dry-run` (docs/review.md, "Before publishing").
 */
import type { FlowId } from '../ids';
import { plural } from '../words';
import { draftOf, publishedOf } from '../workspace/manifest';
import type { FlowWorkspace } from '../lifecycle/flowWorkspace';
import { versionText } from '../lifecycle/queries';
import type { PublishPreview } from '../lifecycle/types';
import { describeNumbers } from '../lifecycle/wording';
import type { FlowManifest, VersionEntry } from '../model';
import type { Problem } from '../validation';
import { WorkspaceStore } from '../workspace/store';
import { compareVersions } from './compare';
import { describeChangedJourney, type JourneyChange } from './journeyDiff';

export interface PublishPlan extends PublishPreview {
  /** The caller journeys that change, from the version published now (none: every journey is new) to the one going live. */
  journeys: JourneyChange[];
  /** The going-live version's warnings (they do not stop a publish). */
  warnings: Problem[];
  /** A publish of a draft made from another version than the one published now. */
  madeFrom?: MadeFrom;
  /** A rollback leaves the draft as it is: which, and what it was made from. */
  draftStays?: { version: number; createdFrom: string };
}

export interface MadeFrom {
  /** What the draft was made from: `v2`, `template`, `other-flow@v4`. */
  draftFrom: string;
  /** The version published now. */
  published: number;
  /** The version the published one copies, when a rollback made after the draft published it (`v1`). */
  publishedRollbackOf?: string;
}

/** The plan of `callflow publish` / Publish: every check publish makes, and what it changes for callers. */
export async function planPublish(
  workspace: FlowWorkspace,
  flowId: FlowId,
  options: { version?: number } = {},
): Promise<PublishPlan> {
  const preview = await workspace.publishPreview(flowId, options);
  const store = await WorkspaceStore.open(workspace.files);
  const manifest = await store.manifest(flowId);
  const draft = manifest.versions.find((v) => v.version === preview.version);
  const published = publishedOf(manifest);
  const plan = await withJourneys(workspace, store, manifest, preview, preview.version);
  if (draft && published && draft.createdFrom !== `v${published.version}`) {
    // Only a rollback made after the draft took away something the draft may still hold.
    const rollbackOf = published.createdAt > draft.createdAt ? rollbackCopyOf(published) : undefined;
    plan.madeFrom = {
      draftFrom: draft.createdFrom,
      published: published.version,
      ...(rollbackOf ? { publishedRollbackOf: rollbackOf } : {}),
    };
  }
  return plan;
}

/** The plan of `callflow rollback` / Roll Back to This Version. */
export async function planRollback(
  workspace: FlowWorkspace,
  flowId: FlowId,
  version?: number | string,
): Promise<PublishPlan> {
  const preview = await workspace.rollbackPreview(flowId, version);
  const store = await WorkspaceStore.open(workspace.files);
  const manifest = await store.manifest(flowId);
  const plan = await withJourneys(workspace, store, manifest, preview, preview.copyOf!);
  const draft = draftOf(manifest);
  if (draft) plan.draftStays = { version: draft.version, createdFrom: draft.createdFrom };
  return plan;
}

async function withJourneys(
  workspace: FlowWorkspace,
  store: WorkspaceStore,
  manifest: FlowManifest,
  preview: PublishPreview,
  goingLive: number,
): Promise<PublishPlan> {
  const read = (version: number): Promise<string> =>
    versionText(store, workspace.vcs, preview.flowId, manifest, version);
  const [now, next] = await Promise.all([
    preview.archives !== undefined ? read(preview.archives) : Promise.resolve(''),
    read(goingLive),
  ]);
  const comparison = compareVersions(
    preview.flowId,
    { version: preview.archives ?? 'none', text: now },
    { version: preview.version, text: next },
  );
  return {
    ...preview,
    journeys: comparison.journeys,
    warnings: preview.validation.problems.filter((p) => p.severity === 'warning'),
  };
}

/** A published version a rollback made is a copy that was never a draft: published when it was created. */
function rollbackCopyOf(entry: VersionEntry): string | undefined {
  return entry.publishedAt !== undefined && entry.publishedAt === entry.createdAt ? entry.createdFrom : undefined;
}

/** How many changed journeys a confirmation names before "and N more". */
export const JOURNEYS_SHOWN = 3;

export interface PublishPlanWording {
  /** The confirmation's question: `Publish v5 of "Support Line"?`. */
  question: string;
  /** The plan as a statement, for `--dry-run`: `Publishing v5 of "Support Line".` */
  headline: string;
  /** Who hears it, and the version archived. */
  callers: string;
  /** `5 caller journeys change: …` with the first `shown` of them (`:` alone when none is shown). */
  journeySummary: string;
  /** Every changed journey, one line each (what "Show All" and `--dry-run` list). */
  journeys: string[];
  warnings?: string;
  /** Where the draft came from, when not from the version published now; for a rollback, the draft that stays. */
  basis?: string;
  /** The consequences in the order a confirmation says them. */
  sentences: string[];
}

/** The words of a publish or rollback plan: the confirmation's and the CLI's. */
export function publishPlanWording(plan: PublishPlan, shown = JOURNEYS_SHOWN): PublishPlanWording {
  const rollback = plan.copyOf !== undefined;
  const what = rollback ? `v${plan.version}, a copy of v${plan.copyOf},` : `v${plan.version}`;
  const question = rollback
    ? `Roll back "${plan.name}" to v${plan.copyOf}?`
    : `Publish v${plan.version} of "${plan.name}"?`;
  const headline = rollback
    ? `Rolling "${plan.name}" back to v${plan.copyOf} publishes v${plan.version}, a copy of it.`
    : `Publishing v${plan.version} of "${plan.name}".`;
  const archives = plan.archives !== undefined ? ` v${plan.archives}, published now, will be archived.` : '';
  const callers =
    plan.numbers.length > 0
      ? `Calls to ${describeNumbers(plan.numbers)} start following ${what} at once.${archives}`
      : `No number rings "${plan.name}" yet: no caller hears ${what} until one is assigned.${archives}`;
  const journeys = plan.journeys.map(describeChangedJourney);
  const wording: PublishPlanWording = {
    question,
    headline,
    callers,
    journeySummary: journeySummary(plan, journeys, shown),
    journeys,
    sentences: [],
  };
  if (plan.warnings.length > 0) {
    const first = plan.warnings[0]!;
    wording.warnings = `v${rollback ? plan.copyOf : plan.version} has ${plural(plan.warnings.length, 'warning')} (line ${first.line}: ${first.message.replace(/\.$/, '')}${plan.warnings.length > 1 ? '; …' : ''}); they do not stop publishing.`;
  }
  if (plan.madeFrom) wording.basis = madeFromSentence(plan.version, plan.madeFrom);
  else if (plan.draftStays)
    wording.basis = `The v${plan.draftStays.version} draft stays as it is (made from ${plan.draftStays.createdFrom}): publishing it later replaces v${plan.version} whole.`;
  wording.sentences = [callers, wording.journeySummary, wording.warnings, wording.basis].filter(
    (s): s is string => s !== undefined,
  );
  return wording;
}

function journeySummary(plan: PublishPlan, journeys: string[], shown: number): string {
  if (journeys.length === 0) return 'No caller journey changes: every call ends as it does now, by the same steps.';
  const first = plan.archives === undefined ? `v${plan.version} is the first published version: ` : '';
  const count = `${first}${plural(journeys.length, 'caller journey')} change${journeys.length === 1 ? 's' : ''}`;
  if (shown <= 0) return `${count}:`;
  const listed = journeys.slice(0, shown).join('; ');
  const more = journeys.length > shown ? `; and ${journeys.length - shown} more` : '';
  return `${count}: ${listed}${more}.`;
}

function madeFromSentence(version: number, madeFrom: MadeFrom): string {
  const published = `v${madeFrom.published}`;
  const consequence = madeFrom.publishedRollbackOf
    ? ` (a rollback to ${madeFrom.publishedRollbackOf}, made after v${version} was): publishing v${version} can bring back what the rollback took away`
    : `: publishing v${version} replaces ${published} whole, so what ${published} changed can be undone`;
  return `v${version} was made from ${madeFrom.draftFrom}, not from ${published}, which callers get now${consequence}; the journeys say what changes.`;
}

/** `publish --dry-run --json`, `rollback --dry-run --json` (docs/flow-format.md, section 8). */
export function publishPlanJson(plan: PublishPlan): object {
  return {
    flowId: plan.flowId,
    name: plan.name,
    version: plan.version,
    ...(plan.copyOf !== undefined ? { copyOf: plan.copyOf } : {}),
    ...(plan.archives !== undefined ? { archives: plan.archives } : {}),
    numbers: plan.numbers,
    journeys: plan.journeys.map(({ journey, from, to }) => ({ journey, from, to })),
    warnings: plan.warnings,
    ...(plan.madeFrom ? { madeFrom: plan.madeFrom } : {}),
    ...(plan.draftStays ? { draftStays: plan.draftStays } : {}),
  };
}
