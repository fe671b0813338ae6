/**
 * Quick fixes for problems with a mechanical fix. Each fix names the problem it answers and the
 * edits that make it; the server turns them into CodeActions with `diagnostics` set.
 */
import type { TextEdit } from '../flowEdits/textEdits';
import type { LanguageFile } from './languageFile';
import type { TextSpan } from './types';

/** A problem as the editor shows it: its code, message and where it is in the text. */
export interface ProblemAt {
  code: string;
  message: string;
  span: TextSpan;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** The one obvious fix for its problem (editors apply it with one key). */
  preferred?: boolean;
}

/** One fixer per problem code; a fixer returns no fix when the problem's text gives it none. */
export type QuickFixer = (file: LanguageFile, problem: ProblemAt) => QuickFix[];

const FIXERS: Record<string, QuickFixer> = {};

/** The quick fixes for one problem of a file. */
export function quickFixes(file: LanguageFile, problem: ProblemAt): QuickFix[] {
  return FIXERS[problem.code]?.(file, problem) ?? [];
}
