/**
 * The flow language features, pure: completion, hover, go to definition, references, rename
 * and symbols over a file's text and the workspace's index. Offsets in, offsets out; the
 * language server (src/server) turns them into LSP positions.
 */
export type { TextSpan } from './types';
export type { LanguageFile } from './languageFile';
export { flowOutlineOf, scenarioOutline } from './languageFile';
export {
  flowOutline,
  stepAt,
  stepKeyAt,
  referenceAt,
  type FlowOutline,
  type OutlineStep,
  type StepReference,
  type VariableDefinition,
} from './flowOutline';
export { WorkspaceIndex, type IndexedFlow, type FlowInfo } from './workspaceIndex';
export { cursorContext, type CursorContext } from './cursor';
export { completions, type CompletionEntry, type CompletionKind, type CompletionList } from './completion';
export { schemaAt, fieldsAt, stepTypeSchema, type SchemaNode, type FieldDoc } from './schemaDocs';
export {
  quickFixesFor,
  quickFixesForAll,
  type FixableProblem,
  type QuickFix,
  type QuickFixContext,
  type WorkspaceSchedule,
} from './quickFixes';
export { hover, type HoverResult } from './hover';
export {
  definition,
  references,
  prepareRename,
  rename,
  stepIdAt,
  type FileLocation,
  type PrepareRenameResult,
  type RenameResult,
} from './navigation';
export { documentSymbols, workspaceSymbols, type FlowSymbol } from './symbols';
export { scheduleInWords } from './schedule';
export { valueAt, variableAt, type ValueAt } from './textAt';
