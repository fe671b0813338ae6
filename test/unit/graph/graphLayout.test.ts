import * as assert from 'assert';
import { layoutFlowGraph, type Box } from '../../../src/core/graph';
import { fixture, flowWith, graphOf, sharedGoodbyeFlow } from './support';

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('flow graph layout', () => {
  it('places every step in its own box, top to bottom from the start', () => {
    const graph = graphOf(fixture('sample-v1.yaml'));
    const layout = layoutFlowGraph(graph);
    const boxes = graph.nodes.map((n) => layout.nodes[n.id]!);
    assert.ok(boxes.every(Boolean));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        assert.ok(!overlaps(boxes[i]!, boxes[j]!), `boxes ${i} and ${j} overlap`);
    assert.ok(layout.nodes.welcome!.y < layout.nodes.hours!.y && layout.nodes.hours!.y < layout.nodes.menu!.y);
    assert.ok(layout.nodes.voicemail!.y < layout.nodes.goodbye!.y);
    for (const box of boxes)
      assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= layout.width && box.y + box.height <= layout.height);
  });

  it("draws one line per pair of steps, with the exits' labels joined, from one box to the other", () => {
    const graph = graphOf(fixture('sample-v1.yaml'));
    const layout = layoutFlowGraph(graph);
    const menuToVoicemail = layout.routes.find((r) => r.from === 'menu' && r.to === 'voicemail')!;
    assert.deepStrictEqual(menuToVoicemail.edgeIds, ['menu:no-input', 'menu:invalid']);
    assert.strictEqual(menuToVoicemail.label, 'no-input, invalid');
    assert.strictEqual(
      layout.routes.reduce((n, r) => n + r.edgeIds.length, 0),
      graph.edges.length,
    );
    for (const route of layout.routes) {
      assert.ok(route.points.length >= 2, `${route.id} has a line`);
      assert.ok(route.labelBox, `${route.id} has a label`);
      const end = route.points[route.points.length - 1]!;
      const box = layout.nodes[route.to]!;
      assert.ok(
        Math.abs(end.y - box.y) < 1 || Math.abs(end.x - box.x) < 1 || Math.abs(end.x - (box.x + box.width)) < 1,
        `${route.id} ends on its target's border`,
      );
    }
  });

  it('draws a far exit into a shared step as a connector chip, keeping the nearest way in as a line', () => {
    const graph = graphOf(sharedGoodbyeFlow(12));
    const layout = layoutFlowGraph(graph);
    const intoGoodbye = layout.routes.filter((r) => r.to === 'goodbye');
    const lines = intoGoodbye.filter((r) => !r.jump);
    assert.ok(lines.length >= 1, 'at least one real line into goodbye');
    assert.ok(intoGoodbye.filter((r) => r.jump).length >= 8, 'the far exits are connectors');
    for (const route of intoGoodbye.filter((r) => r.jump)) {
      const end = route.points[route.points.length - 1]!;
      const chip = route.jump!;
      assert.ok(end.y <= chip.y + chip.height && end.y >= chip.y - 1, 'the line ends at the chip');
      assert.ok(chip.y < layout.nodes.goodbye!.y, 'the chip sits near its source, above goodbye');
    }
  });

  it('draws small flows with every exit as a line', () => {
    assert.ok(layoutFlowGraph(graphOf(fixture('sample-v1.yaml'))).routes.every((r) => !r.jump));
  });

  it('reuses the previous layout when only text changed, and lays out again when an exit moved', () => {
    const before = graphOf(fixture('sample-v1.yaml'));
    const first = layoutFlowGraph(before);
    const reworded = graphOf(fixture('sample-v1.yaml').replace('Thanks for calling Acme.', 'Welcome to Acme!'));
    assert.strictEqual(layoutFlowGraph(reworded, first), first);
    const rewired = graphOf(fixture('sample-v1.yaml').replace('    next: hours', '    next: menu'));
    const second = layoutFlowGraph(rewired, first);
    assert.notStrictEqual(second, first);
    assert.notStrictEqual(second.key, first.key);
  });

  it('lays out an empty graph, self loops and cycles', () => {
    assert.doesNotThrow(() => layoutFlowGraph(graphOf('')));
    const graph = graphOf(
      flowWith([
        '  welcome:',
        '    type: menu',
        '    say: hi',
        '    options: { "1": a }',
        '    invalid: welcome',
        '  a:',
        '    type: play',
        '    say: a',
        '    next: welcome',
      ]),
    );
    const layout = layoutFlowGraph(graph);
    assert.ok(layout.routes.find((r) => r.from === 'welcome' && r.to === 'welcome')!.points.length > 0);
    assert.ok(layout.routes.find((r) => r.from === 'a' && r.to === 'welcome')!.points.length > 0);
  });
});
