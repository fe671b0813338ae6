/** How flows, versions and numbers look in the tree: labels, descriptions, icons, tooltips. */
import * as vscode from 'vscode';
import { plural, type FlowSummary, type NumberAssignment, type PendingNumber, type VersionDetails } from '../../core';
import type { LiveIn } from './nodes';

const STATUS_ICONS: Record<string, { icon: string; color?: string }> = {
  draft: { icon: 'edit', color: 'charts.yellow' },
  published: { icon: 'broadcast', color: 'charts.green' },
  archived: { icon: 'archive' },
  discarded: { icon: 'trash' },
};

export function statusIcon(status: string): vscode.ThemeIcon {
  const look = STATUS_ICONS[status] ?? { icon: 'circle-outline' };
  return new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
}

/** `v3 published · v4 draft` */
export function flowSummaryText(flow: FlowSummary): string {
  const parts: string[] = [];
  if (flow.published !== undefined) parts.push(`v${flow.published} published`);
  if (flow.draft !== undefined) parts.push(`v${flow.draft} draft`);
  if (parts.length === 0) parts.push('nothing published');
  return parts.join(' · ');
}

export function flowDescription(flow: FlowSummary, live: readonly LiveIn[] = []): string {
  const numbers = flow.numbers.length > 0 ? ` · ${plural(flow.numbers.length, 'number')}` : '';
  const environments = live.length > 0 ? ` · ${liveText(live)}` : '';
  return `${flow.id} · ${flow.problem ? 'flow.yaml cannot be read' : flowSummaryText(flow)}${numbers}${environments}`;
}

/** `staging v3 · prod v2`: the version each environment's callers get (`prod —`: none). */
export function liveText(live: readonly LiveIn[]): string {
  return live.map((l) => `${l.environment} ${l.version === undefined ? '—' : `v${l.version}`}`).join(' · ');
}

export function flowTooltip(flow: FlowSummary, live: readonly LiveIn[] = []): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(flow.name)}** \`${flow.id}\`\n\n`);
  if (flow.description) md.appendMarkdown(`${escape(flow.description)}\n\n`);
  md.appendMarkdown(
    flow.problem
      ? `$(warning) ${escape(flow.problem)}\n\nFix the file, or run **Call Flow: Verify Workspace**.`
      : `${flowSummaryText(flow)}`,
  );
  if (flow.numbers.length) md.appendMarkdown(`\n\nNumbers: ${flow.numbers.join(', ')}`);
  if (live.length)
    md.appendMarkdown(
      `\n\nLive: ${live.map((l) => `${l.environment} ${l.version === undefined ? 'serves no version' : `v${l.version}`}`).join(', ')}`,
    );
  return md;
}

/**
 * The contextValue of a version node: `callflow.version.<status>` and what else decides which menu
 * items can run (package.json's when clauses match these, so menus offer only what the core allows):
 * `.withDraft` (Edit and Restore are refused), `.only` (nothing to compare with), `.unpublished` (a
 * draft with nothing published to compare with).
 */
export function versionContextValue(flow: FlowSummary, version: VersionDetails): string {
  const base = `callflow.version.${version.status}`;
  const others = flow.versions.filter((v) => v.status !== 'discarded' && v.version !== version.version);
  switch (version.status) {
    case 'draft':
      return flow.published === undefined ? `${base}.unpublished` : base;
    case 'published':
      return flow.draft !== undefined ? `${base}.withDraft` : others.length === 0 ? `${base}.only` : base;
    case 'archived':
      return flow.draft !== undefined ? `${base}.withDraft` : base;
    default:
      return base;
  }
}

/** The saved/valid state of a draft: "saved, valid" / "changes not yet saved as v3" / "2 errors". */
export function draftState(version: VersionDetails): string {
  if (version.missing) return 'file missing';
  // "Saved" means Save & Validate (recorded in git), not the editor's save that writes the file.
  if (version.changedSinceSave || version.savedAt === undefined) return `changes not yet saved as v${version.version}`;
  if (version.valid === false) return plural(version.errors ?? 0, 'error');
  const warnings = version.warnings ? `, ${plural(version.warnings, 'warning')}` : '';
  return `saved, valid${warnings}`;
}

export function versionDescription(version: VersionDetails): string {
  switch (version.status) {
    case 'draft':
      return `draft · ${draftState(version)}`;
    case 'published':
      return `published${version.publishedAt ? ` ${shortDate(version.publishedAt)}` : ''}`;
    case 'archived':
      return `archived${version.publishedAt ? ` · published ${shortDate(version.publishedAt)}` : ''}`;
    default:
      return version.status;
  }
}

export function versionTooltip(flow: FlowSummary, version: VersionDetails): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(flow.name)}** v${version.version} — ${version.status}\n\n`);
  const rows: [string, string | undefined][] = [
    ['Created from', version.createdFrom],
    ['Created', version.createdAt],
    ['Saved', version.savedAt],
    ['Published', version.publishedAt],
    ['Archived', version.archivedAt],
    ['Tag', version.tag],
    ['File', version.file],
  ];
  for (const [label, value] of rows) if (value) md.appendMarkdown(`${label}: ${escape(value)}  \n`);
  if (version.status === 'draft') md.appendMarkdown(`\nState: ${draftState(version)}`);
  return md;
}

export function numberLabel(assignment: NumberAssignment): { label: string; description?: string } {
  return assignment.label ? { label: assignment.label, description: assignment.number } : { label: assignment.number };
}

/**
 * What a number's row says about its uncommitted change: an added (or moved-in) number is pending,
 * not live until committed; a committed one the edit removes, moves or relabels is still live.
 */
export function pendingNumberNote(pending: PendingNumber, flowId: string): string {
  if (pending.working?.flow === flowId && pending.committed?.flow !== flowId)
    return 'pending: not live until committed';
  if (!pending.working) return 'live; removal pending until committed';
  if (pending.working.flow !== flowId) return `live; move to ${pending.working.flow} pending until committed`;
  return 'live; new label pending until committed';
}

/** `2026-11-24` from an ISO timestamp (the tree is narrow; the tooltip has the full time). */
export function shortDate(iso: string): string {
  return iso.slice(0, 10);
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
