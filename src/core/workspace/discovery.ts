/**
 * The one rule for finding flow workspaces, which the extension, the language server and the CLI
 * all follow (each over its own file access: VS Code's, Node's):
 * - a flow workspace is a folder holding callflow.yaml;
 * - the workspace of a place (the CLI's folder, a file) is the nearest such folder at or above it;
 * - below an editor folder, every such folder down to WORKSPACE_SEARCH_DEPTH levels is one,
 *   nested ones included, skipping hidden folders and dependency and build output
 *   (node_modules, dist, out);
 * - a path inside several nested workspaces belongs to the innermost.
 */
import { SETTINGS_FILE } from './settings';

/** How many folder levels below an editor folder callflow.yaml is looked for. */
export const WORKSPACE_SEARCH_DEPTH = 3;

const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'out']);

/** Whether a search below an editor folder looks into a subfolder of this name. */
export function isSearchedFolder(name: string): boolean {
  return !name.startsWith('.') && !SKIPPED_FOLDERS.has(name);
}

/** A folder's entries as the search sees them: nothing when it cannot be read. */
export interface FolderEntries {
  files: readonly string[];
  folders: readonly string[];
}

/** File access the search runs over; F is how the caller names a folder (a path, a URI). */
export interface FolderTree<F> {
  read(folder: F): Promise<FolderEntries>;
  child(folder: F, name: string): F;
}

/** Every flow workspace at or below `folder`, down to WORKSPACE_SEARCH_DEPTH levels, outermost first. */
export async function findWorkspacesBelow<F>(
  tree: FolderTree<F>,
  folder: F,
  depth = WORKSPACE_SEARCH_DEPTH,
): Promise<F[]> {
  const { files, folders } = await tree.read(folder);
  const here = files.includes(SETTINGS_FILE) ? [folder] : [];
  if (depth === 0) return here;
  const below = await Promise.all(
    folders
      .filter(isSearchedFolder)
      .sort()
      .map((name) => findWorkspacesBelow(tree, tree.child(folder, name), depth - 1)),
  );
  return [...here, ...below.flat()];
}

/** The flow workspace holding `start`: the nearest folder at or above it for which `holdsSettings` says yes. */
export function findWorkspaceAbove<F>(
  start: F,
  parent: (folder: F) => F | undefined,
  holdsSettings: (folder: F) => boolean,
): F | undefined {
  for (let folder: F | undefined = start; folder !== undefined; folder = parent(folder))
    if (holdsSettings(folder)) return folder;
  return undefined;
}

/**
 * Of known workspace roots, the innermost holding `target`; paths are compared as strings whose
 * folders `separator` divides (an OS path, a URI's path).
 */
export function innermostWorkspace<R>(
  target: string,
  roots: Iterable<R>,
  pathOf: (root: R) => string,
  separator = '/',
): R | undefined {
  let best: R | undefined;
  let bestLength = -1;
  for (const root of roots) {
    const rootPath = pathOf(root);
    const base = rootPath.endsWith(separator) ? rootPath : rootPath + separator;
    if ((target === rootPath || target.startsWith(base)) && rootPath.length > bestLength) {
      best = root;
      bestLength = rootPath.length;
    }
  }
  return best;
}
