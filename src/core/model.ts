/**
 * The flow format of docs/flow-format.md, as TypeScript types.
 * The JSON Schemas in schemas/ are the source of truth for what a file may contain;
 * these types describe a file that has passed them.
 */

export const STEP_TYPES = [
  'play',
  'menu',
  'collect',
  'condition',
  'business-hours',
  'set',
  'assign-dial',
  'transfer',
  'voicemail',
  'callback',
  'http',
  'goto-flow',
  'hangup',
] as const;
export type StepType = (typeof STEP_TYPES)[number];

export interface Prompt {
  say?: string;
  audio?: string;
}

export interface PlayStep extends Prompt {
  type: 'play';
  next: string;
}
export interface MenuStep extends Prompt {
  type: 'menu';
  options: Record<string, string>;
  timeout?: number;
  attempts?: number;
  'no-input'?: string;
  invalid?: string;
}
export interface CollectStep extends Prompt {
  type: 'collect';
  variable: string;
  'min-digits'?: number;
  'max-digits'?: number;
  'finish-on'?: string;
  timeout?: number;
  attempts?: number;
  next: string;
  'no-input'?: string;
}

export const CONDITION_OPERATORS = [
  'equals',
  'not-equals',
  'starts-with',
  'ends-with',
  'contains',
  'matches',
  'greater-than',
  'less-than',
  'in',
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];
export type ScalarValue = string | number | boolean;
export type ConditionTest = { variable: string } & Partial<Record<ConditionOperator, ScalarValue | ScalarValue[]>>;
export interface ConditionBranch {
  when: ConditionTest;
  next: string;
}
export interface ConditionStep {
  type: 'condition';
  branches: ConditionBranch[];
  else: string;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export interface BusinessHoursStep {
  type: 'business-hours';
  timezone: string;
  /** key: a day (`mon`) or a day range (`mon-fri`); value: `HH:MM-HH:MM` ranges. */
  hours: Record<string, string[]>;
  holidays?: string[];
  open: string;
  closed: string;
  holiday?: string;
}
export interface SetStep {
  type: 'set';
  values: Record<string, ScalarValue>;
  next: string;
}
export interface AssignDialStep {
  type: 'assign-dial';
  queue: string;
  priority?: number;
  timeout?: number;
  'no-answer'?: string;
}
export interface TransferStep {
  type: 'transfer';
  to: string;
  'ring-seconds'?: number;
  /** E.164, or one of CALLER_ID_KEYWORDS. */
  'caller-id'?: string;
  failed?: string;
}
/** A transfer's `caller-id` as a word: the caller's own number, or the number the caller dialed. */
export const CALLER_ID_KEYWORDS = ['caller', 'dialed'] as const;
/** Seconds a transfer rings when its step gives no `ring-seconds` (the schema's default). */
export const DEFAULT_RING_SECONDS = 30;
export interface VoicemailStep extends Prompt {
  type: 'voicemail';
  mailbox?: string;
  next?: string;
}
export interface CallbackStep extends Prompt {
  type: 'callback';
  queue: string;
  next?: string;
}
export interface HttpStep {
  type: 'http';
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: string;
  save?: Record<string, string>;
  success: string;
  failure: string;
}
export interface GotoFlowStep {
  type: 'goto-flow';
  flow: string;
}
export interface HangupStep {
  type: 'hangup';
  say?: string;
}

export type Step =
  | PlayStep
  | MenuStep
  | CollectStep
  | ConditionStep
  | BusinessHoursStep
  | SetStep
  | AssignDialStep
  | TransferStep
  | VoicemailStep
  | CallbackStep
  | HttpStep
  | GotoFlowStep
  | HangupStep;

export interface FlowDefinition {
  callflow: 1;
  trigger: 'incoming-call';
  start: string;
  steps: Record<string, Step>;
}

/** Built-in variables every call has (section 4). */
export const BUILTIN_VARIABLES = ['caller.number', 'dialed.number', 'call.time'] as const;

// ---- Manifest (flows/<id>/flow.yaml) ----

export const VERSION_STATUSES = ['draft', 'published', 'archived'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
export type LedgerStatus = VersionStatus | 'discarded';

export interface VersionEntry {
  version: number;
  status: LedgerStatus;
  /** `template`, `v2`, or `other-flow@v4`. */
  createdFrom: string;
  createdAt: string;
  savedAt?: string;
  publishedAt?: string;
  archivedAt?: string;
  discardedAt?: string;
  /** Result of the last save. Kept after publish as the record of the publishing save. */
  valid?: boolean;
  errors?: number;
  warnings?: number;
  /**
   * sha256 of the file as last saved. For a published or archived version this is the lock:
   * `verify` checks the file still hashes to it.
   */
  sha256?: string;
}

/** Where an imported flow came from (`callflow import`): the dialect and the file as imported. */
export interface ImportSource {
  /** `twilio-studio`, `amazon-connect` or `genesys-archy`. */
  dialect: string;
  /** The file's name as given to the import (no folders). */
  file: string;
  /** sha256 of the file's bytes as imported. */
  sha256: string;
}

export interface FlowManifest {
  name: string;
  description?: string;
  importedFrom?: ImportSource;
  versions: VersionEntry[];
}

// ---- numbers.yaml ----

export interface NumberAssignment {
  number: string;
  flow: string;
  label?: string;
}

// ---- callflow.yaml ----

export interface WorkspaceSettings {
  flowsDir: string;
  tagPrefix: string;
  timezone?: string;
  /** Absent: the workspace has no environments (publishing is live, the runtime follows the branch). */
  environments?: EnvironmentSettings[];
}

/** One environment of callflow.yaml (docs/environments.md). */
export interface EnvironmentSettings {
  name: string;
  /** What `{{env.NAME}}` means here. */
  values: Readonly<Record<string, string>>;
  /** This environment's phone numbers, in the numbers.yaml format, beside callflow.yaml. */
  numbersFile: string;
}

export const DEFAULT_SETTINGS: WorkspaceSettings = { flowsDir: 'flows', tagPrefix: 'callflow' };

/** The keys a menu offers, in the order new options take them. */
export const MENU_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;
