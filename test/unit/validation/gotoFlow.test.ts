import * as assert from 'assert';
import { assertAt, assertNoProblems, flowWith, onlyProblem, problemsOf, workspace } from './support';

const gotoFlow = (flow: string): string => flowWith(['  welcome:', '    type: goto-flow', `    flow: ${flow}`]);

describe('validation: goto-flow across the workspace', () => {
  it('accepts a goto-flow to a published flow', () => {
    assertNoProblems(problemsOf(gotoFlow('billing'), workspace({ billing: { published: true } }, 'support-line')));
  });

  it('reports a flow that does not exist, with did-you-mean', () => {
    const problem = onlyProblem(
      problemsOf(gotoFlow('biling'), workspace({ billing: { published: true } })),
      'unknown-flow',
    );
    assert.strictEqual(problem.severity, 'error');
    assert.strictEqual(problem.message, 'There is no flow "biling" in this workspace. Did you mean "billing"?');
    assertAt(problem, 7, 11);
  });

  it('warns on save about a flow with no published version, and refuses it on publish', () => {
    const context = workspace({ billing: { published: false } });
    const onSave = onlyProblem(problemsOf(gotoFlow('billing'), context), 'unpublished-flow');
    assert.strictEqual(onSave.severity, 'warning');
    assertAt(onSave, 7, 11);
    const onPublish = onlyProblem(problemsOf(gotoFlow('billing'), context, { forPublish: true }), 'unpublished-flow');
    assert.strictEqual(onPublish.severity, 'error');
  });

  it('reports a cycle of goto-flows back to this flow, naming the flows on the way', () => {
    const context = workspace(
      {
        'support-line': { published: true, gotoTargets: ['billing'] },
        billing: { published: true, gotoTargets: ['refunds'] },
        refunds: { published: true, gotoTargets: ['support-line'] },
      },
      'support-line',
    );
    const problem = onlyProblem(problemsOf(gotoFlow('billing'), context), 'goto-flow-cycle');
    assert.strictEqual(
      problem.message,
      'Going to flow "billing" leads back to this flow: support-line → billing → refunds → support-line. Calls could pass between these flows without end.',
    );
    assertAt(problem, 7, 11);
  });

  it('reports a goto-flow to the flow itself', () => {
    const context = workspace({ 'support-line': { published: true } }, 'support-line');
    assert.match(
      onlyProblem(problemsOf(gotoFlow('support-line'), context), 'goto-flow-cycle').message,
      /goes to this same flow/,
    );
  });

  it('follows published goto-flows that branch and rejoin without looping forever', () => {
    const context = workspace(
      {
        'support-line': { published: true },
        a: { published: true, gotoTargets: ['b', 'c'] },
        b: { published: true, gotoTargets: ['c', 'a'] },
        c: { published: true, gotoTargets: ['a', 'b'] },
      },
      'support-line',
    );
    assertNoProblems(problemsOf(gotoFlow('a'), context));
  });

  it('checks no workspace facts without a context', () => {
    assertNoProblems(problemsOf(gotoFlow('anything')));
  });
});
