/** Two versions of a flow compared for callers: the semantic diff and the journeys that changed. */
import { parseYaml, toPlainValue } from '../yamlText';
import type { DirectedVersion } from './direction';
import { diffJourneys, type JourneyChange } from './journeyDiff';
import { listJourneys, type JourneyList } from './journeys';
import { diffFlowVersions, isUnchanged, type FlowChanges } from './semanticDiff';

export interface VersionComparison extends FlowChanges {
  flow: string;
  /** The versions as given: 2, 3, "draft". */
  from: number | string;
  to: number | string;
  journeys: JourneyChange[];
  /** The two versions with their statuses, when the comparison knows them (for `v6 (published) → v5 (draft)`). */
  sides?: { from: DirectedVersion; to: DirectedVersion };
}

export interface ComparedVersion {
  version: number | string;
  /** The version file's text (empty: the version does not exist, e.g. a new flow's first publish). */
  text: string;
}

/** The plain value of a version file, or undefined when it is no YAML mapping. */
export function readVersionText(text: string): unknown {
  const parsed = parseYaml(text);
  const plain = toPlainValue(parsed.document);
  return 'value' in plain ? plain.value : undefined;
}

export function compareVersions(flow: string, before: ComparedVersion, after: ComparedVersion): VersionComparison {
  const a = readVersionText(before.text);
  const b = readVersionText(after.text);
  const changes = diffFlowVersions(a, b);
  const journeysBefore: JourneyList = before.text === '' ? { journeys: [], truncated: false } : listJourneys(a, flow);
  const journeysAfter: JourneyList = after.text === '' ? { journeys: [], truncated: false } : listJourneys(b, flow);
  return {
    flow,
    from: before.version,
    to: after.version,
    ...changes,
    journeys: diffJourneys(journeysBefore, journeysAfter, changes.steps.renamed),
  };
}

export function isSameForCallers(comparison: VersionComparison): boolean {
  return isUnchanged(comparison) && comparison.journeys.length === 0;
}

/** `diff --format json` exactly (docs/flow-format.md, section 8). */
export function comparisonJson(comparison: VersionComparison): object {
  return {
    flow: comparison.flow,
    from: comparison.from,
    to: comparison.to,
    start: comparison.start,
    steps: comparison.steps,
    exits: comparison.exits,
    journeys: comparison.journeys.map(({ journey, from, to }) => ({ journey, from, to })),
  };
}
