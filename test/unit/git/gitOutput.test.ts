/**
 * The git adapter's parsers, fed git's raw output as strings (as VS Code git's tests feed
 * `git status -z`): the cases real repositories rarely produce on demand are spelled out here.
 */
import * as assert from 'assert';
import { parseBatch, parseCommitRecords, parseTagRefs } from '../../../src/git/gitOutput';

describe("git adapter: parsing git's output", () => {
  it('reads a cat-file --batch answer in the order asked: blobs as bytes, missing objects and trees as nothing', () => {
    const output = Buffer.from(
      'aaaa blob 5\nhello\n' + 'flows/x.yaml missing\n' + 'bbbb tree 3\nxyz\n' + 'cccc blob 0\n\n',
      'utf8',
    );
    const [hello, missing, tree, empty, beyond] = parseBatch(output, 5);
    assert.strictEqual(hello?.toString('utf8'), 'hello');
    assert.strictEqual(missing, undefined);
    assert.strictEqual(tree, undefined);
    assert.strictEqual(empty?.length, 0);
    assert.strictEqual(beyond, undefined, 'an answer cut short leaves the rest undefined');
  });

  it('reads log records whose messages span lines, skipping the newline git puts between records', () => {
    const records =
      'c1\x1fAda\x1f2026-01-02T03:04:05+00:00\x1fPublish a v2\x1fPublish a v2\n\nCallflow-Flow: a\n\x1e\n' +
      'c2\x1fBob\x1f2026-01-01T00:00:00+00:00\x1fSave a v1\x1fSave a v1\n\x1e\n';
    assert.deepStrictEqual(parseCommitRecords(records), [
      {
        commit: 'c1',
        author: 'Ada',
        date: '2026-01-02T03:04:05+00:00',
        subject: 'Publish a v2',
        message: 'Publish a v2\n\nCallflow-Flow: a',
      },
      { commit: 'c2', author: 'Bob', date: '2026-01-01T00:00:00+00:00', subject: 'Save a v1', message: 'Save a v1' },
    ]);
    assert.deepStrictEqual(parseCommitRecords(''), []);
  });

  it('reads tags to the commit they name: an annotated tag peeled, a lightweight one as is, others under the pattern dropped', () => {
    const refs = 'callflow/a/v1\tpeeled1\ttagobject1\n' + 'callflow/a/v2\t\tcommit2\n' + 'callflow/ab/v1\tp3\tt3\n';
    assert.deepStrictEqual(
      [...parseTagRefs(refs, 'callflow/a/')],
      [
        ['callflow/a/v1', 'peeled1'],
        ['callflow/a/v2', 'commit2'],
      ],
    );
  });
});
