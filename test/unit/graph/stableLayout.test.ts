/**
 * The layout stays put: after adding, removing or rewiring a step on the canvas, the steps the
 * admin did not touch are drawn where they were (measured: the largest move of any of them).
 */
import * as assert from 'assert';
import { applyTextEdits, editForRequest, type CanvasEditRequest } from '../../../src/core/flowEdits';
import { layoutFlowGraph, NODE_HEIGHT, NODE_WIDTH, type GraphLayout } from '../../../src/core/graph';
import { crossesOtherSteps, keepLayout, stableLayout } from '../../../src/core/graph/stableLayout';
import { fixture, graphOf, sharedGoodbyeFlow } from './support';

/** How far a step may move and still count as staying put, in canvas pixels. */
const BOUND = 1;

function largestMove(before: GraphLayout, after: GraphLayout, except: readonly string[] = []): number {
  let largest = 0;
  for (const [id, box] of Object.entries(before.nodes)) {
    const now = after.nodes[id];
    if (!now || except.includes(id)) continue;
    largest = Math.max(largest, Math.hypot(now.x - box.x, now.y - box.y));
  }
  return largest;
}

function overlaps(layout: GraphLayout, id: string): string[] {
  const a = layout.nodes[id]!;
  return Object.entries(layout.nodes)
    .filter(
      ([other, b]) =>
        other !== id && a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y,
    )
    .map(([other]) => other);
}

function after(text: string, request: CanvasEditRequest): string {
  return applyTextEdits(text, editForRequest(text, request).edits);
}

describe('a layout that stays put', () => {
  const acme = fixture('sample-v1.yaml');
  const big = sharedGoodbyeFlow(100);

  for (const [name, text, request] of [
    ['adding a step on an exit', acme, { kind: 'addStep', stepType: 'play', on: { step: 'welcome', exit: 'next' } }],
    [
      'adding a step from an exit',
      acme,
      { kind: 'addStep', stepType: 'hangup', from: { step: 'menu', exit: 'options.3' } },
    ],
    ['rewiring an exit', acme, { kind: 'setExit', step: 'welcome', exit: 'next', target: 'menu' }],
    ['removing an exit', acme, { kind: 'removeExit', step: 'hours', exit: 'closed' }],
    ['deleting a step', acme, { kind: 'deleteStep', step: 'support' }],
    [
      'adding a step in a 200-step flow',
      big,
      { kind: 'addStep', stepType: 'play', on: { step: 'menu50', exit: 'options.1' } },
    ],
    ['rewiring in a 200-step flow', big, { kind: 'setExit', step: 'menu10', exit: 'options.1', target: 'play90' }],
  ] as Array<[string, string, CanvasEditRequest]>) {
    it(`${name} moves no other step (largest move ≤ ${BOUND} px), and a new step overlaps none`, () => {
      const before = layoutFlowGraph(graphOf(text));
      const edited = after(text, request);
      const graph = graphOf(edited);
      const kept = keepLayout(graph, before);
      assert.ok(kept, 'the layout on screen is kept');
      assert.ok(largestMove(before, kept) <= BOUND, `moved ${largestMove(before, kept)} px`);
      for (const node of graph.nodes) assert.ok(kept.nodes[node.id], `${node.id} is placed`);
      for (const id of Object.keys(kept.nodes).filter((id) => !before.nodes[id]))
        assert.deepStrictEqual(overlaps(kept, id), [], `${id} overlaps nothing`);
    });
  }

  it('a step the admin dragged stays where it was dragged, through later edits', () => {
    const before = layoutFlowGraph(graphOf(acme));
    const pinned = { goodbye: { x: 900, y: 40 } };
    const edited = after(acme, { kind: 'addStep', stepType: 'play', on: { step: 'voicemail', exit: 'next' } });
    const kept = keepLayout(graphOf(edited), before, pinned)!;
    assert.deepStrictEqual({ x: kept.nodes.goodbye!.x, y: kept.nodes.goodbye!.y }, pinned.goodbye);
    assert.ok(largestMove(before, kept, ['goodbye']) <= BOUND);
  });

  it('a new step goes near the step it is connected from', () => {
    const before = layoutFlowGraph(graphOf(acme));
    const edited = after(acme, { kind: 'addStep', stepType: 'hangup', from: { step: 'menu', exit: 'options.3' } });
    const kept = keepLayout(graphOf(edited), before)!;
    const menu = before.nodes.menu!;
    const added = kept.nodes['hangup-1']!;
    assert.ok(Math.hypot(added.x - menu.x, added.y - menu.y) < 4 * (NODE_WIDTH + NODE_HEIGHT), 'within a few boxes');
  });

  it('another flow altogether is laid out afresh; reopened, the places drawn before are kept', () => {
    assert.strictEqual(keepLayout(graphOf(big), layoutFlowGraph(graphOf(acme))), undefined);
    const fresh = layoutFlowGraph(graphOf(acme));
    const places = { welcome: { x: 500, y: 500 } };
    const reopened = stableLayout(graphOf(acme), { fresh, previous: places });
    assert.deepStrictEqual({ x: reopened.nodes.welcome!.x, y: reopened.nodes.welcome!.y }, places.welcome);
  });
});

describe('lines run under no step they do not connect', () => {
  const acme = fixture('sample-v1.yaml');

  /** Each line that passes under a step other than its two ends, as `from->to under step`. */
  function linesUnderSteps(layout: GraphLayout): string[] {
    return layout.routes
      .filter((route) => !route.jump)
      .flatMap((route) =>
        Object.keys(layout.nodes)
          .filter((id) => id !== route.from && id !== route.to)
          .filter((id) => crossesOtherSteps(route.points, route.from, route.to, { [id]: layout.nodes[id]! }))
          .map((id) => `${route.from}->${route.to} under ${id}`),
      );
  }

  it('a step dragged onto a line between two others: that line goes around it', () => {
    const graph = graphOf(acme);
    const fresh = layoutFlowGraph(graph);
    // The longest line that does not touch goodbye, and goodbye dropped on its middle.
    const length = (r: (typeof fresh.routes)[number]): number =>
      Math.hypot(r.points[0]!.x - r.points.at(-1)!.x, r.points[0]!.y - r.points.at(-1)!.y);
    const line = fresh.routes
      .filter((r) => !r.jump && r.from !== 'goodbye' && r.to !== 'goodbye')
      .sort((a, b) => length(b) - length(a))[0]!;
    assert.ok(length(line) > 3 * NODE_HEIGHT, `${line.from}->${line.to} is long enough to drop a step on`);
    const middle = line.points[Math.floor(line.points.length / 2)]!;
    const pinned = { goodbye: { x: middle.x - NODE_WIDTH / 2, y: middle.y - NODE_HEIGHT / 2 } };
    const kept = keepLayout(graph, fresh, pinned)!;
    assert.deepStrictEqual(linesUnderSteps(kept), []);
    const stable = stableLayout(graph, { fresh, pinned });
    assert.deepStrictEqual(linesUnderSteps(stable), []);
  });

  it('a line drawn after a drag avoids the steps between its ends', () => {
    const graph = graphOf(acme);
    const fresh = layoutFlowGraph(graph);
    // welcome dragged far below everything: its line up to hours must not cross the steps in between.
    const bottom = Math.max(...Object.values(fresh.nodes).map((b) => b.y + b.height));
    const kept = keepLayout(graph, fresh, { welcome: { x: fresh.nodes.hours!.x, y: bottom + 120 } })!;
    assert.deepStrictEqual(linesUnderSteps(kept), []);
  });
});
