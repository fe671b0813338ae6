/**
 * Runs the real `callflow` in a pseudo-terminal, as a user at a terminal would: Debian's
 * `script` (util-linux, in bsdutils, an Essential package every Debian system has)
 * gives the process a terminal, and the test types into it key by key and reads what it printed.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../../bin/callflow.js');

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export class PseudoTerminal {
  private text = '';
  private readonly exited: Promise<number>;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (this.text += chunk));
    child.stderr.on('data', (chunk: Buffer) => (this.text += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  }

  /** `callflow <args>` in `cwd`, in a terminal of its own. */
  static callflow(cwd: string, ...args: string[]): PseudoTerminal {
    const command = [process.execPath, CLI, ...args].map(shellQuote).join(' ');
    const child = spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', TERM: 'dumb' },
    });
    return new PseudoTerminal(child);
  }

  /** Everything printed so far, with the terminal's carriage returns taken out. */
  get output(): string {
    return this.text.replace(/\r/g, '');
  }

  /** Resolves once the output (from `from` on) matches; fails with the output after `ms`. */
  async waitFor(pattern: RegExp, ms = 30_000, from = 0): Promise<void> {
    const deadline = Date.now() + ms;
    while (!pattern.test(this.output.slice(from))) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${String(pattern)}; the terminal shows:\n${this.output}`);
      if (this.child.exitCode !== null && !pattern.test(this.output.slice(from)))
        throw new Error(`callflow exited waiting for ${String(pattern)}; the terminal shows:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Types keys as a user would (one write: the terminal delivers them in order). */
  type(keys: string): void {
    this.child.stdin.write(keys);
  }

  /** The exit status, once callflow has ended. */
  async exit(ms = 30_000): Promise<number> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), ms);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
