/**
 * The flow graph: a version file as steps and exits, laid out, and drawn as Mermaid or SVG.
 * Pure: the extension's webview and the CLI share it.
 */
export type { FlowGraph, GraphNode, GraphEdge, GraphProblem, GraphOptions, PathStep } from './types';
export { buildFlowGraph, stepAtLine, MISSING_PREFIX } from './buildGraph';
export {
  layoutFlowGraph,
  NODE_WIDTH,
  NODE_HEIGHT,
  type GraphLayout,
  type EdgeRoute,
  type Box,
  type Point,
} from './graphLayout';
export { graphScene, type GraphScene, type SvgElement } from './scene';
export { toMermaid, escapeMermaid } from './mermaid';
export { toSvg, escapeXml } from './svg';
export { renderGraph, GRAPH_FORMATS, type GraphFormat, type RenderGraphOptions } from './render';
