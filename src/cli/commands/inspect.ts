import { plural, type FlowSummary, type VersionDetails, parseFlowId } from '../../core';
import { ExitCode } from '../exitCodes';
import { table } from '../format';
import { printJson } from '../io';
import type { VerbRegistrar } from '../program';

export function registerInspectionVerbs(verb: VerbRegistrar): void {
  verb(
    'list',
    (c) =>
      c
        .description('flows, their versions with statuses, and their phone numbers (reads files only, no git)')
        .option('--json', 'print [{ id, name, description, versions, numbers }]'),
    async (ctx) => {
      const workspace = await ctx.workspace();
      const flows = await workspace.list();
      const numbersProblems = (await workspace.numbers()).problems;
      for (const problem of numbersProblems)
        ctx.note(
          `warning: numbers.yaml: ${problem.number && !problem.message.includes(problem.number) ? `${problem.number}: ` : ''}${problem.message}. Run \`callflow validate numbers.yaml\`.`,
        );
      if (ctx.json) return printJson(ctx.io, flows);
      if (flows.length === 0) {
        ctx.out('No flows yet.');
        ctx.note('Create one with `callflow create "Support Line"`.');
        return;
      }
      const rows = [['FLOW', 'NAME', 'DRAFT', 'PUBLISHED', 'ARCHIVED', 'NUMBERS']];
      for (const flow of flows)
        rows.push(
          flow.problem
            ? [flow.id, '(flow.yaml cannot be read)', '-', '-', '-', flow.numbers.join(', ') || '-']
            : summaryRow(flow),
        );
      ctx.out(table(rows));
      const unreadable = flows.filter((f) => f.problem);
      for (const flow of unreadable) ctx.note(`warning: ${flow.problem}`);
      if (unreadable.length > 0)
        ctx.note('Fix those files (their history: `callflow history <flow-id>`), then run `callflow verify`.');
    },
  );

  verb(
    'show <flow-id>',
    (c) =>
      c
        .description('one flow: its versions with statuses and dates, and its phone numbers')
        .option('--json', 'print the flow as JSON'),
    async (ctx, flowId: string) => {
      const flow = await (await ctx.workspace()).show(parseFlowId(flowId));
      if (ctx.json) return printJson(ctx.io, flow);
      ctx.out(`${flow.name} (${flow.id})`);
      if (flow.description) ctx.out(flow.description);
      ctx.out('');
      const rows = [['VERSION', 'STATUS', 'FROM', 'STATE', 'DATE', 'FILE']];
      for (const version of [...flow.versions].reverse()) rows.push(versionRow(version));
      ctx.out(table(rows));
      if (flow.assignments.length > 0) {
        ctx.out('Numbers:');
        for (const a of flow.assignments) ctx.out(`  ${a.number}${a.label ? `  ${a.label}` : ''}`);
      }
    },
  );

  verb(
    'history <flow-id>',
    (c) => c.description("the flow's lifecycle commits, newest first").option('--json', 'print the commits as JSON'),
    async (ctx, flowId: string) => {
      const entries = await (await ctx.workspace()).history(parseFlowId(flowId));
      if (ctx.json) return printJson(ctx.io, entries);
      if (entries.length === 0) ctx.out(`No lifecycle commits for ${flowId} yet.`);
      const rows = entries.map((e) => [
        e.commit.slice(0, 7),
        e.date.slice(0, 19).replace('T', ' '),
        e.subject,
        e.author,
      ]);
      if (rows.length > 0) ctx.out(table(rows));
    },
  );

  verb(
    'verify',
    (c) =>
      c
        .description(
          'check every invariant of the workspace: ledgers, statuses, locked files against their publish tags, numbers',
        )
        .option('--json', 'print { ok, flows, findings }')
        .option('--strict', 'exit 1 on warnings too (for CI)'),
    async (ctx) => {
      const report = await (await ctx.workspace()).verify();
      if (!report.ok || (ctx.options['strict'] === true && report.findings.length > 0))
        ctx.exitCode = ExitCode.problemsFound;
      if (ctx.json) return printJson(ctx.io, report);
      for (const f of report.findings) {
        const where = f.file ?? f.flowId ?? f.number ?? '';
        ctx.out(
          `${where ? where + '  ' : ''}${f.severity === 'error' ? 'error  ' : 'warning'}  ${f.code}  ${f.message}`,
        );
      }
      const errors = report.findings.filter((f) => f.severity === 'error').length;
      ctx.out(
        report.ok
          ? `Verified ${plural(report.flows, 'flow')}: all invariants hold${report.findings.length ? ` (${plural(report.findings.length, 'warning')})` : ''}.`
          : `Verified ${plural(report.flows, 'flow')}: ${plural(errors, 'error')}.`,
      );
    },
  );
}

function summaryRow(flow: FlowSummary): string[] {
  const archived = flow.versions.filter((v) => v.status === 'archived').map((v) => `v${v.version}`);
  return [
    flow.id,
    flow.name,
    flow.draft ? `v${flow.draft}` : '-',
    flow.published ? `v${flow.published}` : '-',
    archived.length ? archived.join(',') : '-',
    flow.numbers.length ? flow.numbers.join(', ') : '-',
  ];
}

function versionRow(v: VersionDetails): string[] {
  let state = '';
  if (v.status === 'draft') {
    if (v.savedAt === undefined) state = 'never saved';
    else if (v.changedSinceSave) state = 'changed since save';
    else state = v.valid ? 'saved, valid' : `saved, ${plural(v.errors ?? 0, 'error')}`;
  }
  const date = v.discardedAt ?? v.archivedAt ?? v.publishedAt ?? v.savedAt ?? v.createdAt;
  return [`v${v.version}`, v.status, v.createdFrom, state || '-', date ? date.slice(0, 10) : '-', v.file ?? '-'];
}
