import * as assert from 'assert';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { callflow } from './cliHarness';

describe('callflow graph', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await makeTempRepo();
    await callflow(repo.root, 'init');
    await callflow(repo.root, 'create', 'Support Line');
  });
  afterEach(() => repo.cleanup());

  it('prints the draft as a Mermaid flowchart with one edge per exit', async () => {
    const run = await callflow(repo.root, 'graph', 'support-line');
    assert.strictEqual(run.code, 0, run.stderr);
    assert.match(run.stdout, /^flowchart TD/);
    assert.match(run.stdout, /s_welcome -->\|"next"\| s_hours/);
    assert.match(run.stdout, /s_menu -->\|"1"\| s_sales/);
  });

  it('writes escaped SVG to a file for a given version', async () => {
    await repo.write(
      'flows/support-line/v1.yaml',
      ((await repo.read('flows/support-line/v1.yaml')) ?? '').replace(
        'Thanks for calling Support Line.',
        '<script>alert(1)</script> & welcome',
      ),
    );
    const run = await callflow(repo.root, 'graph', 'support-line@1', '--format', 'svg', '--output', 'graph.svg');
    assert.strictEqual(run.code, 0, run.stderr);
    const svg = (await repo.read('graph.svg')) ?? '';
    assert.match(svg, /^<\?xml/);
    assert.ok(!svg.includes('<script>'), 'flow text must be escaped');
    assert.match(svg, /&lt;script&gt;/);
  });

  it('draws a version file given by path, inside or outside a workspace', async () => {
    const inside = await callflow(repo.root, 'graph', 'flows/support-line/v1.yaml');
    assert.strictEqual(inside.code, 0, inside.stderr);
    assert.match(inside.stdout, /s_hours -->\|"open"\| s_menu/);
    const outside = await callflow('/', 'graph', `${repo.root}/flows/support-line/v1.yaml`, '--format', 'svg');
    assert.strictEqual(outside.code, 0, outside.stderr);
    assert.match(outside.stdout, /<svg /);
    assert.strictEqual((await callflow(repo.root, 'graph', 'nope.yaml')).code, 2);
  });

  it('refuses an unknown format and a phone number with exit 2', async () => {
    assert.strictEqual((await callflow(repo.root, 'graph', 'support-line', '--format', 'png')).code, 2);
    assert.strictEqual((await callflow(repo.root, 'graph', '+14155550100')).code, 2);
  });

  it('refuses an --output in a folder that does not exist, or that is a folder, with exit 2 and what to give', async () => {
    const missing = await callflow(repo.root, 'graph', 'support-line', '--output', 'no/such/folder/graph.svg');
    assert.strictEqual(missing.code, 2, missing.stderr);
    assert.match(
      missing.stderr,
      /Cannot write the diagram to no\/such\/folder\/graph\.svg: its folder no\/such\/folder does not exist\./,
    );
    assert.match(missing.stderr, /Give --output a file name in an existing folder/);
    assert.doesNotMatch(missing.stderr, /bug in callflow/);
    const folder = await callflow(repo.root, 'graph', 'support-line', '--output', 'flows');
    assert.strictEqual(folder.code, 2, folder.stderr);
    assert.match(folder.stderr, /Cannot write the diagram to flows: it is a folder\./);
  });
});
