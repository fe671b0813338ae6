/**
 * docs/flow-format.md lists every validation code, every `verify` finding, every CLI verb with
 * its options and every exit status. These tests read the codes from the source that reports
 * them and the verbs from the CLI itself, so a new code, verb or option that the reference does
 * not name fails here, and so does a name the reference keeps after the code dropped it.
 */
import * as assert from 'node:assert';
import type { Command } from 'commander';
import { buildProgram } from '../../../src/cli/program';
import { ExitCode } from '../../../src/cli/exitCodes';
import { reportedCodes, section, sourceText, tableCodes } from './referenceText';

const sorted = (names: Iterable<string>): string[] => [...new Set(names)].sort();

/** `file-<reason>` for every reason a workspace file is refused (UnreadableFileError). */
function unreadableFileCodes(): string[] {
  const union = /export type UnreadableReason =([^;]+);/.exec(sourceText('src/core/errors'))?.[1] ?? '';
  return [...union.matchAll(/'([a-z0-9-]+)'/g)].map((m) => `file-${m[1]}`);
}

describe('docs/flow-format.md names every code the tools report', () => {
  it('section 6 lists exactly the codes validation reports', () => {
    const reported = reportedCodes(sourceText('src/core/validation', 'src/core/workspaceValidation.ts'));
    for (const known of [
      'yaml-syntax',
      'yaml-warning',
      'exit-hangs-up',
      'unknown-step',
      'scenario',
      'too-many-problems',
    ])
      assert.ok(reported.has(known), `the code reader no longer finds ${known}: fix reportedCodes`);
    const fileCodes = unreadableFileCodes();
    assert.ok(fileCodes.includes('file-symlink'), 'the UnreadableReason reader no longer finds symlink');
    const text = section(/^## 6\. Validation/);
    assert.ok(text, 'docs/flow-format.md has a section 6 on validation');
    assert.deepStrictEqual(sorted(tableCodes(text)), sorted([...reported, ...fileCodes]));
  });

  it('"What verify checks" lists exactly the findings verify reports', () => {
    const reported = reportedCodes(sourceText('src/core/lifecycle/verify.ts', 'src/core/workspace/ledger.ts'));
    for (const known of ['locked-file-changed', 'multiple-drafts', 'ledger-not-committed', 'unexpected-tag'])
      assert.ok(reported.has(known), `the code reader no longer finds ${known}: fix reportedCodes`);
    const text = section(/^### What `verify` checks/);
    assert.ok(text, 'docs/flow-format.md has a "What `verify` checks" section');
    // `schema-<code>` and `file-…` stand for the validation codes of section 6 that verify passes on.
    const documented = tableCodes(text).filter((code) => code !== 'schema-<code>' && code !== 'file-…');
    assert.deepStrictEqual(sorted(documented), sorted(reported));
  });
});

describe('docs/flow-format.md names every verb, option and exit status of the CLI', () => {
  let program: Command;
  before(async () => {
    program = await buildProgram({ cwd: '/', stdout: () => {}, stderr: () => {} }, { exitCode: 0 });
  });
  const verbs = section(/^### Verbs/) ?? '';
  const block = /```\n([\s\S]*?)```/.exec(verbs)?.[1] ?? '';
  /** Each `callflow <verb> …` line of the block, with the lines that continue it. */
  const entries = block.split(/\n(?=callflow )/).map((entry) => entry.replace(/\s+/g, ' '));
  const longOptions = (command: Command): string[] =>
    command.options.map((option) => option.long!).filter((flag) => flag !== '--help');

  it('lists every verb once, with each of its options', () => {
    assert.ok(entries.length > 10, 'section 8 has a ### Verbs block of `callflow <verb>` lines');
    const problems: string[] = [];
    for (const command of program.commands) {
      const found = entries.filter(
        (entry) => entry.startsWith(`callflow ${command.name()} `) || entry.trim() === `callflow ${command.name()}`,
      );
      if (found.length !== 1) problems.push(`${command.name()}: ${found.length} entries`);
      else
        for (const flag of longOptions(command))
          if (!found[0]!.includes(flag)) problems.push(`${command.name()} ${flag}`);
    }
    const documented = entries.map((entry) => /^callflow (\S+)/.exec(entry)?.[1]);
    for (const name of documented)
      if (!program.commands.some((command) => command.name() === name)) problems.push(`no verb ${name ?? '?'}`);
    assert.deepStrictEqual(problems, []);
  });

  it('names the global options', () => {
    const text = section(/^## 8\. The command line/) ?? '';
    for (const flag of longOptions(program)) assert.ok(text.includes(flag), `section 8 does not name ${flag}`);
  });

  it('explains every exit status', () => {
    const text = section(/^### Exit status/) ?? '';
    for (const code of Object.values(ExitCode))
      assert.ok(new RegExp(`^\\| ${code} \\|`, 'm').test(text), `the exit table has no row for ${code}`);
  });
});
