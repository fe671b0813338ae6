/**
 * The workspace as it is at one commit, read from git and never from the working tree: what an
 * environment serves (`--env`) is the commit deployments.yaml names, not the files on disk. It
 * only reads; anything that would write through it is a bug, and says so.
 */
import type { FolderEntry, VersionControl, WorkspaceFiles } from '../ports';

export class RevisionFiles implements WorkspaceFiles {
  /** Paths listed per folder, read once: a simulated call reads the same folders many times. */
  private readonly listed = new Map<string, Promise<string[]>>();

  constructor(
    private readonly vcs: Pick<VersionControl, 'readAtRevisions' | 'listFilesAtRevision'>,
    readonly commit: string,
    readonly root: string,
  ) {}

  async readText(path: string): Promise<string | undefined> {
    const [text] = await this.vcs.readAtRevisions([{ rev: this.commit, path }]);
    return text;
  }

  async exists(path: string): Promise<boolean> {
    return (await this.readText(path)) !== undefined;
  }

  async listFolders(path: string): Promise<string[]> {
    return (await this.listEntries(path)).filter((e) => e.kind === 'folder').map((e) => e.name);
  }

  async listFiles(path: string): Promise<string[]> {
    return (await this.listEntries(path)).filter((e) => e.kind === 'file').map((e) => e.name);
  }

  async listEntries(path: string): Promise<FolderEntry[]> {
    const prefix = path === '' || path === '.' ? '' : `${path.replace(/\/+$/, '')}/`;
    const entries = new Map<string, FolderEntry['kind']>();
    for (const file of await this.filesUnder(path)) {
      if (!file.startsWith(prefix)) continue;
      const [name, ...rest] = file.slice(prefix.length).split('/');
      if (name) entries.set(name, rest.length > 0 ? 'folder' : (entries.get(name) ?? 'file'));
    }
    return [...entries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, kind]) => ({ name, kind }));
  }

  writeText(path: string): Promise<void> {
    return Promise.reject(new Error(`${path} cannot be written: the workspace at ${this.commit} is read-only`));
  }

  remove(path: string): Promise<void> {
    return this.writeText(path);
  }

  private filesUnder(path: string): Promise<string[]> {
    let listed = this.listed.get(path);
    if (!listed) {
      listed = this.vcs.listFilesAtRevision(this.commit, path);
      this.listed.set(path, listed);
    }
    return listed;
  }
}
