/**
 * Quick fixes: for each problem with a mechanical fix, the edits that make it, computed from
 * the document's text and the problem's data (src/core/validation attaches it). The language
 * server turns each into an LSP CodeAction of kind quickfix with the problem's diagnostic.
 */
import { FIXERS } from './fixes';
import type { FixableProblem, QuickFix, QuickFixContext } from './types';
import { YamlText } from './yamlEdits';

export type { FixableProblem, QuickFix, QuickFixContext, TextEdit, WorkspaceSchedule } from './types';
export { applyTextEdits } from './yamlEdits';

/** The quick fixes of one problem of `text`; [] when it has none or the text moved on. */
export function quickFixesFor(text: string, problem: FixableProblem, context: QuickFixContext = {}): QuickFix[] {
  const fixer = FIXERS[problem.code];
  if (!fixer || !problem.data) return [];
  return fixer(new YamlText(text), problem.data, context);
}

/** The quick fixes of several problems of one text, parsing it once. */
export function quickFixesForAll(
  text: string,
  problems: readonly FixableProblem[],
  context: QuickFixContext = {},
): Array<{ problem: FixableProblem; fixes: QuickFix[] }> {
  let doc: YamlText | undefined;
  return problems.map((problem) => {
    const fixer = FIXERS[problem.code];
    if (!fixer || !problem.data) return { problem, fixes: [] };
    doc ??= new YamlText(text);
    return { problem, fixes: fixer(doc, problem.data, context) };
  });
}
