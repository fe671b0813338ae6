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
});
