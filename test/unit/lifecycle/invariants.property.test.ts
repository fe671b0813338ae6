import * as assert from 'assert';
import fc from 'fast-check';
import { CallflowError } from '../../../src/core/errors';
import { makeWorkspace } from '../../helpers/tempRepo';
import { parseFlowId } from '../../../src/core';

/** One user gesture on one of two flows; the versions an operation names are drawn small so some exist. */
type Op =
  | { kind: 'create' | 'save' | 'publish' | 'edit' | 'discard' | 'touch' | 'break'; flow: 0 | 1 }
  | { kind: 'restore' | 'duplicate' | 'rollback'; flow: 0 | 1; version: number }
  | { kind: 'assign' | 'unassign'; flow: 0 | 1; number: 0 | 1 };

const FLOWS = ['Alpha Line', 'Beta Line'] as const;
const IDS = ['alpha-line', 'beta-line'] as const;
const NUMBERS = ['+14155550100', '+14155550101'] as const;

// The core gestures more often than the rest, so runs reach deep histories (publish, edit, discard, edit again).
const KINDS = [
  'save',
  'save',
  'publish',
  'publish',
  'publish',
  'edit',
  'edit',
  'edit',
  'discard',
  'discard',
  'restore',
  'restore',
  'rollback',
  'rollback',
  'touch',
  'break',
  'duplicate',
  'assign',
  'unassign',
  'create',
] as const;
const op: fc.Arbitrary<Op> = fc
  .tuple(
    fc.constantFrom(...KINDS),
    fc.constantFrom<0 | 1>(0, 1),
    fc.integer({ min: 1, max: 5 }),
    fc.constantFrom<0 | 1>(0, 1),
  )
  .map(([kind, flow, version, number]): Op => {
    if (kind === 'restore' || kind === 'duplicate' || kind === 'rollback') return { kind, flow, version };
    if (kind === 'assign' || kind === 'unassign') return { kind, flow, number };
    return { kind, flow };
  });

describe('lifecycle invariants under any sequence of operations', function () {
  this.timeout(300_000);

  it('every operation either commits once or is refused with nothing changed, and verify always passes', async () => {
    let duplicates = 0;
    const succeeded = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 8, maxLength: 20 }), async (ops) => {
        const repo = await makeWorkspace();
        const ws = repo.workspace;
        await ws.create(FLOWS[0]);
        await ws.create(FLOWS[1]);
        const maxVersionSeen = new Map<string, number>();
        try {
          for (const o of ops) {
            const id = IDS[o.flow];
            const file = async (): Promise<string | undefined> => {
              const draft = (await ws.list()).find((f) => f.id === id)?.draft;
              return draft ? `flows/${id}/v${draft}.yaml` : undefined;
            };
            const headBefore = repo.git('rev-parse', 'HEAD').trim();
            const statusBefore = repo.git('status', '--porcelain');
            try {
              switch (o.kind) {
                case 'create':
                  await ws.create(FLOWS[o.flow]);
                  break;
                case 'save':
                  await ws.save(parseFlowId(id));
                  break;
                case 'publish':
                  await ws.publish(parseFlowId(id));
                  break;
                case 'edit':
                  await ws.edit(parseFlowId(id));
                  break;
                case 'discard': {
                  const path = await file();
                  const text = path && (await repo.read(path));
                  await ws.discard(parseFlowId(id));
                  // Nothing lost: the discarded text is in the commit before the discard (restore reads it there).
                  if (path) assert.strictEqual(repo.git('show', `HEAD^:${path}`), text, 'discard lost text');
                  break;
                }
                case 'rollback':
                  await ws.rollback(parseFlowId(id), o.version > 3 ? o.version - 3 : undefined);
                  break;
                case 'restore':
                  await ws.restore(parseFlowId(id), o.version);
                  break;
                case 'duplicate':
                  await ws.duplicate(parseFlowId(id), o.version, `Copy ${++duplicates}`);
                  break;
                case 'assign':
                  await ws.assign(NUMBERS[o.number], parseFlowId(id));
                  break;
                case 'unassign':
                  await ws.unassign(NUMBERS[o.number]);
                  break;
                case 'touch': {
                  // An admin edits the draft in the editor (a valid change), without saving.
                  const path = await file();
                  if (path) await repo.write(path, ((await repo.read(path)) ?? '') + '# edited\n');
                  break;
                }
                case 'break': {
                  const path = await file();
                  if (path)
                    await repo.write(path, ((await repo.read(path)) ?? '').replace('start: welcome', 'start: nowhere'));
                  break;
                }
              }
              succeeded.set(o.kind, (succeeded.get(o.kind) ?? 0) + 1);
            } catch (err) {
              assert.ok(
                err instanceof CallflowError && err.category !== 'failed',
                `${o.kind} failed unexpectedly: ${String(err)}`,
              );
              // A refusal changes nothing: no commit, no file.
              assert.strictEqual(repo.git('rev-parse', 'HEAD').trim(), headBefore, `${o.kind} refused but moved HEAD`);
              assert.strictEqual(
                repo.git('status', '--porcelain'),
                statusBefore,
                `${o.kind} refused but changed files`,
              );
            }
            const commitsAdded = Number(repo.git('rev-list', '--count', `${headBefore}..HEAD`).trim());
            assert.ok(commitsAdded <= 1, `${o.kind} made ${commitsAdded} commits`);

            for (const f of await ws.list()) {
              const drafts = f.versions.filter((v) => v.status === 'draft').length;
              const published = f.versions.filter((v) => v.status === 'published').length;
              assert.ok(drafts <= 1 && published <= 1, `${f.id}: ${drafts} drafts, ${published} published`);
              const versions = f.versions.map((v) => v.version);
              assert.deepStrictEqual(
                versions,
                [...versions].sort((a, b) => a - b),
                'versions increase',
              );
              assert.strictEqual(new Set(versions).size, versions.length, 'no version number is used twice');
              const max = Math.max(...versions);
              assert.ok(max >= (maxVersionSeen.get(f.id) ?? 0), 'version numbers are never reused or dropped');
              maxVersionSeen.set(f.id, max);
            }
          }
          const report = await ws.verify();
          assert.deepStrictEqual(
            report.findings.filter((f) => f.severity === 'error'),
            [],
            JSON.stringify(ops),
          );
        } finally {
          await repo.cleanup();
        }
      }),
      { numRuns: 30, seed: 20261125 },
    );
    // The runs must reach the interesting states, not only refusals.
    for (const kind of ['save', 'publish', 'edit', 'discard', 'restore', 'rollback', 'assign']) {
      assert.ok((succeeded.get(kind) ?? 0) > 0, `no ${kind} ever succeeded: ${JSON.stringify([...succeeded])}`);
    }
  });
});
