import { mkdir, rm } from 'node:fs/promises';
import {
  planPublish,
  planRollback,
  plural,
  publishPlanJson,
  publishPlanWording,
  type OperationResult,
  type PublishPlan,
  parseFlowId,
} from '../../core';
import { workspaceWiring } from '../workspaceWiring';
import type { VerbContext } from '../verbContext';
import { ExitCode } from '../exitCodes';
import { formatProblem, summarizeProblems } from '../format';
import { printJson } from '../io';
import type { VerbRegistrar } from '../program';

export function registerLifecycleVerbs(verb: VerbRegistrar): void {
  verb(
    'init',
    (c) =>
      c
        .description(
          'make the current folder (or --cwd) a flow workspace: callflow.yaml and numbers.yaml, committed (runs git init when needed)',
        )
        .option('--flows-dir <dir>', 'folder that holds the flows', 'flows')
        .option('--tag-prefix <prefix>', 'prefix of publish tags', 'callflow')
        .option('--timezone <zone>', 'default IANA time zone for new flows')
        .option('--json', 'print the result as JSON'),
    async (ctx) => {
      const { flowsDir, tagPrefix, timezone } = ctx.options as {
        flowsDir: string;
        tagPrefix: string;
        timezone?: string;
      };
      // Like `git init <dir>`: a folder that does not exist yet is made (and removed again if init is refused).
      const made = await mkdir(ctx.cwd, { recursive: true });
      const { result } = await (
        await workspaceWiring()
      )
        .initFlowWorkspace(ctx.cwd, { flowsDir, tagPrefix, ...(timezone ? { timezone } : {}) }, ctx.openOptions)
        .catch(async (error: unknown) => {
          if (made) await rm(made, { recursive: true, force: true });
          throw error;
        });
      if (ctx.json) return printJson(ctx.io, result);
      ctx.out(
        `Initialized a flow workspace in ${result.root}${result.createdRepository ? ' (new git repository)' : ''}.`,
      );
      ctx.note('Next: `callflow create "Support Line"` to create your first flow.');
      ctx.note('To see what changed for callers in `git diff`, `git log -p` and `git show`: `callflow git-setup`.');
    },
  );

  verb(
    'create <name>',
    (c) =>
      c
        .description('create a new flow with a v1 draft from the starter template')
        .option('--description <text>', 'what the flow is for')
        .option('--id <flow-id>', 'the flow id (default: derived from the name)')
        .option('--json', 'print the result as JSON'),
    async (ctx, name: string) => {
      const { description, id } = ctx.options as { description?: string; id?: string };
      const workspace = await ctx.workspace();
      const result = await workspace.create(name, {
        ...(description !== undefined ? { description } : {}),
        ...(id ? { id } : {}),
      });
      report(
        ctx,
        result,
        `Created flow "${name}" (${result.flowId}): v${result.version} draft at ${result.file}.`,
        `Next: edit ${result.file}, then \`callflow save ${result.flowId}\`.`,
      );
    },
  );

  verb(
    'save <flow-id>',
    (c) =>
      c
        .description('validate the draft and commit it; errors do not stop a save but block publishing')
        .option('--json', 'print the result as JSON'),
    async (ctx, flowId: string) => {
      const result = await (await ctx.workspace()).save(parseFlowId(flowId));
      const validation = result.validation;
      const state = validation
        ? validation.valid
          ? `valid${validation.warnings ? `, ${plural(validation.warnings, 'warning')}` : ''}`
          : plural(validation.errors, 'error')
        : 'saved';
      report(
        ctx,
        result,
        `Saved v${result.version} of ${flowId}: ${state}.`,
        validation && !validation.valid
          ? `Fix the errors in ${result.file} and save again; a draft with errors cannot be published.`
          : `Next: \`callflow publish ${flowId}\` to make v${result.version} live.`,
      );
      if (validation && !validation.valid) ctx.exitCode = ExitCode.problemsFound;
    },
  );

  verb(
    'publish <flow-id>',
    (c) =>
      c
        .description(
          'publish the draft (its last save must be valid and the file unchanged since); archives the published version; tags the commit',
        )
        .option('--json', 'print the result as JSON')
        .option(
          '--dry-run',
          'make every check and say what publishing would change for callers (the caller journeys that change, warnings), publish nothing',
        )
        .addHelpText(
          'after',
          '\nExamples:\n  callflow publish support-line --dry-run   # what callers would get, nothing published\n  callflow save support-line && callflow publish support-line\n  callflow rollback support-line        # undo a publish: publish a copy of the version before',
        ),
    async (ctx, flowId: string) => {
      if (ctx.options['dryRun'] === true)
        return printPlan(
          ctx,
          await planPublish(await ctx.workspace(), parseFlowId(flowId)),
          `callflow publish ${flowId}`,
        );
      const result = await (await ctx.workspace()).publish(parseFlowId(flowId));
      const archived = result.archived ? ` (archived v${result.archived})` : '';
      report(
        ctx,
        result,
        `Published v${result.version} of ${flowId}${archived}; tagged ${result.tag}.`,
        `Calls to the numbers assigned to ${flowId} now follow v${result.version}.`,
      );
    },
  );

  verb(
    'edit <flow-id>',
    (c) =>
      c
        .description('start a new draft as a copy of the published version (the published one stays live)')
        .option('--json', 'print the result as JSON'),
    async (ctx, flowId: string) => {
      const result = await (await ctx.workspace()).edit(parseFlowId(flowId));
      report(
        ctx,
        result,
        `Started draft v${result.version} of ${flowId} from ${result.createdFrom}: ${result.file}.`,
        `Next: edit it, then \`callflow save ${flowId}\`.`,
      );
    },
  );

  verb(
    'discard <flow-id>',
    (c) =>
      c
        .description(
          'delete the draft; its last save stays in git (restore brings it back); refused when the file has changes not yet saved, unless --force',
        )
        .option('--force', 'discard even the changes not yet saved (they are lost)')
        .option('--json', 'print the result as JSON')
        .addHelpText(
          'after',
          '\nExamples:\n  callflow discard support-line           # refused if flows/support-line/v3.yaml has changes not yet saved\n  callflow save support-line && callflow discard support-line   # keep the changes in git, then discard\n  callflow restore support-line 3         # bring the discarded v3 back as a new draft',
        ),
    async (ctx, flowId: string) => {
      const { force } = ctx.options as { force?: boolean };
      const result = await (await ctx.workspace()).discard(parseFlowId(flowId), force ? { force } : {});
      if (result.lostUnsavedChanges) {
        report(
          ctx,
          result,
          `Discarded draft v${result.version} of ${flowId}. Its changes not yet saved are lost: no commit holds them.`,
          `\`callflow restore ${flowId} ${result.version}\` brings back v${result.version} as last saved only, without those changes.`,
        );
        return;
      }
      report(
        ctx,
        result,
        `Discarded draft v${result.version} of ${flowId}.`,
        `\`callflow restore ${flowId} ${result.version}\` brings it back as a new draft.`,
      );
    },
  );

  verb(
    'rollback <flow-id> [version]',
    (c) =>
      c
        .description(
          'publish a copy of an archived version (default: the one published before the current one) as a new version, with the same checks as publish; a draft is left as it is',
        )
        .option('--json', 'print the result as JSON')
        .option('--dry-run', 'make every check and say what the rollback would change for callers, publish nothing')
        .addHelpText(
          'after',
          '\nExamples:\n  callflow rollback support-line       # v3 is live and v2 was before it: publishes a copy of v2 as v4\n  callflow rollback support-line 1     # publishes a copy of archived v1\n  callflow rollback support-line 1 --dry-run',
        ),
    async (ctx, flowId: string, version?: string) => {
      if (ctx.options['dryRun'] === true)
        return printPlan(
          ctx,
          await planRollback(await ctx.workspace(), parseFlowId(flowId), version),
          `callflow rollback ${flowId}${version ? ` ${version}` : ''}`,
        );
      const result = await (await ctx.workspace()).rollback(parseFlowId(flowId), version);
      report(
        ctx,
        result,
        `Rolled ${flowId} back to ${result.createdFrom}: published v${result.version} (archived v${result.archived}); tagged ${result.tag}.`,
        `Calls to the numbers assigned to ${flowId} now follow v${result.version}, a copy of ${result.createdFrom}.`,
      );
    },
  );

  verb(
    'restore <flow-id> <version>',
    (c) =>
      c
        .description('start a new draft as a copy of an archived version (or of a discarded one, to undo a discard)')
        .option('--json', 'print the result as JSON'),
    async (ctx, flowId: string, version: string) => {
      const result = await (await ctx.workspace()).restore(parseFlowId(flowId), version);
      report(
        ctx,
        result,
        `Restored ${result.createdFrom} of ${flowId} as draft v${result.version}: ${result.file}.`,
        `Next: review it, then \`callflow save ${flowId}\` and \`callflow publish ${flowId}\`.`,
      );
    },
  );

  verb(
    'duplicate <flow-id> <version> <new-name>',
    (c) =>
      c
        .description('create a new flow whose v1 draft is a copy of a published or archived version')
        .option('--description <text>', 'what the new flow is for')
        .option('--id <flow-id>', 'the new flow id (default: derived from the name)')
        .option('--json', 'print the result as JSON'),
    async (ctx, flowId: string, version: string, newName: string) => {
      const { description, id } = ctx.options as { description?: string; id?: string };
      const result = await (
        await ctx.workspace()
      ).duplicate(parseFlowId(flowId), version, newName, {
        ...(description !== undefined ? { description } : {}),
        ...(id ? { id } : {}),
      });
      report(
        ctx,
        result,
        `Created flow "${newName}" (${result.flowId}) from ${result.createdFrom}: v${result.version} draft at ${result.file}.`,
        `Next: edit it, then \`callflow save ${result.flowId}\`.`,
      );
    },
  );
}

/** A publish or rollback plan (`--dry-run`): the confirmation's words, every changed journey, nothing done. */
function printPlan(ctx: VerbContext, plan: PublishPlan, command: string): void {
  if (ctx.json) {
    printJson(ctx.io, publishPlanJson(plan));
    return;
  }
  const wording = publishPlanWording(plan, 0);
  ctx.out(wording.headline);
  ctx.out(`  ${wording.callers}`);
  ctx.out(`  ${wording.journeySummary}`);
  for (const journey of wording.journeys) ctx.out(`    - ${journey}`);
  if (wording.warnings) {
    ctx.out(`  ${wording.warnings}`);
    for (const warning of plan.warnings) ctx.out('    ' + formatProblem(warning, ctx.colour));
  }
  if (wording.basis) ctx.out(`  ${wording.basis}`);
  ctx.note(`Nothing published (--dry-run). Run \`${command}\` to do it.`);
}

function report(ctx: VerbContext, result: OperationResult, summary: string, next?: string): void {
  if (ctx.json) {
    printJson(ctx.io, result);
    return;
  }
  ctx.out(
    result.commit
      ? `${summary} [${result.commit.slice(0, 7)}]`
      : `${summary} (unchanged since the last save; nothing to commit)`,
  );
  const problems = result.validation?.problems ?? [];
  if (problems.length > 0) {
    for (const problem of problems) ctx.out('  ' + formatProblem(problem, ctx.colour));
    ctx.out('  ' + summarizeProblems(problems));
  }
  if (next) ctx.note(next);
}
