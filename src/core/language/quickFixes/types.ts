/** The shapes of quick fixes: offset edits of the file's text, as editors and the language server apply them. */
import type { ProblemData } from '../../validation';

export type { TextEdit } from '../../flowEdits/textEdits';
import type { TextEdit } from '../../flowEdits/textEdits';

export interface QuickFix {
  /** What the fix does, in the words of the code action menu: `Change to "goodbye"`. */
  title: string;
  /** Non-overlapping edits of the one file; inserts at the same offset apply in array order. */
  edits: TextEdit[];
  /** The one obvious fix of its problem (editors apply it with one key). */
  preferred?: boolean;
}

/** What a fixer needs of a problem: its code and its structured data (the message is never parsed). */
export interface FixableProblem {
  code: string;
  data?: ProblemData;
}

/** A business-hours schedule the workspace already has (another step's hours): what a step without hours can take. */
export interface WorkspaceSchedule {
  flow: string;
  version: number;
  step: string;
  timezone?: string;
  hours: Record<string, string[]>;
  holidays?: string[];
}

/** What the workspace around the file offers the fixes (the language server fills it from its index). */
export interface QuickFixContext {
  schedules?: readonly WorkspaceSchedule[];
}
