import * as assert from 'assert';
import { MISSING_PREFIX } from '../../../src/core/graph';
import { simulateCall } from '../../../src/core/simulator';
import type { FlowDefinition } from '../../../src/core/model';
import { parse } from 'yaml';
import { edgeList, fixture, flowWith, graphOf, node } from './support';

describe('flow graph model', () => {
  const sample = fixture('sample-v1.yaml');

  it('has one node per step, in file order, with the line of its key', () => {
    const graph = graphOf(sample);
    assert.deepStrictEqual(
      graph.nodes.map((n) => n.id),
      ['welcome', 'hours', 'menu', 'sales', 'support', 'voicemail', 'goodbye'],
    );
    assert.deepStrictEqual(
      graph.nodes.map((n) => n.line),
      [5, 9, 18, 26, 31, 35, 39],
    );
    const welcome = node(graph, 'welcome');
    assert.strictEqual(welcome.column, 3);
    assert.strictEqual(welcome.endColumn, 10);
    assert.strictEqual(welcome.type, 'play');
    assert.strictEqual(welcome.label, 'welcome');
  });

  it('summarises each step by what it does', () => {
    const graph = graphOf(sample);
    assert.strictEqual(node(graph, 'welcome').summary, 'Thanks for calling Acme.');
    assert.strictEqual(node(graph, 'hours').summary, 'mon-fri 09:00-17:00, sat 10:00-13:00 · America/New_York');
    assert.strictEqual(node(graph, 'sales').summary, 'queue sales');
    assert.strictEqual(node(graph, 'support').summary, 'to +14155550199');
    const long = graphOf(
      flowWith([
        '  welcome:',
        '    type: play',
        `    say: "${'Welcome to the support line of a company with a very long name indeed.'}"`,
      ]),
    );
    assert.ok(node(long, 'welcome').summary.endsWith('…'));
    assert.ok(node(long, 'welcome').summary.length <= 48);
  });

  it('draws every exit as an edge named as an admin names it', () => {
    assert.deepStrictEqual(edgeList(graphOf(sample)), [
      'welcome -next-> hours',
      'hours -open-> menu',
      'hours -closed-> voicemail',
      'menu -1-> sales',
      'menu -2-> support',
      'menu -no-input-> voicemail',
      'menu -invalid-> voicemail',
      'sales -no-answer-> voicemail',
      'support -failed-> voicemail',
      'voicemail -next-> goodbye',
    ]);
  });

  it('labels condition branches with their test, or their number when the test is unreadable', () => {
    const graph = graphOf(
      flowWith([
        '  welcome:',
        '    type: condition',
        '    branches:',
        '      - when: { variable: caller.number, starts-with: "+44" }',
        '        next: uk',
        '      - when: { variable: tier, in: [gold, silver] }',
        '        next: uk',
        '      - when: 5',
        '        next: bye',
        '    else: bye',
        '  uk:',
        '    type: hangup',
        '  bye:',
        '    type: hangup',
      ]),
    );
    assert.deepStrictEqual(edgeList(graph), [
      'welcome -caller.number starts with +44-> uk',
      'welcome -tier in [gold, silver]-> uk',
      'welcome -branch 3-> bye',
      'welcome -else-> bye',
    ]);
    assert.deepStrictEqual(
      graph.edges.map((e) => e.id),
      ['welcome:branches.0', 'welcome:branches.1', 'welcome:branches.2', 'welcome:else'],
    );
  });

  it('marks the start and the steps where the call ends', () => {
    const graph = graphOf(sample);
    assert.deepStrictEqual(
      graph.nodes.filter((n) => n.isStart).map((n) => n.id),
      ['welcome'],
    );
    assert.strictEqual(graph.start, 'welcome');
    assert.deepStrictEqual(
      graph.nodes.filter((n) => n.isTerminal).map((n) => n.id),
      ['goodbye'],
    );
  });

  it('greys out steps no path from the start reaches', () => {
    const graph = graphOf(
      flowWith(['  welcome:', '    type: hangup', '  orphan:', '    type: play', '    say: hi', '    next: welcome']),
    );
    assert.strictEqual(node(graph, 'orphan').unreachable, true);
    assert.strictEqual(node(graph, 'welcome').unreachable, false);
    assert.ok(node(graph, 'orphan').problems.some((p) => p.severity === 'warning' && /never reached/.test(p.message)));
  });

  it('leads a dangling exit to one "missing step" placeholder per name, with the exit\'s problem on its step', () => {
    const graph = graphOf(
      flowWith([
        '  welcome:',
        '    type: menu',
        '    say: hi',
        '    options: { "1": salse, "2": salse }',
        '    no-input: nowhere',
        '  sales:',
        '    type: hangup',
      ]),
    );
    const missing = graph.nodes.filter((n) => n.missing);
    assert.deepStrictEqual(
      missing.map((n) => [n.id, n.label, n.type]),
      [
        [`${MISSING_PREFIX}salse`, 'salse', 'missing'],
        [`${MISSING_PREFIX}nowhere`, 'nowhere', 'missing'],
      ],
    );
    assert.strictEqual(missing[0]!.line, 8);
    assert.deepStrictEqual(edgeList(graph).slice(0, 3), [
      `welcome -1-> ${MISSING_PREFIX}salse`,
      `welcome -2-> ${MISSING_PREFIX}salse`,
      `welcome -no-input-> ${MISSING_PREFIX}nowhere`,
    ]);
    const welcome = node(graph, 'welcome');
    assert.ok(
      welcome.problems.some(
        (p) =>
          p.severity === 'error' &&
          /"salse", which is not a step/.test(p.message) &&
          /Did you mean "sales"/.test(p.message),
      ),
    );
    assert.strictEqual(node(graph, 'sales').unreachable, true);
  });

  it('draws a start that names no step as a placeholder, and greys nothing', () => {
    const graph = graphOf(flowWith(['  welcome:', '    type: hangup'], 'welcom'));
    const start = node(graph, `${MISSING_PREFIX}welcom`);
    assert.strictEqual(start.isStart, true);
    assert.strictEqual(graph.start, start.id);
    assert.strictEqual(node(graph, 'welcome').unreachable, false);
    assert.ok(
      graph.problems.some((p) => /starts at "welcom"/.test(p.message)),
      'the start problem belongs to the file, not a step',
    );
  });

  it('puts each problem on the step whose lines hold it', () => {
    const graph = graphOf(
      flowWith([
        '  welcome:',
        '    type: transfer',
        '    to: "12345"',
        '    failed: bye',
        '  bye:',
        '    type: hangup',
      ]),
    );
    assert.strictEqual(node(graph, 'welcome').problems.length, 1);
    assert.match(node(graph, 'welcome').problems[0]!.message, /E\.164|\+/);
    assert.deepStrictEqual(node(graph, 'bye').problems, []);
  });

  it('still draws a draft the schema rejects: unknown types, missing fields, a step that is not a mapping', () => {
    const text = flowWith([
      '  welcome:',
      '    type: plya',
      '    next: menu',
      '  menu:',
      '    type: menu',
      '    say: hi',
      '  broken: 42',
      '  bye:',
      '    type: hangup',
    ]);
    const graph = graphOf(text);
    assert.deepStrictEqual(
      graph.nodes.map((n) => [n.id, n.type]),
      [
        ['welcome', 'unknown'],
        ['menu', 'menu'],
        ['broken', 'unknown'],
        ['bye', 'hangup'],
      ],
    );
    assert.ok(node(graph, 'welcome').problems.some((p) => p.severity === 'error'));
    assert.ok(node(graph, 'menu').problems.some((p) => /options/.test(p.message)));
    assert.strictEqual(node(graph, 'broken').summary, 'not a step definition');
  });

  it('draws what precedes a YAML syntax error', () => {
    const text = flowWith([
      '  welcome:',
      '    type: play',
      '    say: "hello',
      '    next: bye',
      '  bye:',
      '    type: hangup',
    ]);
    const graph = graphOf(text);
    assert.ok(graph.nodes.length >= 1, 'something is drawn');
    const all = [...graph.problems, ...graph.nodes.flatMap((n) => n.problems)];
    assert.ok(
      all.some((p) => /never closed/.test(p.message)),
      'the syntax error is shown',
    );
  });

  it('draws an empty graph for an empty or foreign file without throwing', () => {
    for (const text of ['', 'just text', '- a\n- b\n', 'steps: 5\n', 'steps:\n  "": {type: hangup}\n']) {
      const graph = graphOf(text);
      assert.ok(Array.isArray(graph.nodes) && Array.isArray(graph.edges));
    }
  });

  it('overlays a simulated call: order numbers on the steps, the exits taken highlighted', () => {
    const definition = parse(sample) as FlowDefinition;
    const result = simulateCall({
      flow: { id: 'acme', version: 1, definition },
      at: '2026-11-24T15:00:00Z',
      digits: ['9', '1'],
      agents: { sales: 'busy' },
    });
    const graph = graphOf(sample, { path: result.steps, flow: 'acme' });
    assert.deepStrictEqual(
      result.steps.map((s) => s.step),
      ['welcome', 'hours', 'menu', 'sales', 'voicemail', 'goodbye'],
    );
    assert.deepStrictEqual(node(graph, 'welcome').pathOrder, [1]);
    assert.deepStrictEqual(node(graph, 'goodbye').pathOrder, [6]);
    assert.strictEqual(node(graph, 'support').pathOrder, undefined);
    assert.deepStrictEqual(
      graph.edges.filter((e) => e.onPath).map((e) => e.id),
      ['welcome:next', 'hours:open', 'menu:options.1', 'sales:no-answer', 'voicemail:next'],
    );
  });

  it('overlays a path of step ids, numbering a step visited twice at both positions', () => {
    const text = flowWith([
      '  welcome:',
      '    type: menu',
      '    say: hi',
      '    options: { "1": again, "2": bye }',
      '  again:',
      '    type: play',
      '    say: again',
      '    next: welcome',
      '  bye:',
      '    type: hangup',
    ]);
    const graph = graphOf(text, { path: ['welcome', 'again', 'welcome', 'bye'] });
    assert.deepStrictEqual(node(graph, 'welcome').pathOrder, [1, 3]);
    assert.deepStrictEqual(
      graph.edges.filter((e) => e.onPath).map((e) => e.id),
      ['welcome:options.1', 'welcome:options.2', 'again:next'],
    );
  });

  it("counts only the given flow's steps when a call went on in another flow", () => {
    const graph = graphOf(fixture('sample-v1.yaml'), {
      path: [
        { step: 'welcome', flow: 'acme', exit: 'next' },
        { step: 'welcome', flow: 'other', exit: 'next' },
        { step: 'hours', flow: 'acme', exit: null },
      ],
      flow: 'acme',
    });
    assert.deepStrictEqual(node(graph, 'welcome').pathOrder, [1]);
    assert.deepStrictEqual(node(graph, 'hours').pathOrder, [2]);
  });
});
