/** The flow graph as a self-contained SVG document (`callflow graph --format svg`). */
import type { GraphLayout } from './graphLayout';
import { graphScene, type SvgElement } from './scene';
import type { FlowGraph } from './types';

/** Light colours that read on a white page or in a pull request; the webview uses the editor theme instead. */
const STYLE = `
.node-box{fill:#ffffff;stroke:#6b7280;stroke-width:1.2}
.node.start .node-box{stroke:#2563eb;stroke-width:2.2}
.node.terminal .node-box{fill:#f3f4f6}
.node.unreachable{opacity:.45}
.node.unreachable .node-box{stroke-dasharray:4 3}
.node-missing .node-box{fill:#fff7ed;stroke:#c2410c;stroke-dasharray:5 4}
.node.has-error .node-box{stroke:#dc2626}
.node.has-warning .node-box{stroke:#d97706}
.node.on-path .node-box{stroke:#7c3aed;stroke-width:2.4}
.node-icon path{fill:none;stroke:#374151;stroke-width:1.3;stroke-linecap:round;stroke-linejoin:round}
.node-label{font:600 13px system-ui,-apple-system,'Segoe UI',sans-serif;fill:#111827}
.node-summary{font:11px system-ui,-apple-system,'Segoe UI',sans-serif;fill:#4b5563}
.start-tag rect{fill:#2563eb}.start-tag text{font:600 10px system-ui,sans-serif;fill:#fff;text-anchor:middle}
.badge circle{stroke:#fff;stroke-width:1.5}.badge-error circle{fill:#dc2626}.badge-warning circle{fill:#d97706}
.badge text{font:700 11px system-ui,sans-serif;fill:#fff;text-anchor:middle}
.path-order rect{fill:#7c3aed}.path-order text{font:700 11px system-ui,sans-serif;fill:#fff;text-anchor:middle}
.edge-line{fill:none;stroke:#9ca3af;stroke-width:1.4}
.edge.on-path .edge-line{stroke:#7c3aed;stroke-width:2.6}
.edge-arrow{fill:#9ca3af}.edge-arrow-path{fill:#7c3aed}
.edge-label rect{fill:#ffffff;opacity:.9}
.edge-label text{font:11px system-ui,sans-serif;fill:#374151;text-anchor:middle}
.jump rect{fill:#f9fafb;stroke:#9ca3af;stroke-dasharray:3 2}
.jump text{font:11px system-ui,sans-serif;fill:#374151;text-anchor:middle}
`;

export function toSvg(graph: FlowGraph, layout: GraphLayout, options: { title?: string } = {}): string {
  const scene = graphScene(graph, layout);
  const width = Math.max(scene.width, 1);
  const height = Math.max(scene.height, 1);
  const root: SvgElement = {
    tag: 'svg',
    attrs: { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' },
    children: [
      ...(options.title ? [{ tag: 'title', text: options.title }] : []),
      { tag: 'style', text: STYLE },
      { tag: 'defs', children: scene.defs },
      { tag: 'rect', attrs: { width, height, fill: '#ffffff' } },
      { tag: 'g', attrs: { class: 'edges' }, children: scene.edges },
      { tag: 'g', attrs: { class: 'nodes' }, children: scene.nodes },
    ],
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root)}\n`;
}

export function serialize(element: SvgElement): string {
  const attrs = Object.entries(element.attrs ?? {})
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
  const inner =
    (element.text !== undefined ? escapeXml(element.text) : '') + (element.children ?? []).map(serialize).join('');
  return inner ? `<${element.tag}${attrs}>${inner}</${element.tag}>` : `<${element.tag}${attrs}/>`;
}

/** Escapes for text and attribute values alike, and drops characters XML 1.0 cannot hold. */
export function escapeXml(value: string): string {
  return value

    .replace(
      // eslint-disable-next-line no-control-regex -- these are exactly the characters XML cannot hold
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '',
    )
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
