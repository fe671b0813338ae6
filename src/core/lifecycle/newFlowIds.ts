/**
 * The id of a new flow (create, duplicate): derived from its name or given, and never one used
 * before — not a folder that exists, nor one deleted by hand whose tags and history git still holds.
 */
import { FlowExistsError, InvalidInputError } from '../errors';
import { assertFlowName, flowIdFromName, parseFlowId, printable, type FlowId } from '../ids';
import type { VersionControl } from '../ports';
import type { WorkspaceStore } from '../workspace/store';
import { TRAILER_FLOW } from './commitMessage';

export interface CreateOptions {
  description?: string;
  /** The flow id; derived from the name when absent (needed for names without latin letters or digits). */
  id?: string;
}

export function newFlowId(name: string, options: CreateOptions): FlowId {
  assertFlowName(name);
  const id = options.id ?? flowIdFromName(name);
  if (id === '') {
    throw new InvalidInputError(
      'name-without-id',
      `No flow id can be derived from "${printable(name)}".`,
      'Give the flow an id of lowercase letters, digits and dashes (e.g. --id support-line).',
    );
  }
  return parseFlowId(id);
}

export async function requireNewFlowId(store: WorkspaceStore, vcs: VersionControl, flowId: FlowId): Promise<void> {
  // Any folder of that name counts: flow ids are never reused.
  if ((await store.files.listFolders(store.layout.flowsDir)).includes(flowId)) throw new FlowExistsError(flowId);
  // Nor is the id of a flow whose folder was deleted by hand: its tags and its history are still in git.
  const [tags, commits] = await Promise.all([
    vcs.tags(`${store.layout.tagNamespace}${flowId}/`),
    vcs.commitsWithTrailer(TRAILER_FLOW, flowId),
  ]);
  if (tags.size > 0 || commits.length > 0)
    throw new FlowExistsError(flowId, { tags: [...tags.keys()].sort(), commits: commits.length });
}
