/**
 * The flow graph as a Mermaid flowchart (`callflow graph --format mermaid`), for pull requests
 * and wikis that render Mermaid. Step ids become safe Mermaid ids; every label is quoted and
 * entity-escaped, so no flow text can end a label or inject Mermaid syntax.
 */
import { clip } from './summary';
import type { FlowGraph, GraphNode } from './types';

export function toMermaid(graph: FlowGraph): string {
  const ids = mermaidIds(graph.nodes);
  const lines = ['flowchart TD'];
  for (const node of graph.nodes) lines.push(`  ${ids.get(node.id)}${shape(node, nodeLabel(node))}`);
  const pathLinks: number[] = [];
  const rewiredLinks: number[] = [];
  graph.edges.forEach((edge, index) => {
    lines.push(`  ${ids.get(edge.from)} -->|"${escapeMermaid(clip(edge.label, 40))}"| ${ids.get(edge.to)}`);
    if (edge.onPath) pathLinks.push(index);
    if (edge.change === 'rewired') rewiredLinks.push(index);
  });
  lines.push(
    '  classDef start stroke:#2563eb,stroke-width:3px',
    '  classDef missing fill:#fff7ed,stroke:#c2410c,stroke-dasharray:5 4',
    '  classDef unreachable fill:#f3f4f6,color:#6b7280,stroke-dasharray:4 3',
    '  classDef problem stroke:#dc2626,stroke-width:2px',
    '  classDef onpath stroke:#7c3aed,stroke-width:3px',
  );
  if (graph.nodes.some((n) => n.change))
    lines.push(
      '  classDef added fill:#dcfce7,stroke:#15803d,stroke-width:2px',
      '  classDef changed fill:#fef9c3,stroke:#a16207,stroke-width:2px',
    );
  const classOf = (name: string, pick: (n: GraphNode) => boolean): void => {
    const members = graph.nodes.filter(pick).map((n) => ids.get(n.id));
    if (members.length) lines.push(`  class ${members.join(',')} ${name}`);
  };
  classOf('problem', (n) => n.problems.some((p) => p.severity === 'error') && !n.missing);
  classOf('unreachable', (n) => n.unreachable);
  classOf('missing', (n) => n.missing);
  classOf('onpath', (n) => Boolean(n.pathOrder?.length));
  classOf('start', (n) => n.isStart);
  classOf('added', (n) => n.change === 'added');
  classOf('changed', (n) => n.change === 'changed');
  if (pathLinks.length) lines.push(`  linkStyle ${pathLinks.join(',')} stroke:#7c3aed,stroke-width:3px`);
  if (rewiredLinks.length) lines.push(`  linkStyle ${rewiredLinks.join(',')} stroke:#15803d,stroke-width:3px`);
  return `${lines.join('\n')}\n`;
}

function nodeLabel(node: GraphNode): string {
  const parts = [escapeMermaid(node.label)];
  const detail = node.missing ? 'missing step' : [node.type, node.summary].filter(Boolean).join(': ');
  if (detail) parts.push(escapeMermaid(clip(detail, 60)));
  if (node.pathOrder?.length) parts.push(`#35;${node.pathOrder.join(', #35;')}`);
  return parts.join('<br/>');
}

function shape(node: GraphNode, label: string): string {
  if (node.missing) return `[/"${label}"/]`;
  if (node.type === 'condition' || node.type === 'menu' || node.type === 'business-hours') return `{"${label}"}`;
  if (node.isTerminal) return `(["${label}"])`;
  return `["${label}"]`;
}

/** `s_<id>` with anything outside [A-Za-z0-9_] replaced; unique. The prefix keeps ids like `end` from being keywords. */
function mermaidIds(nodes: readonly GraphNode[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const node of nodes) {
    const base = `${node.missing ? 'missing' : 's'}_${node.label.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(node.id, id);
  }
  return ids;
}

/**
 * Mermaid entity codes (`#quot;`, `#60;`) for every character that could close a quoted
 * label, start markup or an entity, or break the line.
 */
export function escapeMermaid(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').replace(/[#"<>&`|[\]{}();\\]/g, (ch) => `#${ch.charCodeAt(0)};`);
}
