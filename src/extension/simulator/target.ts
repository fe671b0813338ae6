/**
 * What a Simulate Call gesture points at (a flow version, a number, a tree item, a file), and
 * the flow definitions the call needs, read from the editor's text or the disk.
 */
import * as vscode from 'vscode';
import {
  defaultVersionOf,
  loadReachablePublished,
  validateFlowText,
  type FlowId,
  type FlowSummary,
  type LedgerStatus,
  type PublishedFlow,
  type PublishedFlowResolver,
  type SimulatedFlow,
} from '../../core';
import { readCurrentText, type FlowFiles } from '../editor/flowFiles';
import { SimulationError } from '../expectedErrors';
import type { ExtensionServices } from '../services';
import type { FlowWorkspaceFolder } from '../workspaces/flowWorkspaceRegistry';

/** A version to simulate: `{flowId, version}` (a number, 'draft' or 'published'), or a phone number. */
export type TargetSpec = { flowId: string; version?: number | 'draft' | 'published' } | { number: string };

export interface ResolvedTarget {
  folder: FlowWorkspaceFolder;
  flowId: FlowId;
  version: number;
  status: LedgerStatus | undefined;
  /** The number dialed, when simulated by number. */
  dialed?: string;
  uri: vscode.Uri;
  relativePath: string;
}

/** "support-line@draft", "support-line@3", "support-line", "+14155550100" → a TargetSpec. */
export function parseTargetText(text: string): TargetSpec {
  const trimmed = text.trim();
  if (trimmed.startsWith('+')) return { number: trimmed };
  const [flowId, version] = trimmed.split('@') as [string, string | undefined];
  if (version === undefined || version === '') return { flowId };
  if (version === 'draft' || version === 'published') return { flowId, version };
  return { flowId, version: Number(version.replace(/^v/, '')) };
}

export function targetText(spec: TargetSpec): string {
  if ('number' in spec) return spec.number;
  return spec.version === undefined ? spec.flowId : `${spec.flowId}@${spec.version}`;
}

/**
 * Reads a target out of whatever a command was invoked with: our own args, the lifecycle
 * commands' plain args (`{ workspace: path, flowId, version }`), a Call Flows tree node
 * (version, flow or number), or a file URI.
 */
export function targetFromArgument(arg: unknown): { spec?: TargetSpec; root?: vscode.Uri; uri?: vscode.Uri } {
  if (arg instanceof vscode.Uri) return { uri: arg };
  if (typeof arg === 'string') return { spec: parseTargetText(arg) };
  if (!arg || typeof arg !== 'object') return {};
  const o = arg as Record<string, unknown>;
  const root =
    asUri(o.root) ?? asUri(o.workspace) ?? asUri(field(o.workspace, 'root')) ?? asUri(field(o.folder, 'root'));
  if (typeof o.target === 'string') return { spec: parseTargetText(o.target), root };
  const number = typeof o.number === 'string' ? o.number : field(o.assignment, 'number');
  if (typeof number === 'string' && number.startsWith('+')) return { spec: { number }, root };
  const flowId = typeof o.flowId === 'string' ? o.flowId : field(o.flow, 'id');
  if (typeof flowId === 'string') {
    const raw = typeof o.version === 'object' && o.version !== null ? field(o.version, 'version') : o.version;
    const version =
      typeof raw === 'number'
        ? raw
        : raw === 'draft' || raw === 'published'
          ? raw
          : typeof raw === 'string' && /^v?\d+$/.test(raw)
            ? Number(raw.replace(/^v/, ''))
            : undefined;
    return { spec: version === undefined ? { flowId } : { flowId, version }, root };
  }
  const uri = asUri(o.resourceUri) ?? asUri(o.uri);
  return uri ? { uri, root } : { root };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value.length > 0)
    return value.includes('://') ? vscode.Uri.parse(value) : vscode.Uri.file(value);
  return undefined;
}

export async function resolveTarget(
  files: FlowFiles,
  folder: FlowWorkspaceFolder,
  spec: TargetSpec,
): Promise<ResolvedTarget> {
  const flows = await files.flows(folder);
  let flowId: FlowId;
  let version: number | undefined;
  let dialed: string | undefined;
  if ('number' in spec) {
    const summary = [...flows.values()].find((flow) => flow.numbers.includes(spec.number));
    if (!summary)
      throw new SimulationError(
        `${spec.number} is not assigned to any flow in ${folder.name}. Assign it first, or simulate a flow version.`,
      );
    if (summary.published === undefined)
      throw new SimulationError(
        `${spec.number} goes to ${summary.id}, which has no published version: calls to it would not be answered.`,
      );
    flowId = summary.id;
    version = summary.published;
    dialed = spec.number;
  } else {
    const summary = flows.get(spec.flowId);
    if (!summary) throw new SimulationError(`There is no flow "${spec.flowId}" in ${folder.name}.`);
    flowId = summary.id;
    version = pickVersion(summary, spec.version);
  }
  const status = flows.get(flowId)?.versions.find((v) => v.version === version)?.status;
  const uri = await files.versionUri(folder, flowId, version);
  const relativePath = (await files.layout(folder)).versionPath(flowId, version);
  return { folder, flowId, version, status, uri, relativePath, ...(dialed ? { dialed } : {}) };
}

function pickVersion(summary: FlowSummary, wanted: number | 'draft' | 'published' | undefined): number {
  if (typeof wanted === 'number') {
    const entry = summary.versions.find((v) => v.version === wanted);
    if (!entry || entry.status === 'discarded')
      throw new SimulationError(`${summary.id} has no v${wanted}${entry ? ' (it was discarded)' : ''}.`);
    return wanted;
  }
  if (wanted === 'draft') {
    if (summary.draft === undefined) throw new SimulationError(`${summary.id} has no draft.`);
    return summary.draft;
  }
  if (wanted === 'published') {
    if (summary.published === undefined) throw new SimulationError(`${summary.id} has no published version.`);
    return summary.published;
  }
  const fallback = defaultVersionOf(summary);
  if (!fallback) throw new SimulationError(`${summary.id} has neither a draft nor a published version.`);
  return fallback.version;
}

/** The flow to simulate, from the editor's text when the file is open (unsaved changes included). */
export async function loadSimulatedFlow(target: ResolvedTarget): Promise<SimulatedFlow> {
  const text = await readCurrentText(target.uri);
  if (text === undefined) throw new SimulationError(`${target.relativePath} is missing.`);
  const { problems, definition } = validateFlowText(text, target.relativePath);
  if (!definition) {
    const first = problems.find((p) => p.severity === 'error');
    throw new SimulationError(
      `${target.flowId} v${target.version} cannot be simulated until its errors are fixed${first ? ` (line ${first.line}: ${first.message})` : ''}.`,
      target.uri,
      first?.line,
    );
  }
  return { id: target.flowId, version: target.status === 'draft' ? 'draft' : target.version, definition };
}

/** A resolver over the published versions every goto-flow of the call can reach, loaded up front. */
export async function publishedResolver(
  files: FlowFiles,
  folder: FlowWorkspaceFolder,
  flow: SimulatedFlow,
  services: ExtensionServices,
): Promise<PublishedFlowResolver> {
  const flows = await files.flows(folder);
  const loaded = await loadReachablePublished(
    flow.definition,
    flow.id,
    async (flowId): Promise<PublishedFlow | undefined> => {
      const summary = flows.get(flowId);
      const published = summary?.published;
      if (!summary || published === undefined) return undefined;
      const uri = await files.versionUri(folder, summary.id, published);
      const text = await readCurrentText(uri);
      const definition = text === undefined ? undefined : validateFlowText(text, uri.path).definition;
      if (!definition)
        services.log.warn(`goto-flow: the published v${published} of ${flowId} cannot be read or has errors`);
      return definition ? { version: published, definition } : undefined;
    },
  );
  return (flowId) => loaded.get(flowId);
}
