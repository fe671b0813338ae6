import * as assert from 'assert';
import * as fc from 'fast-check';
import { parse } from 'yaml';
import type { FlowManifest } from '../../../src/core/model';
import { parseManifest, serializeManifest } from '../../../src/core/workspace/manifest';
import { fastParseManifest } from '../../../src/core/workspace/manifestFastPath';
import { NumbersFile } from '../../../src/core/workspace/numbers';
import { parseSettings } from '../../../src/core/workspace/settings';
import { unifiedDiff } from '../../../src/core/lifecycle/unifiedDiff';

const TRICKY = [
  'Support Line',
  'null',
  'true',
  '123',
  '1e5',
  '0x1F',
  '- dash',
  'a: b',
  'a #b',
  "it's",
  '"quoted"',
  ' lead',
  'trail ',
  '日本語',
  'multi\nline',
  '~',
  '.inf',
  '@home',
  'a\\b',
  '',
  '2026-01-01',
  'yes',
  'on',
];

describe('manifest files', () => {
  it('serialize is deterministic and parse reads back what was written', () => {
    const manifest: FlowManifest = {
      name: 'Support Line',
      description: 'Main: "line" # 1',
      versions: [
        {
          version: 2,
          status: 'draft',
          createdFrom: 'v1',
          createdAt: '2026-01-02T00:00:00Z',
          savedAt: '2026-01-02T00:00:01Z',
          valid: false,
          errors: 2,
          warnings: 0,
          sha256: 'ab',
        },
        {
          version: 1,
          status: 'published',
          createdFrom: 'template',
          createdAt: '2026-01-01T00:00:00Z',
          publishedAt: '2026-01-01T00:00:02Z',
          valid: true,
          errors: 0,
          warnings: 1,
          sha256: 'cd',
        },
      ],
    };
    const text = serializeManifest(manifest);
    assert.strictEqual(serializeManifest(parseManifest(text).manifest!), text);
    assert.match(
      text,
      /^name: Support Line\ndescription: .*\nversions:\n {2}- version: 1\n {4}status: published\n {4}createdFrom: template/,
    );
  });

  it('the fast reader agrees with the YAML parser on every manifest it accepts', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...TRICKY), fc.string(), fc.string({ unit: 'binary', maxLength: 20 })),
        fc.option(fc.oneof(fc.constantFrom(...TRICKY), fc.string())),
        fc.constantFrom(...TRICKY, 'template', 'v2', 'other@v4'),
        (name, description, createdFrom) => {
          const manifest: FlowManifest = {
            name: name || 'x',
            versions: [
              {
                version: 1,
                status: 'draft',
                createdFrom,
                createdAt: '2026-01-01T00:00:00Z',
                valid: true,
                errors: 0,
                warnings: 0,
                sha256: 'ff',
              },
            ],
          };
          if (description !== null) manifest.description = description;
          const text = serializeManifest(manifest);
          const fast = fastParseManifest(text);
          if (fast !== undefined) assert.deepStrictEqual(fast, parse(text), text);
        },
      ),
      { numRuns: 500 },
    );
    for (const name of TRICKY.filter(Boolean)) {
      const text = serializeManifest({ name, versions: [] });
      const fast = fastParseManifest(text);
      if (fast !== undefined) assert.deepStrictEqual(fast, { ...parse(text), versions: [] }, text);
    }
    assert.strictEqual(fastParseManifest('# a comment\nname: x\nversions: []\n'), undefined);
  });
});

describe('numbers.yaml', () => {
  it('keeps comments and order when assigning and unassigning', () => {
    const file = NumbersFile.parse(
      '# team phones\nnumbers:\n  # sales\n  "+14155550102": sales # main\n  "+14155550100": support\n',
    );
    file.set({ number: '+14155550101', flow: 'billing', label: 'Billing hotline' });
    file.remove('+14155550100');
    assert.strictEqual(
      file.toString(),
      '# team phones\nnumbers:\n  # sales\n  "+14155550102": sales # main\n  "+14155550101": { flow: billing, label: Billing hotline }\n',
    );
  });

  it('writes `numbers: {}` when the last number is unassigned, and assigns into it as a block', () => {
    for (const text of [
      '# phones\nnumbers:\n  "+14155550100": support # main\n',
      'numbers: { "+14155550100": support }\n',
    ]) {
      const file = NumbersFile.parse(text);
      file.remove('+14155550100');
      const emptied = file.toString();
      assert.match(emptied, /^numbers: \{\}$/m, text);
      assert.deepStrictEqual(parse(emptied), { numbers: {} });
      const again = NumbersFile.parse(emptied);
      again.set({ number: '+14155550101', flow: 'billing' });
      assert.strictEqual(again.toString(), emptied.replace('numbers: {}', 'numbers:\n  "+14155550101": billing'));
    }
  });

  it('reports unquoted and malformed numbers', () => {
    const { assignments, problems } = NumbersFile.parse(
      'numbers:\n  +14155550100: a\n  "123": b\n  "+14155550101": { label: x }\n  "+14155550102": c\n',
    ).read();
    assert.deepStrictEqual(assignments, [{ number: '+14155550102', flow: 'c' }]);
    assert.strictEqual(problems.length, 3);
  });
});

describe('numbers.yaml edited as lines and as a YAML document', () => {
  const NUMBERS = ['+14155550100', '+14155550101', '+14155550102', '+442071838750'];
  const FLOWS = ['support', 'billing', 'null', 'sales-2'];
  const LABELS = TRICKY.filter((label) => label.trim() !== '' && !label.includes('\n'));
  type Edit = { set: { number: string; flow: string; label?: string } } | { remove: string };
  const edit = fc.oneof(
    fc
      .record(
        { number: fc.constantFrom(...NUMBERS), flow: fc.constantFrom(...FLOWS), label: fc.constantFrom(...LABELS) },
        { requiredKeys: ['number', 'flow'] },
      )
      .map((set): Edit => ({ set })),
    fc.constantFrom(...NUMBERS).map((remove): Edit => ({ remove })),
  );

  it('write the same text for every assign, label removal and unassign', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 12 }), (edits) => {
        const text = '# phones\nnumbers:\n  # main\n  "+14155550100": { flow: support, label: Main line }\n';
        const lines = NumbersFile.parse(text);
        // A document marker takes the text out of callflow's shape: the yaml Document path edits it.
        const document = NumbersFile.parse(`---\n${text}`);
        // Emptied, the two place `{}` differently around a comment (`numbers: {}` or a `{}` line): same YAML.
        let emptied = false;
        for (const step of edits) {
          for (const file of [lines, document]) {
            if ('set' in step) file.set(step.set);
            else file.remove(step.remove);
          }
          emptied ||= lines.assignments().length === 0;
          if (!emptied) assert.strictEqual(`---\n${lines.toString()}`, document.toString());
          assert.deepStrictEqual(parse(lines.toString()), parse(document.toString()));
          assert.deepStrictEqual(lines.assignments(), document.assignments());
          assert.deepStrictEqual(NumbersFile.readAssignments(lines.toString()), lines.assignments());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('an entry set without a label is the plain `"+1…": flow-id` line in both', () => {
    for (const prefix of ['', '---\n']) {
      const file = NumbersFile.parse(`${prefix}numbers:\n  "+14155550100": { flow: support, label: Main line }\n`);
      file.set({ number: '+14155550100', flow: 'support' });
      assert.strictEqual(file.toString(), `${prefix}numbers:\n  "+14155550100": support\n`);
    }
  });
});

describe('callflow.yaml settings', () => {
  it('defaults and validates', () => {
    assert.deepStrictEqual(parseSettings(undefined), { flowsDir: 'flows', tagPrefix: 'callflow' });
    assert.deepStrictEqual(parseSettings('flowsDir: telephony/flows\ntagPrefix: cf\ntimezone: Europe/Paris\n'), {
      flowsDir: 'telephony/flows',
      tagPrefix: 'cf',
      timezone: 'Europe/Paris',
    });
    for (const bad of [
      'flowsDir: ../x',
      'tagPrefix: a..b',
      'tagPrefix: "x y"',
      'flowsDir: 3',
      'timezone: "Europe/Paris; rm"',
      '- list',
    ]) {
      assert.throws(() => parseSettings(bad), bad);
    }
  });
});

describe('unifiedDiff', () => {
  it('prints hunks with context like git diff', () => {
    const a = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n') + '\n';
    const b = ['a', 'b', 'C', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'].join('\n') + '\n';
    assert.strictEqual(
      unifiedDiff(a, b, 'a/x', 'b/x'),
      '--- a/x\n+++ b/x\n@@ -1,6 +1,6 @@\n a\n b\n-c\n+C\n d\n e\n f\n@@ -8,3 +8,4 @@\n h\n i\n j\n+k\n',
    );
    assert.strictEqual(unifiedDiff(a, a, 'a/x', 'b/x'), '');
    assert.strictEqual(unifiedDiff('', 'x\n', 'a', 'b'), '--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n');
  });

  it('reports a change of the final newline only, as git does', () => {
    assert.strictEqual(
      unifiedDiff('a\nb\n', 'a\nb', 'a/x', 'b/x'),
      '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n',
    );
    assert.strictEqual(
      unifiedDiff('a\nb', 'a\nb\n', 'a/x', 'b/x'),
      '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n',
    );
  });

  it('diffs two 5,000-line versions hunk by hunk', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i}`);
    const changed = lines.map((l, i) => (i % 500 === 0 ? `${l} changed` : l));
    const diff = unifiedDiff(lines.join('\n') + '\n', changed.join('\n') + '\n', 'a/x', 'b/x');
    assert.strictEqual(diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')).length, 10);
  });
});

describe('numbers.yaml fast reader', () => {
  it('agrees with the full parser', () => {
    for (const text of [
      '# c\nnumbers:\n  "+14155550100": support # main\n  "+14155550101": billing\n',
      'numbers:\n  "+14155550100": { flow: support, label: x }\n',
      'numbers:\n  +14155550100: support\n',
      'numbers:\n  "+14155550100": a\n  "+14155550100": b\n',
      'numbers: {}\n',
      '',
    ]) {
      assert.deepStrictEqual(NumbersFile.readAssignments(text), NumbersFile.parse(text).assignments(), text);
    }
  });
});
