/** Reviewing changes for callers: semantic diffs, caller journeys, scenario coverage (docs/review.md). */
export * from './semanticDiff';
export * from './journeys';
export * from './journeyDiff';
export * from './coverage';
export * from './compare';
export * from './direction';
export * from './publishPlan';
export * from './format';
export { exitTargets } from './exits';
export * from './workspace';
export * from './revisions';
export * from './graphChanges';
export * from './reviewFormat';
export * from './gitDiff';
export * from './deploymentPlan';
