/**
 * WorkspaceFiles on the Node file system. Writes are atomic and durable (durableFile.ts), so a
 * crash, a power cut or a full disk never leaves a half-written flow file.
 *
 * Only the repository's own regular files are read or written: a symbolic link (to /dev/zero, to a
 * file outside the repository, to anything), a folder reached through a link, a FIFO or a device
 * is refused with an UnreadableFileError, never followed, so a pull request cannot make callflow
 * block, read gigabytes, or write outside the repository. Every file kind has a size limit
 * (core/fileLimits.ts), checked before reading; text must be UTF-8 (decoding is strict, so the
 * text hashes exactly as the bytes on disk do).
 */
import { randomBytes } from 'node:crypto';
import { replaceFileDurably } from './durableFile';
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  promises as fs,
  readSync,
  realpathSync,
  type Dirent,
  type Stats,
} from 'node:fs';
import * as path from 'node:path';
import { UnreadableFileError } from '../core/errors';
import { fileKindOf, FILE_SIZE_LIMITS, type LimitedFileKind } from '../core/fileLimits';
import type { FolderEntry, WorkspaceFiles } from '../core/ports';
import { sizeProblem, splitHint } from '../core/yamlText';

// O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOFOLLOW: a symlink is refused, not followed.
const WORKSPACE_OPEN = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
const USER_FILE_OPEN = constants.O_RDONLY | constants.O_NONBLOCK;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class NodeWorkspaceFiles implements WorkspaceFiles {
  readonly root: string;
  private realRoot: string | undefined;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The absolute path of a workspace-relative path; refuses anything that would leave the workspace. */
  resolve(relative: string): string {
    if (path.isAbsolute(relative) || relative.split(/[\\/]/).some((s) => s === '..')) {
      throw new RangeError(`Path outside the workspace: ${JSON.stringify(relative)}`);
    }
    return path.join(this.root, relative);
  }

  async readText(relative: string): Promise<string | undefined> {
    if (!this.folderExists(parentOf(relative))) return undefined;
    const bytes = readRegularFile(this.resolve(relative), relative, fileKindOf(relative), WORKSPACE_OPEN);
    return bytes === undefined ? undefined : decodeUtf8(bytes, relative);
  }

  async writeText(relative: string, content: string): Promise<void> {
    const target = this.resolve(relative);
    await this.requireWritableFolder(parentOf(relative));
    await this.requireFileOrNothing(relative);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await replaceFileDurably(target, `${target}.${randomBytes(4).toString('hex')}.tmp`, content);
  }

  async remove(relative: string): Promise<void> {
    if (!this.folderExists(parentOf(relative))) return;
    await this.requireFileOrNothing(relative);
    const target = this.resolve(relative);
    await fs.rm(target, { force: true });
    const folder = path.dirname(target);
    if (folder !== this.root) {
      const left = await fs.readdir(folder).catch(() => undefined);
      if (left && left.length === 0) await fs.rmdir(folder).catch(() => undefined);
    }
  }

  async exists(relative: string): Promise<boolean> {
    if (!this.folderExists(parentOf(relative))) return false;
    return (await lstatOrUndefined(this.resolve(relative))) !== undefined;
  }

  async listFolders(relative: string): Promise<string[]> {
    return this.list(relative, (e) => e.isDirectory());
  }

  async listFiles(relative: string): Promise<string[]> {
    return this.list(relative, (e) => e.isFile());
  }

  async listEntries(relative: string): Promise<FolderEntry[]> {
    return (await this.entries(relative)).map((e) => ({
      name: e.name,
      kind: e.isSymbolicLink() ? 'symlink' : e.isDirectory() ? 'folder' : e.isFile() ? 'file' : 'other',
    }));
  }

  /** Symbolic links are neither folders nor files here (Dirent does not follow them). */
  private async list(relative: string, keep: (entry: Dirent) => boolean): Promise<string[]> {
    return (await this.entries(relative)).filter(keep).map((e) => e.name);
  }

  private async entries(relative: string): Promise<Dirent[]> {
    if (!this.folderExists(relative)) return [];
    try {
      const entries = await fs.readdir(this.resolve(relative), { withFileTypes: true });
      return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (err) {
      if (isMissing(err) || codeOf(err) === 'ENOTDIR') return [];
      throw err;
    }
  }

  /**
   * Whether the folder exists (false when it, or a folder above it, is missing or is a file).
   * Throws when the folder is reached through a symbolic link.
   */
  private folderExists(relative: string): boolean {
    if (relative === '' || relative === '.') return true;
    let real: string;
    try {
      real = realpathSync.native(this.resolve(relative));
    } catch (err) {
      if (isMissing(err) || codeOf(err) === 'ENOTDIR') return false;
      throw err;
    }
    if (real !== path.join(this.realRootPath(), relative)) {
      throw new UnreadableFileError(relative, 'linked-folder', `it leads to ${real}`);
    }
    return true;
  }

  /**
   * The folder, or the part of it that exists, must not be reached through a link. (A file where a
   * folder belongs is left to the write, whose ENOTDIR the core reports as a disk error.)
   */
  private async requireWritableFolder(relative: string): Promise<void> {
    let existing = relative;
    while (existing !== '' && existing !== '.' && (await lstatOrUndefined(this.resolve(existing))) === undefined) {
      existing = parentOf(existing);
    }
    if (existing === '' || existing === '.') return;
    const info = await fs.lstat(this.resolve(existing));
    if (info.isSymbolicLink()) throw new UnreadableFileError(existing, 'linked-folder');
    if (info.isDirectory()) this.folderExists(existing);
  }

  /**
   * Refuses to replace a link or a device: writing would put a file where the user has a link
   * (or fail on a device). A folder in the way is left to the write (EISDIR, a disk error).
   */
  private async requireFileOrNothing(relative: string): Promise<void> {
    const info = await lstatOrUndefined(this.resolve(relative));
    if (info === undefined || info.isFile() || info.isDirectory()) return;
    throw new UnreadableFileError(relative, info.isSymbolicLink() ? 'symlink' : 'not-regular');
  }

  private realRootPath(): string {
    this.realRoot ??= realpathSync.native(this.root);
    return this.realRoot;
  }
}

/**
 * A file the user named on the command line (an http fixture, a file to validate or graph): a link
 * the user gave is followed, but only a regular file within the kind's size limit is read.
 */
export async function readUserFile(
  absolute: string,
  display: string,
  kind: LimitedFileKind,
): Promise<string | undefined> {
  const bytes = readRegularFile(absolute, display, kind, USER_FILE_OPEN);
  return bytes === undefined ? undefined : decodeUtf8(bytes, display);
}

/**
 * The bytes of a regular file, or undefined when there is none; never blocks on a FIFO, never reads past `limit`.
 *
 * Synchronous on purpose: only a regular file within its kind's size limit (at most 1 MB) is
 * read, and O_NONBLOCK keeps a FIFO from waiting, so the call is bounded, while five thread-pool
 * round trips per file (open, stat, read, read, close) made loading a 1,000-flow workspace ten
 * times slower than the reads themselves (`npm run bench`, language-server).
 */
function readRegularFile(absolute: string, display: string, kind: LimitedFileKind, flags: number): Buffer | undefined {
  const limit = FILE_SIZE_LIMITS[kind];
  let descriptor: number;
  try {
    descriptor = openSync(absolute, flags);
  } catch (err) {
    if (isMissing(err) || codeOf(err) === 'ENOTDIR') return undefined;
    if (codeOf(err) === 'ELOOP') throw new UnreadableFileError(display, 'symlink');
    if (codeOf(err) === 'EISDIR') throw new UnreadableFileError(display, 'folder');
    if (codeOf(err) === 'ENXIO') throw new UnreadableFileError(display, 'not-regular');
    throw err;
  }
  try {
    const info = fstatSync(descriptor);
    if (info.isDirectory()) throw new UnreadableFileError(display, 'folder');
    if (!info.isFile()) throw new UnreadableFileError(display, 'not-regular');
    if (info.size > limit) throw tooLarge(display, info.size, kind);
    // One more byte than the size: a file that grew since stat is read to its end (or to the limit).
    const chunks: Buffer[] = [];
    let total = 0;
    let chunk = Buffer.allocUnsafe(info.size + 1);
    for (;;) {
      const bytesRead = readSync(descriptor, chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) throw tooLarge(display, total, kind);
      if (bytesRead === chunk.length) chunk = Buffer.allocUnsafe(64 * 1024);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    closeSync(descriptor);
  }
}

function tooLarge(display: string, bytes: number, kind: LimitedFileKind): UnreadableFileError {
  return new UnreadableFileError(display, 'too-large', sizeProblem(bytes, kind), splitHint(kind));
}

function decodeUtf8(bytes: Buffer, display: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new UnreadableFileError(display, 'not-utf8');
  }
}

function parentOf(relative: string): string {
  const slash = relative.lastIndexOf('/');
  return slash < 0 ? '' : relative.slice(0, slash);
}

async function lstatOrUndefined(absolute: string): Promise<Stats | undefined> {
  try {
    return await fs.lstat(absolute);
  } catch (err) {
    if (isMissing(err) || codeOf(err) === 'ENOTDIR') return undefined;
    throw err;
  }
}

function codeOf(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException).code;
}

/** Not there: no such entry, or a file where one of its folders would be (`a/b` when `a` is a file). */
function isMissing(err: unknown): boolean {
  const code = codeOf(err);
  return code === 'ENOENT' || code === 'ENOTDIR';
}
