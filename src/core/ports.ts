/**
 * What the core needs from the outside world. The core never touches the disk or runs git
 * itself; src/platform (files) and src/git (git child processes) implement these for Node, and tests
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
  /** Every entry of a folder, whatever its kind ([] when it does not exist): for reporting what does not belong. */
  listEntries(path: string): Promise<FolderEntry[]>;
}

export interface FolderEntry {
  name: string;
  /** A symbolic link is a `symlink`, never followed. */
  kind: 'file' | 'folder' | 'symlink' | 'other';
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

// ---- Version control (implemented by src/git, which runs git) ----

/** One lifecycle commit: exactly these workspace-relative paths (added, changed or deleted), nothing else. */
export interface CommitRequest {
  /** Full commit message: subject, blank line, body/trailers. */
  message: string;
  paths: string[];
  /** An annotated tag to create on the new commit, in the same all-or-nothing step. */
  tag?: { name: string; message: string };
  /**
   * The text the core validated for some of `paths` (undefined: the path is deleted). The commit is
   * refused, with nothing changed, when git would store other bytes (a clean filter, a hook).
   */
  expected?: ReadonlyMap<string, string | undefined>;
  /** Called with the commit (and its tag) made but not yet on HEAD, so the operation's journal can name it. */
  prepared?(prepared: PreparedCommit): Promise<void>;
}

export interface PreparedCommit {
  commit: string;
  /** HEAD the commit's parent is (undefined on an unborn branch). */
  parent?: string;
  tag?: string;
}

/**
 * What an operation in flight has done, kept next to the operation lock, so that an operation
 * killed half-way (SIGKILL, a power cut) is completed or undone by the next one or `callflow recover`.
 */
export interface OperationJournal {
  /** What ran, e.g. `callflow(support-line): publish v3`. */
  operation: string;
  startedAt: string;
  pid: number;
  /** The files written, each with its content before (absent: it did not exist) and the sha256 of what was written. */
  files: JournalFile[];
  /** Set once the commit exists (refs not necessarily moved yet). */
  prepared?: PreparedCommit;
  /**
   * Set by the adapter when the journal on disk could not be read (empty, cut short, not a journal):
   * what the operation wrote is then unknown, and `files` is empty.
   */
  damaged?: 'empty' | 'cut short' | 'not a callflow journal';
}

export interface JournalFile {
  path: string;
  before?: string;
  /** sha256 of the content written; absent when the operation deleted the file. */
  after?: string;
}

export interface CommitResult {
  commit: string;
  tag?: string;
  /** HEAD and the tag moved, but the user's index could not be updated (the journal finishes it later). */
  indexPending?: boolean;
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
   * Undoes what `ensureRepository` did when it created the repository (an `init` whose first
   * commit failed): the new repository is deleted, so no `.git` is left behind. Nothing when
   * the repository was there before.
   */
  removeCreatedRepository(): Promise<void>;
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
  /** Whether the clone lacks older history (`git clone --depth`): a file missing from history may just not be here. */
  isShallow?(): Promise<boolean>;
  /** The journal of an operation that did not finish, if any. `live` when its process still holds the lock. */
  readJournal(): Promise<{ journal: OperationJournal; live: boolean } | undefined>;
  /** Replaces the journal, durably (call inside `exclusive`). */
  writeJournal(journal: OperationJournal): Promise<void>;
  /** Deletes the journal and the temporary files an interrupted commit may have left in the git dir. */
  clearJournal(): Promise<void>;
  /** Whether `commit` is HEAD or an ancestor of it. */
  reachableFromHead(commit: string): Promise<boolean>;
  /** Sets the index entries of `paths` to what HEAD holds (finishing a commit whose refs moved before a crash). */
  syncIndex(paths: readonly string[]): Promise<void>;
  /** The commit a revision (`main`, `HEAD~3`, a tag, a hash) names, or undefined when it names none. */
  resolveRevision(rev: string): Promise<string | undefined>;
  /** Workspace-relative paths of the files under a workspace folder in a revision ([] when there are none). */
  listFilesAtRevision(rev: string, folder: string): Promise<string[]>;
  /** The repository's own (`--local`) setting of `key`, or undefined. */
  localConfig(key: string): Promise<string | undefined>;
  /** Sets `key` in the repository's own git config (`.git/config`), nowhere else. */
  setLocalConfig(key: string, value: string): Promise<void>;
}
