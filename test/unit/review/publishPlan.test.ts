import * as assert from 'assert';
import { planPublish, planRollback, publishPlanJson, publishPlanWording } from '../../../src/core';
import type { FlowWorkspace } from '../../../src/core/lifecycle/flowWorkspace';
import { makeWorkspace, type TempRepo } from '../../helpers/tempRepo';
import { parseFlowId } from '../../../src/core';

const FLOW = 'support-line';
const file = (version: number): string => `flows/${FLOW}/v${version}.yaml`;

/** support becomes a transfer. */
const toTransfer = (text: string): string =>
  text.replace(
    'support:\n    type: assign-dial\n    queue: support\n    timeout: 120\n    no-answer: voicemail',
    'support:\n    type: transfer\n    to: "+14155550199"\n    failed: voicemail',
  );

describe('review: what a publish or a rollback changes for callers, said before it is done', () => {
  let repo: TempRepo & { workspace: FlowWorkspace };
  let ws: FlowWorkspace;

  beforeEach(async () => {
    repo = await makeWorkspace();
    ws = repo.workspace;
    await ws.create('Support Line');
    await ws.publish(parseFlowId(FLOW));
    await ws.assign('+14155550100', parseFlowId(FLOW));
  });
  afterEach(() => repo.cleanup());

  async function draftWith(edit: (text: string) => string): Promise<number> {
    const { version } = await ws.edit(parseFlowId(FLOW));
    await repo.write(file(version), edit((await repo.read(file(version)))!));
    await ws.save(parseFlowId(FLOW));
    return version;
  }

  it('publish names the caller journeys that change, from what callers get now to the draft', async () => {
    await draftWith(toTransfer);
    const plan = await planPublish(ws, parseFlowId(FLOW));
    const wording = publishPlanWording(plan);
    assert.strictEqual(wording.question, 'Publish v2 of "Support Line"?');
    assert.deepStrictEqual(wording.sentences, [
      'Calls to +14155550100 start following v2 at once. v1, published now, will be archived.',
      '1 caller journey changes: pressing 2 during open hours: was connected to queue support, now transferred to +14155550199.',
    ]);
    assert.deepStrictEqual(publishPlanJson(plan), {
      flowId: FLOW,
      name: 'Support Line',
      version: 2,
      archives: 1,
      numbers: [{ number: '+14155550100', flow: FLOW }],
      journeys: [
        {
          journey: 'pressing 2 during open hours',
          from: { outcome: 'connected to queue support', path: ['welcome', 'hours', 'menu', 'support'] },
          to: { outcome: 'transferred to +14155550199', path: ['welcome', 'hours', 'menu', 'support'] },
        },
      ],
      warnings: [],
    });
  });

  it('names the first three journeys and how many more, lists them all, and mentions warnings', async () => {
    await draftWith((text) =>
      toTransfer(text)
        .replace('options: { "1": sales, "2": support }', 'options: { "1": sales, "2": support, "3": goodbye }')
        .replace('    closed: voicemail', '    closed: goodbye')
        .replace('    no-input: voicemail\n    invalid: voicemail', '    no-input: goodbye\n    invalid: goodbye')
        .concat('  unused:\n    type: play\n    say: "Never heard."\n    next: goodbye\n'),
    );
    const wording = publishPlanWording(await planPublish(ws, parseFlowId(FLOW)));
    assert.ok(wording.journeys.length > 3, wording.journeys.join('\n'));
    assert.match(
      wording.journeySummary,
      new RegExp(
        `^${wording.journeys.length} caller journeys change: [^;]+; [^;]+; [^;]+; and ${wording.journeys.length - 3} more\\.$`,
      ),
    );
    assert.ok(
      wording.journeys.includes(
        'pressing 3 during open hours: new key: was not an option (voicemail), now hung up (welcome → hours → menu → goodbye)',
      ),
      wording.journeys.join('\n'),
    );
    assert.match(
      wording.warnings ?? '',
      /^v2 has 1 warning \(line \d+: Step "unused" is never reached: [^;]*[^.]\); they do not stop publishing\.$/,
    );
  });

  it('says when the draft was made from another version than the one published now: after a rollback, it brings back what the rollback took away', async () => {
    await draftWith(toTransfer); // v2
    await ws.publish(parseFlowId(FLOW));
    await ws.restore(parseFlowId(FLOW), 1); // v3 draft, made from v1
    await repo.write(file(3), toTransfer((await repo.read(file(3)))!).replace('Please leave', 'Leave'));
    await ws.save(parseFlowId(FLOW));
    const rollback = publishPlanWording(await planRollback(ws, parseFlowId(FLOW), 1));
    assert.strictEqual(rollback.question, 'Roll back "Support Line" to v1?');
    assert.strictEqual(
      rollback.journeySummary,
      '1 caller journey changes: pressing 2 during open hours: was transferred to +14155550199, now connected to queue support.',
    );
    assert.strictEqual(
      rollback.basis,
      'The v3 draft stays as it is (made from v1): publishing it later replaces v4 whole.',
    );
    await ws.rollback(parseFlowId(FLOW), 1); // v4, a copy of v1
    const publish = publishPlanWording(await planPublish(ws, parseFlowId(FLOW)));
    assert.strictEqual(
      publish.basis,
      'v3 was made from v1, not from v4, which callers get now (a rollback to v1, made after v3 was): publishing v3 can bring back what the rollback took away; the journeys say what changes.',
    );
    assert.match(publish.journeySummary, /was connected to queue support, now transferred to \+14155550199/);
  });

  it('a first publish names every journey as new', async () => {
    await ws.create('Billing');
    const wording = publishPlanWording(await planPublish(ws, parseFlowId('billing')));
    assert.match(wording.callers, /^No number rings "Billing" yet/);
    assert.match(wording.journeySummary, /^v1 is the first published version: \d+ caller journeys change: .*new: /);
  });
});
