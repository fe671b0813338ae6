/**
 * What the core needs from the outside world. The core never touches the disk or runs git
 * itself; src/platform (files) and src/git (simple-git) implement these for Node, and tests
 * use the same real implementations on temporary repositories.
 */

/** Paths are workspace-relative, with forward slashes. */
export interface WorkspaceFiles {
  /** Absolute path of the workspace folder (the one holding callflow.yaml). */
  readonly root: string;
  /** The file's text, or undefined when it does not exist. */
  readText(path: string): Promise<string | undefined>;
  /** Writes the file, creating parent folders. */
  writeText(path: string, content: string): Promise<void>;
  /** Deletes the file if it exists; removes its folder when that becomes empty. */
  remove(path: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** Names of the sub-folders of a folder ([] when it does not exist). */
  listFolders(path: string): Promise<string[]>;
  /** Names of the files of a folder ([] when it does not exist). */
  listFiles(path: string): Promise<string[]>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

// ---- Version control (implemented by src/git over simple-git) ----

/** One lifecycle commit: exactly these workspace-relative paths (added, changed or deleted), nothing else. */
export interface CommitRequest {
  /** Full commit message: subject, blank line, body/trailers. */
  message: string;
  paths: string[];
  /** An annotated tag to create on the new commit, in the same all-or-nothing step. */
  tag?: { name: string; message: string };
}

export interface CommitResult {
  commit: string;
  tag?: string;
}

/** A commit as history shows it. `message` is the full message (trailers included). */
export interface CommitInfo {
  commit: string;
  author: string;
  date: string;
  subject: string;
  message: string;
}

/** A request to read a workspace-relative file as it is in a revision. */
export interface RevisionFile {
  rev: string;
  path: string;
}

export interface VersionControl {
  /** Makes sure a repository holds the workspace folder (runs `git init` when none does). */
  ensureRepository(): Promise<{ created: boolean }>;
  /**
   * Runs `operation` while holding the workspace's operation lock, so operations from several
   * processes run one after another. Throws WorkspaceBusyError when the lock stays held too long.
   */
  exclusive<T>(operation: () => Promise<T>): Promise<T>;
  /**
   * Commits the given paths as they are in the working tree, leaving every other staged or
   * unstaged change as it was, and creates the tag. All or nothing: on any failure refs, tags
   * and the index are as before and a VersionControlError is thrown (the caller restores files).
   */
  commit(request: CommitRequest): Promise<CommitResult>;
  /** Commits of the workspace whose message matches a trailer `key: value`, newest first. */
  commitsWithTrailer(key: string, value: string): Promise<CommitInfo[]>;
  /** Tag name -> commit it points to, for tags whose name starts with `prefix`. */
  tags(prefix: string): Promise<Map<string, string>>;
  /** Contents of files in revisions (undefined when the revision or the file does not exist). */
  readAtRevisions(files: readonly RevisionFile[]): Promise<(string | undefined)[]>;
}
