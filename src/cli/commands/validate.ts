import * as path from 'node:path';
import {
  fileKindOf,
  InvalidInputError,
  isFlowId,
  NotAWorkspaceError,
  printable,
  validateLooseText,
  type Problem,
} from '../../core';
import { readUserFile } from '../../platform/nodeWorkspaceFiles';
import type { VerbContext } from '../verbContext';
import { ExitCode } from '../exitCodes';
import { formatProblem, summarizeProblems } from '../format';
import { printJson } from '../io';
import type { VerbRegistrar } from '../program';

export function registerValidationVerbs(verb: VerbRegistrar): void {
  verb(
    'validate [targets...]',
    (c) =>
      c
        .description('validate flows (their draft and published versions) or files; no target: the whole workspace')
        .option('--json', 'print [{ file, line, column, severity, code, message }]')
        .option('--strict', 'exit 1 on warnings too (for CI)'),
    async (ctx, targets: string[] = []) => {
      const problems = await validateTargets(ctx, targets);
      const strict = ctx.options['strict'] === true;
      if (problems.some((p) => p.severity === 'error' || strict)) ctx.exitCode = ExitCode.problemsFound;
      if (ctx.json) {
        printJson(
          ctx.io,
          problems.map(({ file, line, column, severity, code, message }) => ({
            file,
            line,
            column,
            severity,
            code,
            message,
          })),
        );
        return;
      }
      for (const problem of problems) ctx.out(formatProblem(problem, ctx.colour));
      ctx.note(summarizeProblems(problems));
    },
  );
}

async function validateTargets(ctx: VerbContext, targets: readonly string[]): Promise<Problem[]> {
  const workspace = await ctx.workspace().catch((error: unknown) => {
    if (error instanceof NotAWorkspaceError && targets.length > 0 && targets.every(looksLikeFile)) return undefined;
    throw error;
  });
  if (!workspace) return (await Promise.all(targets.map((t) => validateLooseFile(ctx, t)))).flat();

  if (targets.length === 0) return workspace.validate();
  const problems: Problem[] = [];
  const flowIds = targets
    .filter((t) => !looksLikeFile(t))
    .map((id) => {
      if (isFlowId(id)) return id;
      throw new InvalidInputError(
        'invalid-target',
        `"${printable(id)}" is neither a flow id nor a .yaml file.`,
        'Give flow ids (support-line) or paths to .yaml files.',
      );
    });
  if (flowIds.length > 0) problems.push(...(await workspace.validate(flowIds)));
  for (const file of targets.filter(looksLikeFile)) {
    const absolute = path.resolve(ctx.cwd, file);
    const relative = path.relative(workspace.root, absolute).split(path.sep).join('/');
    if (relative.startsWith('..') || path.isAbsolute(relative)) problems.push(...(await validateLooseFile(ctx, file)));
    else problems.push(...(await workspace.validateFiles([relative])));
  }
  return problems;
}

function looksLikeFile(target: string): boolean {
  return /\.ya?ml$/i.test(target) || target.includes('/') || target.includes(path.sep);
}

/** A file outside any workspace: validated on its own, without cross-flow checks. */
async function validateLooseFile(ctx: VerbContext, file: string): Promise<Problem[]> {
  const absolute = path.resolve(ctx.cwd, file);
  const text = await readUserFile(absolute, file, fileKindOf(file));
  if (text === undefined) throw new InvalidInputError('missing-file', `${file} does not exist.`, 'Check the path.');
  return validateLooseText(text, file);
}
