import * as assert from 'assert';
import { countBySeverity, MAX_PROBLEMS_PER_FILE } from '../../../src/core/validation';
import { codes, flowWith, onlyProblem, problemsOf } from './support';

/** A flow whose start hangs up, followed by `count` steps nothing reaches: one warning each. */
function flowWithUnreachableSteps(count: number, extra: string[] = []): string {
  const steps = ['  welcome:', '    type: hangup'];
  for (let i = 0; i < count; i++) steps.push(`  lonely-${i}:`, '    type: hangup');
  return flowWith([...steps, ...extra]);
}

describe('validation: the cap on problems per file', () => {
  it('closes a file of only warnings with a warning note, so the file stays valid', () => {
    const problems = problemsOf(flowWithUnreachableSteps(MAX_PROBLEMS_PER_FILE + 20));
    assert.strictEqual(problems.length, MAX_PROBLEMS_PER_FILE + 1);
    const note = onlyProblem(problems, 'too-many-problems');
    assert.strictEqual(note.severity, 'warning');
    assert.match(note.message, /20 more problems \(0 errors, 20 warnings\) are not shown/);
    assert.strictEqual(countBySeverity(problems).errors, 0);
  });

  it('makes the note an error when the errors are among the problems cut', () => {
    // The unknown exit is on the last line, after every unreachable step: it is cut.
    const text = flowWithUnreachableSteps(MAX_PROBLEMS_PER_FILE + 5, [
      '  last:',
      '    type: play',
      '    say: Hi',
      '    next: nowhere',
    ]);
    const problems = problemsOf(text);
    assert.ok(!codes(problems.slice(0, -1)).includes('unknown-step'), 'the error is past the cap');
    const note = onlyProblem(problems, 'too-many-problems');
    assert.strictEqual(note.severity, 'error');
    assert.match(note.message, /\(1 error, \d+ warnings\)/);
    assert.ok(countBySeverity(problems).errors > 0, 'the file is not valid');
  });

  it('makes the note an error when errors are shown', () => {
    const text = flowWith(
      ['  welcome:', '    type: play', '    say: Hi', '    next: nowhere'].concat(
        ...Array.from({ length: MAX_PROBLEMS_PER_FILE + 5 }, (_, i) => [`  lonely-${i}:`, '    type: hangup']),
      ),
    );
    const note = onlyProblem(problemsOf(text), 'too-many-problems');
    assert.strictEqual(note.severity, 'error');
  });
});
