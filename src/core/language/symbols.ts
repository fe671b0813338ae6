/** Document symbols (a version's steps, with their type) and workspace symbols (every flow and its steps). */
import { flowOutlineOf, type LanguageFile } from './languageFile';
import type { TextSpan } from './types';
import type { WorkspaceIndex } from './workspaceIndex';

export interface FlowSymbol {
  name: string;
  /** `play · Thanks for calling…`, or the flow's name. */
  detail: string;
  kind: 'step' | 'flow';
  /** Workspace-relative path. */
  file: string;
  /** The whole step (document symbols) or the key (workspace symbols). */
  span: TextSpan;
  selectionSpan: TextSpan;
  /** The flow a workspace symbol belongs to. */
  container?: string;
}

export function documentSymbols(file: LanguageFile): FlowSymbol[] {
  if (file.role.kind !== 'version') return [];
  return flowOutlineOf(file).steps.map((step) => ({
    name: step.id,
    detail: [step.type ?? 'no type', step.summary].filter(Boolean).join(' · '),
    kind: 'step',
    file: file.relativePath,
    span: step.span,
    selectionSpan: step.keySpan,
  }));
}

/**
 * Every flow (at its published version, else its draft) and every step of that version whose
 * name contains the query's characters in order, as editors match symbols.
 */
export function workspaceSymbols(index: WorkspaceIndex, query: string): FlowSymbol[] {
  const symbols: FlowSymbol[] = [];
  const matches = fuzzy(query);
  for (const flow of index.flows()) {
    const version = flow.draft ?? flow.published;
    const file =
      version === undefined
        ? `${index.flowsDir}/${flow.id}/flow.yaml`
        : `${index.flowsDir}/${flow.id}/v${version}.yaml`;
    const top = { start: 0, end: 0 };
    if (matches(flow.id) || matches(flow.name))
      symbols.push({ name: flow.id, detail: flow.name, kind: 'flow', file, span: top, selectionSpan: top });
    if (version === undefined) continue;
    for (const step of index.versionOutline(flow.id, version)?.steps ?? []) {
      if (!matches(step.id)) continue;
      symbols.push({
        name: step.id,
        detail: step.type ?? 'no type',
        kind: 'step',
        file,
        span: step.keySpan,
        selectionSpan: step.keySpan,
        container: flow.id,
      });
    }
  }
  return symbols;
}

function fuzzy(query: string): (name: string) => boolean {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  return (name) => {
    let at = 0;
    const lower = name.toLowerCase();
    for (const ch of wanted) {
      at = lower.indexOf(ch, at) + 1;
      if (at === 0) return false;
    }
    return true;
  };
}
