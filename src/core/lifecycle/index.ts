export { FlowWorkspace, type CreateOptions } from './flowWorkspace';
export * from './types';
export { formatCommitMessage, parseTrailers, TRAILER_ACTION, TRAILER_FLOW, TRAILER_VERSION } from './commitMessage';
export { unifiedDiff } from './unifiedDiff';
export { type RecoveryReport } from './journal';
export { describeNumbers } from './wording';
export type { AssignOptions, DiscardOptions, DraftTarget } from './flowWorkspace';
