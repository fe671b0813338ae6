/**
 * The editor's problem pipeline, without VS Code: a file's text in, problems with 0-based
 * ranges out, ready to become diagnostics one for one. Kept pure so it can be benchmarked
 * and unit-tested in plain Node.
 */
import type { FlowDefinition } from '../model';
import type { Problem, ProblemData, Severity, WorkspaceContext } from '../validation';
import { validateWorkspaceFile, type WorkspaceFileRole } from '../workspace/fileRoles';

/** 0-based, end exclusive; an empty range means "the word at the start". */
export interface EditorRange {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

export interface EditorProblem {
  range: EditorRange;
  severity: Severity;
  code: string;
  message: string;
  /** What a quick fix needs (core/language/quickFixes); the server keeps it on the diagnostic. */
  data?: ProblemData;
}

export interface LiveProblems {
  problems: EditorProblem[];
  /** Set for a version file that passed the schema (the simulator can run it). */
  definition?: FlowDefinition;
}

/** A validation problem's 1-based line/column span as a 0-based editor range. */
export function editorRangeOf(problem: Pick<Problem, 'line' | 'column' | 'endLine' | 'endColumn'>): EditorRange {
  const startLine = Math.max(0, problem.line - 1);
  const startCharacter = Math.max(0, problem.column - 1);
  if (problem.endLine === undefined || problem.endColumn === undefined) {
    return { startLine, startCharacter, endLine: startLine, endCharacter: startCharacter };
  }
  const endLine = Math.max(startLine, problem.endLine - 1);
  const endCharacter =
    endLine === startLine ? Math.max(startCharacter, problem.endColumn - 1) : Math.max(0, problem.endColumn - 1);
  return { startLine, startCharacter, endLine, endCharacter };
}

/** Validates the text by the file's role and returns editor-ready problems. */
export function liveProblems(
  role: WorkspaceFileRole,
  text: string,
  file: string,
  context?: WorkspaceContext,
): LiveProblems {
  const result = validateWorkspaceFile(role, text, file, context);
  const problems = result.problems.map((p): EditorProblem => {
    const problem: EditorProblem = { range: editorRangeOf(p), severity: p.severity, code: p.code, message: p.message };
    if (p.data) problem.data = p.data;
    return problem;
  });
  return result.definition ? { problems, definition: result.definition } : { problems };
}
