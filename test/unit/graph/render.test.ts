import * as assert from 'assert';
import { escapeMermaid, layoutFlowGraph, renderGraph, toMermaid, toSvg } from '../../../src/core/graph';
import { fixture, flowWith, graphOf } from './support';

const HOSTILE = flowWith([
  '  welcome:',
  '    type: play',
  '    say: "Grüße 👋 日本 <script>window.pwned = 1</script> \\"quoted\\" & \'single\'"',
  '    next: "x<img src=x onerror=alert(1)>"',
  '  end:',
  '    type: hangup',
  '  quotes:',
  '    type: play',
  '    say: "\\"quoted\\" & \'single\'"',
  '    next: end',
]);

describe('callflow graph output', () => {
  describe('Mermaid', () => {
    it('writes a top-down flowchart with every step and exit', () => {
      const text = renderGraph(fixture('sample-v1.yaml'), 'flows/acme/v1.yaml', 'mermaid');
      const lines = text.trim().split('\n');
      assert.strictEqual(lines[0], 'flowchart TD');
      assert.ok(lines.includes('  s_welcome -->|"next"| s_hours'));
      assert.ok(lines.includes('  s_menu -->|"1"| s_sales'));
      assert.ok(
        lines.some((l) => l.startsWith('  s_goodbye(["goodbye')),
        'a terminal step is a stadium',
      );
      assert.ok(
        lines.some((l) => l.startsWith('  s_menu{"menu')),
        'a decision is a rhombus',
      );
      assert.ok(lines.includes('  class s_welcome start'));
    });

    it('sanitizes ids (no keywords, only [A-Za-z0-9_], unique) and escapes labels', () => {
      const graph = graphOf(HOSTILE, {});
      const text = toMermaid(graph);
      assert.ok(text.includes('  s_end(["end'), 'a step named end gets a prefixed id');
      const missingId = /\n {2}(missing_[A-Za-z0-9_]+)\[\//.exec(text)?.[1];
      assert.ok(missingId && /^[A-Za-z0-9_]+$/.test(missingId));
      assert.ok(!text.includes('<script>') && !text.includes('<img'), 'no raw markup');
      assert.ok(text.includes('#60;script#62;'));
      for (const line of text.split('\n').filter((l) => l.includes('["') || l.includes('|"'))) {
        const quoted = line.match(/"/g)?.length ?? 0;
        assert.strictEqual(quoted % 2, 0, `balanced quotes in: ${line}`);
      }
      assert.ok(text.includes('Grüße 👋 日本'), 'unicode stays as written');
    });

    it('escapes the characters that would end a label or start an entity', () => {
      assert.strictEqual(escapeMermaid('a"b|c#d<e>f[g]h\nI'), 'a#34;b#124;c#35;d#60;e#62;f#91;g#93;h I');
    });

    it('marks the path of a simulated call with linkStyle', () => {
      const text = toMermaid(graphOf(fixture('sample-v1.yaml'), { path: ['welcome', 'hours', 'menu'] }));
      assert.ok(text.includes('  linkStyle 0,1 stroke:#7c3aed,stroke-width:3px'));
      assert.ok(text.includes('#35;1'));
    });
  });

  describe('SVG', () => {
    it('is a self-contained document with every step and exit', () => {
      const svg = renderGraph(fixture('sample-v1.yaml'), 'flows/acme/v1.yaml', 'svg');
      assert.ok(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"'));
      assert.ok(!/(href|src)=/.test(svg), 'nothing external');
      assert.ok(svg.includes('<style>'));
      for (const id of ['welcome', 'hours', 'menu', 'sales', 'support', 'voicemail', 'goodbye'])
        assert.ok(svg.includes(`data-id="${id}"`), id);
      assert.strictEqual(svg.match(/class="edge[ "]/g)?.length, 9, 'one line per pair of steps');
      assert.ok(svg.includes('>no-input, invalid<'));
    });

    it('escapes every text: <script>, <img onerror>, quotes, ampersands; keeps unicode', () => {
      const graph = graphOf(HOSTILE);
      const svg = toSvg(graph, layoutFlowGraph(graph), { title: 'a "title" <b>' });
      assert.ok(!svg.includes('<script') && !svg.includes('<img'));
      // Every tag is well formed: quoted attribute values hold no quote or angle bracket, and no attribute is an event handler.
      for (const tag of svg.replace(/^<\?xml[^>]*\?>/, '').match(/<[^>]*>/g) ?? []) {
        assert.match(tag, /^<\/?[a-zA-Z]+(\s+[a-zA-Z:-]+="[^"<>]*")*\s*\/?>$/, tag);
        assert.ok(!/\son[a-z]+="/.test(tag.replace(/="[^"]*"/g, '=""')), `event handler in ${tag}`);
      }
      assert.ok(svg.includes('&lt;script&gt;'));
      assert.ok(svg.includes('&quot;quoted&quot;') && svg.includes('&amp;') && svg.includes('&apos;single&apos;'));
      assert.ok(svg.includes('<title>a &quot;title&quot; &lt;b&gt;</title>'));
      assert.ok(svg.includes('Grüße 👋'), 'unicode stays as written');
      const withoutTags = svg.replace(/<[^>]*>/g, '');
      assert.ok(!/[<>]/.test(withoutTags), 'no stray angle bracket in text');
    });

    it('drops characters XML cannot hold', () => {
      const graph = graphOf(
        flowWith(['  welcome:', '    type: play', '    say: "bell\\u0007 here"', '    next: welcome']),
      );
      const svg = toSvg(graph, layoutFlowGraph(graph));
      assert.ok(!svg.includes('\u0007'));
      assert.ok(svg.includes('bell here'));
    });

    it('shows problems as badges with the message in a title, and the path in order', () => {
      const text = flowWith(['  welcome:', '    type: play', '    say: hi', '    next: nowhere']);
      const graph = graphOf(text, { path: ['welcome'] });
      const svg = toSvg(graph, layoutFlowGraph(graph));
      assert.match(
        svg,
        /class="badge badge-error"[^>]*><title>Error: Step &quot;welcome&quot;: &quot;next&quot; goes to &quot;nowhere&quot;/,
      );
      assert.ok(svg.includes('class="node node-missing'));
      assert.match(svg, /class="path-order"[^>]*><rect[^>]*\/><text[^>]*>1<\/text>/);
    });
  });

  it('renderGraph never throws on a broken file', () => {
    for (const text of ['', ': :', 'steps: [', '\u0000']) {
      assert.strictEqual(typeof renderGraph(text, 'v1.yaml', 'svg'), 'string');
      assert.strictEqual(typeof renderGraph(text, 'v1.yaml', 'mermaid'), 'string');
    }
  });
});
