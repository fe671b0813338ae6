/** `callflow graph`: a version file drawn as Mermaid or SVG, in one call. */
import { validateFlowText, type WorkspaceContext } from '../validation';
import { buildFlowGraph } from './buildGraph';
import { layoutFlowGraph } from './graphLayout';
import { toMermaid } from './mermaid';
import { toSvg } from './svg';
import type { GraphOptions } from './types';

export type GraphFormat = 'mermaid' | 'svg';
export const GRAPH_FORMATS: readonly GraphFormat[] = ['mermaid', 'svg'];

export interface RenderGraphOptions extends GraphOptions {
  /** For the goto-flow checks whose problems the graph marks. */
  context?: WorkspaceContext;
  /** SVG: the drawing's accessible title (default: the file name). */
  title?: string;
}

/** `file` names the version file (it appears in problem messages and the SVG title). Never throws on a broken file. */
export function renderGraph(text: string, file: string, format: GraphFormat, options: RenderGraphOptions = {}): string {
  const { problems } = validateFlowText(text, file, options.context);
  const graph = buildFlowGraph(text, problems, options);
  if (format === 'mermaid') return toMermaid(graph);
  return toSvg(graph, layoutFlowGraph(graph), { title: options.title ?? file });
}
