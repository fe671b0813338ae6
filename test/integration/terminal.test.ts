// `callflow` in the workbench's terminals, as `npm start` promises ("In its terminal, run the CLI as
// `callflow …`"): the runner starts the server with the same shim and PATH as scripts/start.js.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { waitFor, workspaceRoot } from './helpers';

describe('the integrated terminal', function () {
  this.timeout(60_000);

  it('runs `callflow --version` and `callflow list` from its PATH in the flow workspace', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callflow-terminal-'));
    const done = path.join(dir, 'done');
    const terminal = vscode.window.createTerminal({ name: 'callflow on the PATH', cwd: workspaceRoot() });
    try {
      // Written under another name, then renamed: the test reads the output only once it is whole.
      terminal.sendText(
        `callflow --version > '${dir}/out' 2>&1; echo "exit $?" >> '${dir}/out'; ` +
          `callflow list >> '${dir}/out' 2>&1; echo "exit $?" >> '${dir}/out'; mv '${dir}/out' '${done}'`,
      );
      const output = await waitFor(
        'the terminal to run callflow',
        () => (fs.existsSync(done) ? fs.readFileSync(done, 'utf8') : undefined),
        30_000,
      );
      const version = (
        JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
      assert.ok(output.startsWith(`${version}\nexit 0\n`), `callflow --version in the terminal printed:\n${output}`);
      assert.match(output, /\nexit 0\n$/, `callflow list in the terminal printed:\n${output}`);
      assert.doesNotMatch(output, /not found/);
    } finally {
      terminal.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
