/* eslint-disable no-control-regex -- these tests look for the terminal escape sequences colour is made of */
import * as assert from 'assert';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { colourEnabled, paint } from '../../../src/cli/colour';
import { formatProblem } from '../../../src/cli/format';
import { main } from '../../../src/cli/main';
import { buildProgram } from '../../../src/cli/program';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { callflow } from './cliHarness';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const CLI = path.join(REPO_ROOT, 'bin/callflow.js');

describe('callflow CLI: colour', () => {
  it('colours a terminal only, unless NO_COLOR or FORCE_COLOR says otherwise', () => {
    assert.strictEqual(colourEnabled({}, true), true);
    assert.strictEqual(colourEnabled({}, false), false);
    assert.strictEqual(colourEnabled({ NO_COLOR: '1' }, true), false);
    assert.strictEqual(colourEnabled({ NO_COLOR: '' }, true), true, 'an empty NO_COLOR does not count');
    assert.strictEqual(colourEnabled({ FORCE_COLOR: '1' }, false), true);
    assert.strictEqual(colourEnabled({ FORCE_COLOR: '0' }, true), false);
    assert.strictEqual(colourEnabled({ NO_COLOR: '1', FORCE_COLOR: '1' }, true), false, 'NO_COLOR wins');
  });

  it('paints the severity of a problem only when colour is on', () => {
    const problem = {
      file: 'flows/a/v1.yaml',
      line: 3,
      column: 5,
      severity: 'error' as const,
      code: 'unknown-step',
      message: 'Step "x" does not exist.',
    };
    assert.strictEqual(formatProblem(problem), 'flows/a/v1.yaml:3:5  error    unknown-step  Step "x" does not exist.');
    assert.strictEqual(
      formatProblem(problem, true),
      `flows/a/v1.yaml:3:5  ${paint(true, 'red', 'error  ')}  unknown-step  Step "x" does not exist.`,
    );
    assert.match(formatProblem(problem, true), /\u001b\[31merror/);
  });

  it('validate prints plain text into a pipe and colour with FORCE_COLOR', () => {
    const dir = makeTempRepoSync();
    try {
      writeFileSync(
        path.join(dir, 'broken.yaml'),
        'callflow: 1\ntrigger: incoming-call\nstart: nowhere\nsteps:\n  a:\n    type: hangup\n',
      );
      const plain = spawnSync(process.execPath, [CLI, 'validate', 'broken.yaml'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' },
      });
      assert.strictEqual(plain.status, 1, plain.stderr);
      assert.doesNotMatch(plain.stdout, /\u001b\[/);
      const forced = spawnSync(process.execPath, [CLI, 'validate', 'broken.yaml'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, FORCE_COLOR: '1', NO_COLOR: '' },
      });
      assert.match(forced.stdout, /\u001b\[31merror/);
    } finally {
      spawnSync('rm', ['-rf', dir]);
    }
  });
});

function makeTempRepoSync(): string {
  return spawnSync('mktemp', ['-d'], { encoding: 'utf8' }).stdout.trim();
}

describe('callflow CLI: shell completion', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await makeTempRepo();
    assert.strictEqual((await callflow(repo.root, 'init')).code, 0);
    assert.strictEqual((await callflow(repo.root, 'create', 'Support Line')).code, 0);
  });
  afterEach(() => repo.cleanup());

  async function script(shell: string): Promise<string> {
    let stdout = '';
    const code = await main(['completion', shell], {
      cwd: repo.root,
      stdout: (t) => void (stdout += t),
      stderr: () => {},
    });
    assert.strictEqual(code, 0);
    return stdout;
  }

  it("bash: completes verbs, a verb's options, and flow ids from the workspace", async () => {
    const file = path.join(repo.root, '..', `completion-${path.basename(repo.root)}.bash`);
    writeFileSync(file, await script('bash'));
    const complete = (words: string[]): string[] => {
      const shim = `callflow() { node ${JSON.stringify(CLI)} "$@"; }\nsource ${JSON.stringify(file)}\nCOMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')}); COMP_CWORD=${words.length - 1}; _callflow; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const run = spawnSync('bash', ['-c', shim], { cwd: repo.root, encoding: 'utf8' });
      assert.strictEqual(run.status, 0, run.stderr);
      return run.stdout.split('\n').filter(Boolean);
    };
    assert.deepStrictEqual(complete(['callflow', 'pub']), ['publish']);
    assert.deepStrictEqual(complete(['callflow', 'assign', '--m']), ['--move']);
    assert.deepStrictEqual(complete(['callflow', 'publish', 'sup']), ['support-line']);
  });

  it('zsh and fish scripts name every verb; an unknown shell is refused with the ones there are', async () => {
    for (const shell of ['zsh', 'fish']) {
      const text = await script(shell);
      for (const verb of ['publish', 'rollback', 'recover', 'review', 'completion'])
        assert.match(text, new RegExp(`\\b${verb}\\b`));
    }
    const refused = await callflow(repo.root, 'completion', 'tcsh');
    assert.strictEqual(refused.code, 2);
    assert.match(refused.stderr, /Use one of: bash, zsh, fish/);
  });
});

describe('callflow CLI: help', () => {
  it('every verb has a description and its --help ends with examples', async () => {
    const program = await buildProgram({ cwd: '/', stdout: () => {}, stderr: () => {} }, { exitCode: 0 });
    const missing: string[] = [];
    for (const command of program.commands) {
      let help = '';
      const code = await main([command.name(), '--help'], {
        cwd: '/',
        stdout: (t) => void (help += t),
        stderr: () => {},
      });
      if (code !== 0 || !command.description() || !/\nExamples:\n {2}\S/.test(help)) missing.push(command.name());
    }
    assert.ok(program.commands.length > 20);
    assert.deepStrictEqual(missing, []);
  });
});
