/**
 * Loading flow versions for a simulated call: which version a target names, its definition,
 * and the published versions goto-flow steps reach.
 */
import { InvalidInputError, NoDraftError, NoPublishedVersionError, UnknownVersionError } from '../errors';
import { assertFlowId, isE164, parseVersionNumber, printable } from '../ids';
import { draftOf, publishedOf } from '../lifecycle/rules';
import type { WorkspaceStore } from '../lifecycle/store';
import type { FlowDefinition, VersionStatus } from '../model';
import type { PublishedFlowResolver } from '../simulator';
import { validateFlowText, type Problem } from '../validation';
import { parseYaml, toPlainValue } from '../yamlText';

/** `3`: that version; `draft` / `published`: that status; `default`: the draft if any, else the published. */
export type VersionSelector = number | 'draft' | 'published' | 'default';

export interface LoadedVersion {
  flowId: string;
  version: number;
  status: VersionStatus;
  file: string;
  text: string;
  /** Undefined when the file is not a flow at all (no steps map). */
  definition?: FlowDefinition;
  problems: Problem[];
}

export type CallTarget =
  | { kind: 'number'; number: string }
  | { kind: 'flow'; flowId: string; selector: VersionSelector };

/** `+14155550100`, `support-line`, `support-line@3`, `support-line@v3`, `support-line@draft`. */
export function parseCallTarget(text: string): CallTarget {
  const trimmed = text.trim();
  if (trimmed.startsWith('+') || /^[0-9() .-]+$/.test(trimmed)) {
    if (!isE164(trimmed)) {
      throw new InvalidInputError('invalid-phone-number', `"${printable(trimmed)}" is not a phone number in E.164 form.`,
        'Give a number such as +14155550100, or a flow id such as support-line@draft.');
    }
    return { kind: 'number', number: trimmed };
  }
  const at = trimmed.indexOf('@');
  const flowId = assertFlowId(at < 0 ? trimmed : trimmed.slice(0, at));
  if (at < 0) return { kind: 'flow', flowId, selector: 'default' };
  const label = trimmed.slice(at + 1);
  if (label === 'draft' || label === 'published') return { kind: 'flow', flowId, selector: label };
  return { kind: 'flow', flowId, selector: parseVersionNumber(label) };
}

export function describeSelector(selector: VersionSelector): string {
  return typeof selector === 'number' ? `v${selector}` : selector;
}

export async function loadVersion(store: WorkspaceStore, flowId: string, selector: VersionSelector): Promise<LoadedVersion> {
  const manifest = await store.manifest(flowId);
  let entry;
  if (typeof selector === 'number') {
    entry = manifest.versions.find((v) => v.version === selector);
    if (!entry || entry.status === 'discarded') throw new UnknownVersionError(flowId, selector);
  } else if (selector === 'draft') {
    entry = draftOf(manifest);
    if (!entry) throw new NoDraftError(flowId);
  } else if (selector === 'published') {
    entry = publishedOf(manifest);
    if (!entry) throw new NoPublishedVersionError(flowId);
  } else {
    entry = draftOf(manifest) ?? publishedOf(manifest);
    if (!entry) throw new NoPublishedVersionError(flowId);
  }
  const file = store.layout.versionPath(flowId, entry.version);
  const text = await store.files.readText(file);
  if (text === undefined) throw new UnknownVersionError(flowId, entry.version);
  const { problems, definition } = validateFlowText(text, file);
  return { flowId, version: entry.version, status: entry.status as VersionStatus, file, text, definition: definition ?? lenientDefinition(text), problems };
}

/**
 * A version with schema errors can still be simulated as far as it goes: the simulator turns
 * a broken step into an error outcome. Only a file that is not a mapping of steps is refused.
 */
function lenientDefinition(text: string): FlowDefinition | undefined {
  const parsed = parseYaml(text);
  if (parsed.errors.length > 0) return undefined;
  const plain = toPlainValue(parsed.document);
  if ('error' in plain) return undefined;
  const value = plain.value as Partial<FlowDefinition> | null;
  return value && typeof value === 'object' && value.steps && typeof value.steps === 'object' ? (value as FlowDefinition) : undefined;
}

/**
 * Preloads the published versions that goto-flow steps can reach from `start`, so the
 * simulator's synchronous resolver never waits on the disk.
 */
export async function publishedResolver(store: WorkspaceStore, start: FlowDefinition | undefined): Promise<PublishedFlowResolver> {
  const loaded = new Map<string, { version: number; definition: FlowDefinition } | undefined>();
  let frontier = gotoFlows(start);
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const flowId of frontier) {
      if (loaded.has(flowId)) continue;
      loaded.set(flowId, undefined);
      if (!(await store.flowExists(flowId))) continue;
      const manifest = await store.manifest(flowId);
      const published = publishedOf(manifest);
      if (!published) continue;
      const version = await loadVersion(store, flowId, published.version);
      if (!version.definition) continue;
      loaded.set(flowId, { version: version.version, definition: version.definition });
      next.push(...gotoFlows(version.definition));
    }
    frontier = next;
  }
  return (flowId) => loaded.get(flowId);
}

function gotoFlows(definition: FlowDefinition | undefined): string[] {
  if (!definition?.steps) return [];
  const targets: string[] = [];
  for (const step of Object.values(definition.steps)) {
    if (step && step.type === 'goto-flow' && typeof step.flow === 'string' && /^[a-z0-9][a-z0-9-]{0,62}$/.test(step.flow)) targets.push(step.flow);
  }
  return targets;
}
