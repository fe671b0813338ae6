/** What validation needs from the rest of the workspace, and what it returns. */
import type { EnvironmentSettings, FlowDefinition } from '../model';
import type { Problem } from './problems';

/** What validation of one file needs to know about the rest of the workspace. */
export interface WorkspaceContext {
  /** Id of the flow the file belongs to, when known (for goto-flow cycles). */
  flowId?: string;
  flowExists(flowId: string): boolean;
  hasPublishedVersion(flowId: string): boolean;
  /** Flows that the published version of `flowId` goes to with goto-flow steps ([] when none). */
  publishedGotoTargets(flowId: string): string[];
  /** All flow ids, for "did you mean". */
  flowIds(): Iterable<string>;
  /** callflow.yaml's environments; absent when it defines none. */
  readonly environments?: readonly EnvironmentSettings[];
}

export interface ValidationOptions {
  /** Publishing: a goto-flow to a flow without a published version is an error, not a warning. */
  forPublish?: boolean;
}

export interface ValidationResult {
  problems: Problem[];
  /** The parsed flow when the file is structurally valid enough to use (it passed the JSON Schema). */
  definition?: FlowDefinition;
}
