/**
 * The flow workspaces the server serves: found under the editor's folders (any folder holding a
 * callflow.yaml) or above an opened file, each with its WorkspaceIndex loaded once from disk and
 * then kept current from file events and open documents.
 */
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../core';
import { WorkspaceIndex } from '../core';
import { parseSettings, SETTINGS_FILE } from '../core';
import { publishedOf, draftOf } from '../core';
import { findWorkspacesBelow, innermostWorkspace } from '../core';
import { findWorkspaceRoot, nodeFolderTree } from '../platform/openFlowWorkspace';
import { NodeWorkspaceFiles } from '../platform/nodeWorkspaceFiles';

export interface ServedWorkspace {
  /** Absolute path of the folder holding callflow.yaml. */
  root: string;
  files: NodeWorkspaceFiles;
  index: WorkspaceIndex;
  /**
   * Resolves once the index holds the whole workspace. Until then it holds what was read so far:
   * a request about one document alone (its outline) need not wait for a thousand flows to load.
   */
  indexed: Promise<void>;
}

/** What a request needs of its workspace: the whole index, or only the file's role and text. */
export type WorkspaceNeed = 'index' | 'document';

export class ServedWorkspaces {
  private readonly byRoot = new Map<string, Promise<ServedWorkspace>>();

  /** @param openText the text of an open document at this absolute path, if one is open. */
  constructor(private readonly openText: (file: string) => string | undefined) {}

  /** Finds and loads the flow workspaces in an editor folder. */
  async addFolder(folder: string): Promise<void> {
    const roots = await findWorkspacesBelow(nodeFolderTree, folder);
    await Promise.all(roots.map((root) => this.load(root)));
  }

  /** Every workspace, each with its whole index. */
  async all(): Promise<ServedWorkspace[]> {
    const workspaces = await Promise.all(this.byRoot.values());
    await Promise.all(workspaces.map((w) => w.indexed));
    return workspaces;
  }

  /** The workspace holding `file` (loaded on first use when it was not found before) and the file's relative path. */
  async forFile(
    file: string,
    need: WorkspaceNeed = 'index',
  ): Promise<{ workspace: ServedWorkspace; relativePath: string } | undefined> {
    let root = this.knownRootOf(file);
    if (!root) {
      root = findWorkspaceRoot(path.dirname(file));
      if (!root) return undefined;
    }
    const workspace = await this.load(root);
    if (need === 'index') await workspace.indexed;
    return { workspace, relativePath: path.relative(root, file).split(path.sep).join('/') };
  }

  /**
   * A file changed on disk (or an open document changed): the index takes its new text. A
   * manifest change may make another version the draft or the published one; those are read.
   * Returns whether the index changed.
   */
  async fileChanged(file: string): Promise<boolean> {
    const root = this.knownRootOf(file);
    if (!root) return false;
    const relativePath = path.relative(root, file).split(path.sep).join('/');
    if (relativePath === SETTINGS_FILE) {
      // flowsDir may have moved: a fresh index.
      this.byRoot.delete(root);
      await this.load(root);
      return true;
    }
    const workspace = await this.load(root);
    await workspace.indexed;
    if (!workspace.index.wants(relativePath)) return false;
    const role = workspace.index.setFile(
      relativePath,
      this.openText(file) ?? (await workspace.files.readText(relativePath)),
    );
    if (role?.kind === 'manifest') await loadLiveVersions(workspace, role.flowId);
    return true;
  }

  private knownRootOf(file: string): string | undefined {
    return innermostWorkspace(file, this.byRoot.keys(), (root) => root, path.sep);
  }

  private load(root: string): Promise<ServedWorkspace> {
    let loading = this.byRoot.get(root);
    if (!loading) {
      loading = loadWorkspace(root, this.openText);
      this.byRoot.set(root, loading);
    }
    return loading;
  }
}

/** Reads what the index holds: every manifest and scenario file, the draft and published versions, numbers.yaml. */
async function loadWorkspace(root: string, openText: (file: string) => string | undefined): Promise<ServedWorkspace> {
  const files = new NodeWorkspaceFiles(root);
  const read = async (relative: string): Promise<string | undefined> =>
    openText(path.join(root, relative)) ?? (await files.readText(relative).catch(() => undefined));
  let settings = { ...DEFAULT_SETTINGS };
  try {
    settings = parseSettings(await read(SETTINGS_FILE));
  } catch {
    // A callflow.yaml that does not read keeps the default folder; its own problems say why.
  }
  const index = new WorkspaceIndex(settings.flowsDir, settings.environments);
  const workspace: ServedWorkspace = { root, files, index, indexed: Promise.resolve() };
  workspace.indexed = fillIndex(workspace, read);
  // Its failure reaches every request that waits for the index; it must not end the process before one does.
  workspace.indexed.catch(() => undefined);
  return workspace;
}

/** Reads every manifest and scenario file, the draft and published versions and numbers.yaml into the index. */
async function fillIndex(
  workspace: ServedWorkspace,
  read: (relative: string) => Promise<string | undefined>,
): Promise<void> {
  const { files, index } = workspace;
  const flowsDir = index.flowsDir;
  index.setFile('numbers.yaml', await read('numbers.yaml'));
  const flowIds = await files.listFolders(flowsDir).catch(() => [] as string[]);
  await Promise.all(
    flowIds.map(async (flowId) => {
      const names = await files.listFiles(`${flowsDir}/${flowId}`).catch(() => [] as string[]);
      await Promise.all(
        names.map(async (name) => {
          const relative = `${flowsDir}/${flowId}/${name}`;
          const role = index.roleOf(relative);
          if (role?.kind === 'manifest' || role?.kind === 'scenarios') index.setFile(relative, await read(relative));
        }),
      );
      await loadLiveVersions(workspace, flowId, read);
    }),
  );
}

/** Reads the draft and published version of a flow into the index, when it does not hold them yet. */
async function loadLiveVersions(
  workspace: ServedWorkspace,
  flowId: string,
  read: (relative: string) => Promise<string | undefined> = (relative) => workspace.files.readText(relative),
): Promise<void> {
  const { index } = workspace;
  const manifest = index.flow(flowId)?.manifest;
  if (!manifest) return;
  for (const entry of [draftOf(manifest), publishedOf(manifest)]) {
    if (!entry || index.versionText(flowId, entry.version) !== undefined) continue;
    const relative = `${index.flowsDir}/${flowId}/v${entry.version}.yaml`;
    const text = await read(relative).catch(() => undefined);
    if (text !== undefined) index.setFile(relative, text);
  }
}
