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
