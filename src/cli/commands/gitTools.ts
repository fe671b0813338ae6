import { accessSync, constants, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { InvalidInputError, parseManifest, versionFileGitDiff, versionFileTextconv } from '../../core';
import type { VerbRegistrar } from '../program';

const DRIVER = 'callflow';
/** A version file as git names it: `<anything>/<flow-id>/v<N>.yaml`. */
const VERSION_PATH = /(?:^|\/)([a-z0-9][a-z0-9-]{0,62})\/v([1-9][0-9]{0,8})\.yaml$/;

async function readOrUndefined(file: string): Promise<string | undefined> {
  if (file === '/dev/null') return undefined;
  return readFile(file, 'utf8').catch(() => undefined);
}

/** Whether the shell git runs would find `program`: a path to an executable file, or a name on the PATH. */
function isOnPath(program: string): boolean {
  const executable = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  };
  if (program.includes('/')) return executable(program);
  return (process.env['PATH'] ?? '')
    .split(path.delimiter)
    .some((dir) => dir !== '' && executable(path.join(dir, program)));
}

export function registerGitToolVerbs(verb: VerbRegistrar): void {
  verb(
    'git-setup',
    (c) =>
      c
        .description(
          "make git's own tools show what changed for callers: `git diff` prints the semantic diff above the line diff of version files, `git log -p` and `git show` their journeys. Writes this repository's git config and a .gitattributes line, after saying what it writes",
        )
        .option('--command <command>', 'how git runs callflow (default: callflow, on the PATH)', 'callflow')
        .option('--dry-run', 'say what would be written, write nothing')
        .addHelpText(
          'after',
          `
Examples:
  callflow git-setup                                   # then: git diff, git log -p, git show
  callflow git-setup --dry-run
  callflow git-setup --command "npx --no-install callflow"   # callflow installed in this repository`,
        ),
    async (ctx) => {
      const workspace = await ctx.workspace();
      const layout = await workspace.layout();
      const command = String(ctx.options['command']);
      const attributes = `${layout.flowsDir}/*/v*.yaml diff=${DRIVER}`;
      const config: Array<[string, string]> = [
        [`diff.${DRIVER}.command`, `${command} git-diff`],
        [`diff.${DRIVER}.textconv`, `${command} git-textconv`],
      ];
      // Before saying what it writes: a workspace in no git repository is refused here (exit 2).
      await workspace.vcs.localConfig(config[0]![0]);
      const attributesFile = path.join(workspace.root, '.gitattributes');
      const existing = (await readOrUndefined(attributesFile)) ?? '';
      const hasLine = existing.split('\n').some((line) => line.trim() === attributes);
      ctx.out("callflow git-setup writes this repository's git config (.git/config, nothing global):");
      for (const [key, value] of config) ctx.out(`  ${key} = ${value}`);
      ctx.out(
        hasLine
          ? `and .gitattributes already has: ${attributes}`
          : `and adds to .gitattributes (commit it to share it): ${attributes}`,
      );
      const program =
        /^\s*(?:"([^"]*)"|'([^']*)'|(\S+))/
          .exec(command)
          ?.slice(1)
          .find((p) => p !== undefined) ?? '';
      if (!isOnPath(program))
        ctx.note(
          `Warning: git runs \`${program}\`, which is not on your PATH: \`git diff\` and \`git log -p\` would stop with "external diff died". ` +
            'Put callflow on the PATH (`npm link` in Call Flow Studio\'s folder), or run `callflow git-setup --command "node /path/to/call-flow-studio/bin/callflow.js"`.',
        );
      if (ctx.options['dryRun'] === true) return ctx.note('Nothing written (--dry-run).');
      for (const [key, value] of config) await workspace.vcs.setLocalConfig(key, value);
      if (!hasLine)
        await writeFile(
          attributesFile,
          `${existing}${existing === '' || existing.endsWith('\n') ? '' : '\n'}${attributes}\n`,
        );
      ctx.note(
        'Done. Try `git diff`, `git log -p flows/` or `git show`; `git log -p --ext-diff` shows the full semantic diff.',
      );
    },
  );

  verb(
    'git-diff <path> <old-file> <old-hex> <old-mode> <new-file> [new-hex] [new-mode]',
    (c) =>
      c.description("git's external diff driver for version files (set by `callflow git-setup`; git runs it, not you)"),
    async (ctx, gitPath: string, oldFile: string, _oldHex: string, _oldMode: string, newFile: string) => {
      const match = VERSION_PATH.exec(gitPath);
      const [oldText, newText] = await Promise.all([readOrUndefined(oldFile), readOrUndefined(newFile)]);
      if (!match) {
        throw new InvalidInputError(
          'not-a-version-file',
          `${gitPath} is not a flow version file (flows/<flow-id>/v<N>.yaml).`,
          'Check the .gitattributes line `callflow git-setup` wrote.',
        );
      }
      const flow = match[1]!;
      const version = Number(match[2]);
      let predecessor: { version: number; text: string } | undefined;
      if (oldText === undefined && newText !== undefined) predecessor = await predecessorOf(ctx.cwd, gitPath, version);
      ctx.io.stdout(
        versionFileGitDiff({ path: gitPath, flow, version, oldText, newText, ...(predecessor ? { predecessor } : {}) }),
      );
    },
  );

  verb(
    'git-textconv <file>',
    (c) => c.description("git's textconv for version files: the journeys, then the file (set by `callflow git-setup`)"),
    async (ctx, file: string) => {
      const text = (await readOrUndefined(file)) ?? '';
      const flow = VERSION_PATH.exec(file)?.[1] ?? path.basename(path.dirname(file));
      ctx.io.stdout(versionFileTextconv(flow, text));
    },
  );
}

/** The version a new version file was made from (`createdFrom: vK` in the working tree's manifest), from the working tree. */
async function predecessorOf(
  cwd: string,
  gitPath: string,
  version: number,
): Promise<{ version: number; text: string } | undefined> {
  const folder = path.join(cwd, path.dirname(gitPath));
  const manifest = parseManifest((await readOrUndefined(path.join(folder, 'flow.yaml'))) ?? '').manifest;
  const from = /^v([1-9][0-9]*)$/.exec(manifest?.versions.find((v) => v.version === version)?.createdFrom ?? '');
  if (!from) return undefined;
  const text = await readOrUndefined(path.join(folder, `v${from[1]}.yaml`));
  return text === undefined ? undefined : { version: Number(from[1]), text };
}
