/** The review report as Markdown for a pull-request comment, and as JSON for scripts. */
import { buildFlowGraph } from '../graph/buildGraph';
import { plural } from '../words';
import { toMermaid } from '../graph/mermaid';
import { comparisonJson, isSameForCallers } from './compare';
import { comparedRange, comparisonMarkdown } from './format';
import { changedPart, markGraphChanges } from './graphChanges';
import type { ReviewedComparison, ReviewReport } from './revisions';

export function reviewJson(report: ReviewReport): object {
  const part = (reviewed: ReviewedComparison | undefined): object | undefined =>
    reviewed && { ...comparisonJson(reviewed.comparison), uncovered: reviewed.uncovered };
  return {
    base: report.base,
    head: report.head,
    flows: report.flows.map((flow) => ({
      flow: flow.flow,
      name: flow.name,
      events: flow.events,
      published: part(flow.published) ?? null,
      draft: flow.draft ? { version: flow.draft.version, ...part(flow.draft) } : null,
    })),
    numbers: report.numbers,
    uncovered: report.uncovered,
  };
}

export function reviewMarkdown(report: ReviewReport): string {
  const out = [`## Call flows: \`${shortRev(report.base.rev)}\` → \`${shortRev(report.head.rev)}\``, ''];
  if (report.flows.length === 0 && report.numbers.length === 0) {
    out.push('No flow or number changed.', '');
    return out.join('\n');
  }
  const summary = [`${plural(report.flows.length, 'flow')} changed`];
  if (report.numbers.length > 0) summary.push(`${plural(report.numbers.length, 'number')} moved`);
  summary.push(
    report.uncovered === 0
      ? 'every changed journey is covered by a call scenario'
      : `${plural(report.uncovered, 'changed journey')} covered by no call scenario`,
  );
  out.push(summary.join(' · '), '');
  for (const flow of report.flows) {
    out.push(`### ${escapeMarkdown(flow.name)} (\`${flow.flow}\`)`, '');
    for (const event of flow.events) out.push(`- ${escapeMarkdown(event)}`);
    out.push('');
    if (flow.published) out.push(...section('What callers get now', flow.published));
    if (flow.draft) out.push(...section(`Draft v${flow.draft.version} against the published version`, flow.draft));
  }
  return out.join('\n');
}

function section(title: string, reviewed: ReviewedComparison): string[] {
  const { comparison } = reviewed;
  const range = comparedRange(comparison);
  if (isSameForCallers(comparison)) return [`${title} (${range}): no change for callers.`, ''];
  const counts = [
    `${plural(comparison.journeys.length, 'journey')} changed`,
    reviewed.uncovered.length > 0 ? `${reviewed.uncovered.length} not covered by a call scenario` : undefined,
  ].filter(Boolean);
  const body = comparisonMarkdown(comparison, '####').split('\n').slice(2);
  const lines = [`<details><summary>${title} (${range}): ${counts.join(', ')}</summary>`, '', ...body];
  const graph = changedPart(markGraphChanges(buildFlowGraph(reviewed.text), comparison));
  if (graph) lines.push('**The changed part of the graph**', '', '```mermaid', toMermaid(graph).trimEnd(), '```', '');
  lines.push('</details>', '');
  if (reviewed.uncovered.length > 0) {
    lines.push('Changed journeys no call scenario covers:', '');
    for (const journey of reviewed.uncovered) lines.push(`- ⚠️ ${escapeMarkdown(journey)}`);
    lines.push('');
  }
  return lines;
}

/** A full commit hash as git shows it in one line (7 characters); a branch or tag as given. */
function shortRev(rev: string): string {
  return /^[0-9a-f]{40}$/.test(rev) ? rev.slice(0, 7) : rev;
}

/** Flow names and events are free text: nothing in them may become markup in the comment. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (ch) => `\\${ch}`);
}
