import * as assert from 'assert';
import { validateManifestText, validateNumbersText, validateSettingsText } from '../../../src/core/validation';
import { validateNumbersFully } from '../../../src/core/validation/workspaceFiles';
import { NumbersFile } from '../../../src/core/workspace/numbers';
import { assertAt, assertNoJargon, onlyProblem, workspace } from './support';

const context = workspace({ 'support-line': { published: true }, billing: { published: false } });
const numbers = (...lines: string[]): string => ['numbers:', ...lines].join('\n') + '\n';

describe('validation: numbers.yaml', () => {
  it('accepts the example of the format', () => {
    const text = numbers(
      '  "+14155550100": support-line',
      '  "+14155550101": { flow: support-line, label: "Billing hotline" }',
    );
    assert.deepStrictEqual(validateNumbersText(text, 'numbers.yaml', context), []);
  });

  it('accepts an empty file and an empty list', () => {
    assert.deepStrictEqual(validateNumbersText('', 'numbers.yaml', context), []);
    assert.deepStrictEqual(validateNumbersText('numbers: {}\n', 'numbers.yaml', context), []);
  });

  it('reports numbers not in E.164 form at the key', () => {
    const problems = validateNumbersText(
      numbers('  "+1 415 555 0100": support-line', '  "4155550100": support-line'),
      'numbers.yaml',
      context,
    );
    assert.deepStrictEqual(
      problems.map((p) => [p.code, p.line, p.column]),
      [
        ['invalid-phone-number', 2, 3],
        ['invalid-phone-number', 3, 3],
      ],
    );
    assert.match(problems[1]!.message, /\(e\.g\. "\+14155550100"\)/);
  });

  it('asks for quotes around a number YAML read as an integer', () => {
    const problem = onlyProblem(
      validateNumbersText(numbers('  +14155550100: support-line'), 'numbers.yaml', context),
      'invalid-phone-number',
    );
    assert.strictEqual(
      problem.message,
      'Put the phone number in quotes: "+14155550100". Without quotes YAML reads it as the number 14155550100 and drops the plus sign.',
    );
    assertAt(problem, 2, 3);
  });

  it('reports a number assigned to a flow that does not exist, at the flow', () => {
    const problems = validateNumbersText(
      numbers('  "+14155550100": suport-line', '  "+14155550101": { flow: nope, label: x }'),
      'numbers.yaml',
      context,
    );
    assert.deepStrictEqual(
      problems.map((p) => [p.code, p.severity, p.line, p.column]),
      [
        ['unknown-flow', 'error', 2, 19],
        ['unknown-flow', 'error', 3, 27],
      ],
    );
    assert.match(problems[0]!.message, /Did you mean "support-line"\?/);
  });

  it('reports a number assigned to a flow with no published version as an error: its callers hear nothing', () => {
    const problem = onlyProblem(
      validateNumbersText(numbers('  "+14155550100": billing'), 'numbers.yaml', context),
      'unpublished-flow',
    );
    assert.strictEqual(problem.severity, 'error');
    assert.match(problem.message, /\+14155550100 is assigned to "billing", which has no published version/);
    assertAt(problem, 2, 19);
  });

  it('reports YAML anchors and aliases, as list and verify do and assign refuses', () => {
    const text = numbers('  "+14155550100": &main support-line', '  "+14155550101": *main');
    const problem = onlyProblem(validateNumbersText(text, 'numbers.yaml', context), 'yaml-anchor');
    assert.strictEqual(problem.severity, 'error');
    assert.strictEqual(problem.message, `${NumbersFile.parse(text).read().problems[0]!.message}.`);
    assert.strictEqual(problem.line, 2);
  });

  it('reports malformed assignments in plain words', () => {
    const problems = validateNumbersText(
      numbers(
        '  "+14155550100": { label: x }',
        '  "+14155550101": { flow: billing, colour: red }',
        '  "+14155550102": 7',
      ),
      'numbers.yaml',
    );
    assert.deepStrictEqual(
      problems.map((p) => [p.code, p.line]),
      [
        ['missing-field', 2],
        ['unknown-field', 3],
        ['schema', 4],
      ],
    );
    assert.strictEqual(
      problems[0]!.message,
      'The assignment of +14155550100 is missing "flow" (the flow that answers the number).',
    );
    assertNoJargon(problems);
  });
});

describe('validation: numbers.yaml in the shape callflow writes', () => {
  it('gives exactly what the full validation gives, placed on the same characters', () => {
    const texts = [
      numbers('  "+14155550100": support-line', '  "+14155550101": { flow: support-line, label: "Billing hotline" }'),
      '# assignments\n' +
        numbers('  "+14155550100": suport-line # typo', '', '  "+14155550101": { flow: nope, label: x }'),
      numbers('  "+14155550100": billing', "  \"+14155550101\": { flow: billing, label: 'it''s' }"),
      numbers(`  "+14155550100": { flow: support-line, label: ${'x'.repeat(101)} }`),
      numbers(`  "+14155550100": { flow: support-line, label: ${'é'.repeat(100)} }`),
      numbers('  "+14155550100": support-line', '  "+14155550100": billing'),
      numbers('  "+999": support-line', '  "+14155550101": "support-line"'),
      'numbers:\n',
      'numbers: {}\n',
    ];
    for (const text of texts) {
      for (const given of [context, undefined]) {
        assert.deepStrictEqual(
          validateNumbersText(text, 'numbers.yaml', given),
          validateNumbersFully(text, 'numbers.yaml', given),
          text,
        );
      }
    }
    // Not an empty agreement: the shape's own problems are found and placed.
    const problems = validateNumbersText(texts[1]!, 'numbers.yaml', context);
    assert.deepStrictEqual(
      problems.map((p) => [p.code, p.line, p.column, p.endColumn]),
      [
        ['unknown-flow', 3, 19, 30],
        ['unknown-flow', 5, 27, 31],
      ],
    );
  });
});

describe('validation: flow manifests', () => {
  const manifest = (...lines: string[]): string =>
    ['name: Support Line', 'description: Main number', 'versions:', ...lines].join('\n') + '\n';
  const entry = (version: number, status: string): string[] => [
    `  - version: ${version}`,
    `    status: ${status}`,
    '    createdFrom: template',
    '    createdAt: 2026-01-05T09:00:00Z',
  ];

  it('accepts a ledger with a published, an archived and a discarded version and a draft', () => {
    const text = manifest(
      ...entry(1, 'archived'),
      ...entry(2, 'published'),
      ...entry(3, 'discarded'),
      ...entry(4, 'draft'),
      '    savedAt: 2026-01-06T10:00:00.000Z',
      '    valid: true',
      '    errors: 0',
      '    warnings: 2',
      `    sha256: ${'a'.repeat(64)}`,
    );
    assert.deepStrictEqual(validateManifestText(text, 'flow.yaml'), []);
  });

  it('reports unknown statuses, bad timestamps and bad hashes at their values', () => {
    const text = manifest(
      '  - version: 1',
      '    status: live',
      '    createdFrom: template',
      '    createdAt: yesterday',
      '    sha256: xyz',
    );
    const problems = validateManifestText(text, 'flow.yaml');
    assert.deepStrictEqual(
      problems.map((p) => [p.line, p.column]),
      [
        [5, 13],
        [7, 16],
        [8, 13],
      ],
    );
    assert.strictEqual(problems[0]!.message, '"status" must be one of: draft, published, archived, discarded.');
    assert.strictEqual(problems[1]!.message, '"createdAt" must be a date and time such as 2026-11-24T15:00:00Z.');
    assertNoJargon(problems);
  });

  it('reports a second draft and a version listed twice', () => {
    const problems = validateManifestText(manifest(...entry(1, 'draft'), ...entry(1, 'draft')), 'flow.yaml');
    assert.deepStrictEqual(
      problems.map((p) => [p.code, p.line]),
      [
        ['duplicate-version', 8],
        ['ledger-conflict', 9],
      ],
    );
  });

  it('reports a missing name and an empty file', () => {
    assert.match(validateManifestText('versions: []\n', 'flow.yaml')[0]!.message, /^The manifest is missing "name"/);
    assert.strictEqual(validateManifestText('', 'flow.yaml')[0]!.code, 'empty-file');
  });
});

describe('validation: callflow.yaml', () => {
  it('accepts an empty file and every setting', () => {
    assert.deepStrictEqual(validateSettingsText('', 'callflow.yaml'), []);
    assert.deepStrictEqual(
      validateSettingsText('flowsDir: call-flows\ntagPrefix: ivr/flows\ntimezone: Europe/Paris\n', 'callflow.yaml'),
      [],
    );
  });

  it('reports an unknown setting, a folder outside the workspace and an unknown time zone', () => {
    const problems = validateSettingsText('flowDir: x\nflowsDir: ../elsewhere\ntimezone: Paris\n', 'callflow.yaml');
    assert.deepStrictEqual(
      problems.map((p) => [p.code, p.line, p.column]),
      [
        ['unknown-field', 1, 1],
        ['schema', 2, 11],
        ['invalid-timezone', 3, 11],
      ],
    );
    assert.match(problems[0]!.message, /^"flowDir" is not a field of callflow\.yaml\. Did you mean "flowsDir"\?/);
    assert.match(problems[1]!.message, /must be a folder inside the workspace/);
  });
});
