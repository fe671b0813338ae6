/**
 * Loading flow versions for a simulated call: which version a target names, its definition,
 * and the published versions goto-flow steps reach.
 */
import { InvalidInputError, NoDraftError, NoPublishedVersionError, UnknownVersionError } from '../errors';
import { isE164, parseFlowId, isFlowId, parseVersionNumber, printable, type FlowId } from '../ids';
import { draftOf, publishedOf } from '../workspace/manifest';
import { requireUnchangedLockedFile } from '../workspace/lockedFiles';
import type { WorkspaceStore } from '../workspace/store';
import type { FlowDefinition, VersionStatus } from '../model';
import { applyEnvironmentWithoutSecrets } from '../environmentReferences';
import type { PublishedFlowResolver } from '../simulator';
import { validateFlowText, type Problem } from '../validation';
import { parseYaml, toPlainValue } from '../yamlText';
import { loadReachablePublished } from './reachable';

/** `3`: that version; `draft` / `published`: that status; `default`: the draft if any, else the published. */
export type VersionSelector = number | 'draft' | 'published' | 'default';

export interface LoadedVersion {
  flowId: FlowId;
  version: number;
  status: VersionStatus;
  file: string;
  text: string;
  /** Undefined when the file is not a flow at all (no steps map). */
  definition?: FlowDefinition;
  problems: Problem[];
}

export type CallTarget =
  { kind: 'number'; number: string } | { kind: 'flow'; flowId: FlowId; selector: VersionSelector };

/** What every call target's error says: the one rule that tells a phone number from a flow id. */
export const CALL_TARGET_RULE =
  'A target that starts with + is a phone number in E.164 form (+14155550100); any other is a flow id (411, support-line, support-line@2).';

/**
 * `+14155550100`, `support-line`, `support-line@3`, `support-line@v3`, `support-line@draft`. One rule
 * (CALL_TARGET_RULE): a leading + makes a phone number, so `411` is the flow with that id, never a
 * number; a number written without its + and country code is neither, and is refused saying so.
 */
export function parseCallTarget(text: string): CallTarget {
  const trimmed = text.trim();
  if (trimmed.startsWith('+')) {
    if (!isE164(trimmed)) {
      throw new InvalidInputError(
        'invalid-phone-number',
        `"${printable(trimmed)}" is not a phone number in E.164 form.`,
        `${CALL_TARGET_RULE} Write the number as a plus sign, the country code and the number, with no spaces.`,
      );
    }
    return { kind: 'number', number: trimmed };
  }
  const id = trimmed.split('@')[0]!;
  if (!isFlowId(id) && /^[0-9() .-]+$/.test(id)) {
    throw new InvalidInputError(
      'invalid-call-target',
      `"${printable(trimmed)}" is neither a phone number nor a flow id.`,
      `${CALL_TARGET_RULE} For a phone number, write a + and its country code first, with no spaces (such as +1${id.replace(/[^0-9]/g, '')} in the US).`,
    );
  }
  const at = trimmed.indexOf('@');
  const flowId = parseFlowId(at < 0 ? trimmed : trimmed.slice(0, at));
  if (at < 0) return { kind: 'flow', flowId, selector: 'default' };
  const label = trimmed.slice(at + 1);
  if (label === 'draft' || label === 'published') return { kind: 'flow', flowId, selector: label };
  return { kind: 'flow', flowId, selector: parseVersionNumber(label) };
}

export async function loadVersion(
  store: WorkspaceStore,
  flowId: FlowId,
  selector: VersionSelector,
): Promise<LoadedVersion> {
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
  // A simulated call or a call scenario on a changed published file would test what callers do not hear.
  await requireUnchangedLockedFile(store, flowId, entry, text);
  const { problems, definition } = validateFlowText(text, file);
  const runnable = definition ?? lenientDefinition(text);
  return {
    flowId,
    version: entry.version,
    status: entry.status as VersionStatus,
    file,
    text,
    // In an environment (--env), the definition as that environment runs it.
    definition:
      runnable && store.environment ? applyEnvironmentWithoutSecrets(runnable, store.environment.values) : runnable,
    problems,
  };
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
  return value && typeof value === 'object' && value.steps && typeof value.steps === 'object'
    ? (value as FlowDefinition)
    : undefined;
}

/**
 * Preloads the published versions that goto-flow steps can reach from `flowId`'s `start`
 * definition (the flow's own published version included: another flow may come back to it),
 * so the simulator's synchronous resolver never waits on the disk.
 */
export async function publishedResolver(
  store: WorkspaceStore,
  flowId: FlowId,
  start: FlowDefinition | undefined,
): Promise<PublishedFlowResolver> {
  if (!start) return () => undefined;
  const loaded = await loadReachablePublished(start, flowId, async (id) => {
    // A goto-flow target is text from the flow's YAML: a flow id once parsed.
    const target = parseFlowId(id);
    if (!(await store.flowExists(target))) return undefined;
    const published = publishedOf(await store.manifest(target));
    if (!published) return undefined;
    const version = await loadVersion(store, target, published.version);
    return version.definition ? { version: version.version, definition: version.definition } : undefined;
  });
  return (id) => loaded.get(id);
}
