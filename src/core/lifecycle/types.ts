import type { FlowId } from '../ids';
import type { NumberAssignment, VersionEntry } from '../model';
import type { Problem } from '../validation';

export type LifecycleAction =
  | 'init'
  | 'create'
  | 'save'
  | 'publish'
  | 'rollback'
  | 'edit'
  | 'discard'
  | 'restore'
  | 'duplicate'
  | 'import'
  | 'assign'
  | 'unassign'
  | 'deploy';

/** What `deploy` did: the environment now serves `commit` (`deployment` is the commit that records it). */
export interface DeploymentResult {
  environment: string;
  commit: string;
  previous?: string;
  deployment?: string;
}

/** The result of validating a draft on save (or when an operation creates a draft). */
export interface SaveValidation {
  valid: boolean;
  errors: number;
  warnings: number;
  problems: Problem[];
}

/** What a lifecycle operation on a flow did. */
export interface OperationResult {
  action: LifecycleAction;
  flowId: FlowId;
  /** The version the operation created or changed (the new draft, the published one, the discarded one). */
  version: number;
  /** Full hash of the operation's commit; absent when the operation changed nothing (a save of an unchanged draft). */
  commit?: string;
  /** Workspace-relative path of the version file (absent after discard). */
  file?: string;
  /** The annotated tag made by publish. */
  tag?: string;
  /** The version publish archived. */
  archived?: number;
  /** Where a new draft came from: `template`, `v2`, `other-flow@v4`. */
  createdFrom?: string;
  /** Save, and operations that create a draft, validate it. */
  validation?: SaveValidation;
  /**
   * Discard --force of a draft whose file had changes not yet saved: those edits are gone (no commit
   * holds them), and restore brings back the last saved text of the version only.
   */
  lostUnsavedChanges?: true;
}

/** What a publish (or rollback) would do, once every check passed: what its confirmation names. */
export interface PublishPreview {
  flowId: FlowId;
  name: string;
  /** The version that becomes published (for a rollback, the new copy's number). */
  version: number;
  /** For a rollback: the archived version copied. */
  copyOf?: number;
  /** The version published now, which becomes archived. */
  archives?: number;
  /** The numbers whose callers start following the new version at once. */
  numbers: NumberAssignment[];
  validation: SaveValidation;
}

/** A locked version's file put back to its content at its publish tag. */
export interface LockedFileRestore {
  flowId: FlowId;
  version: number;
  file: string;
  tag: string;
  /** False when the file already held the tagged content. */
  changed: boolean;
}

export interface AssignmentResult {
  action: 'assign' | 'unassign';
  number: string;
  flowId: string;
  /** The number's label (for unassign: the label it had). */
  label?: string;
  /** The flow the number pointed to before, when assign re-pointed it. */
  previousFlowId?: string;
  /** The label the number had, when assign removed it (`label: null`). */
  removedLabel?: string;
  /** Undefined when nothing changed (the number already pointed there with that label). */
  commit?: string;
}

export interface InitResult {
  root: string;
  commit: string;
  createdRepository: boolean;
}

export interface FlowSummary {
  id: FlowId;
  name: string;
  description?: string;
  /** The full ledger, ascending by version. */
  versions: VersionEntry[];
  draft?: number;
  published?: number;
  numbers: string[];
  /** Why the flow's manifest cannot be read; such a flow is listed (with no versions) rather than hidden. */
  problem?: string;
}

export interface VersionDetails extends VersionEntry {
  /** Workspace-relative path of the version file (absent for discarded versions). */
  file?: string;
  /** Publish tag (published and archived versions). */
  tag?: string;
  /** For a draft: the file changed since its last save (so it must be saved before publish). */
  changedSinceSave?: boolean;
  /** The file is missing on disk although the ledger says it should be there. */
  missing?: boolean;
}

export interface FlowDetails extends Omit<FlowSummary, 'versions'> {
  versions: VersionDetails[];
  manifestFile: string;
  assignments: NumberAssignment[];
}

export interface HistoryEntry {
  commit: string;
  author: string;
  date: string;
  subject: string;
  action?: string;
  version?: number;
}

export type FindingSeverity = 'error' | 'warning';

export interface VerifyFinding {
  severity: FindingSeverity;
  /** Stable code, e.g. `locked-file-changed`, `missing-tag`, `number-unpublished-flow`. */
  code: string;
  message: string;
  file?: string;
  flowId?: string;
  version?: number;
  number?: string;
}

export interface VerifyReport {
  ok: boolean;
  flows: number;
  findings: VerifyFinding[];
}

/**
 * A lifecycle operation that changed the workspace, as FlowWorkspace announces it
 * (`onDidRunOperation`): the one event the edges refresh from.
 */
export interface CompletedOperation {
  /**
   * The lifecycle action, or what changed files without one: `restore-locked` (a locked file put
   * back), `save-call-scenario` (a call appended to calls.yaml) and `recover` (an interrupted
   * operation finished or undone).
   */
  kind: LifecycleAction | 'restore-locked' | 'save-call-scenario' | 'recover';
  /** The flows it touched (a moved number touches two); none for init and deploy. */
  flowIds: string[];
  /** The workspace-relative files it wrote or removed. */
  files: string[];
  /** Its commit, when it made one. */
  commit?: string;
}
