/**
 * The disk and the files callflow reads: a write or read the disk refused (classified once, from
 * Node's errno or git's message), and a workspace file that is not what is expected there.
 */
import { CallflowError } from './base';

/** The disk refused a write or read: full, read-only, no permission, or a folder where a file belongs. */
export class DiskError extends CallflowError {
  constructor(
    code: string,
    message: string,
    hint: string,
    readonly errno: string,
    cause?: unknown,
  ) {
    super(code, message, 'failed', hint, { cause });
  }
}

const DISK_CODES: Record<string, { code: string; what: string; hint: string }> = {
  ENOSPC: {
    code: 'disk-full',
    what: 'the disk is full',
    hint: 'Free some space on the disk that holds the workspace, then run the command again.',
  },
  EDQUOT: {
    code: 'disk-full',
    what: 'the disk quota is used up',
    hint: 'Free some space within your quota, then run the command again.',
  },
  EROFS: {
    code: 'disk-read-only',
    what: 'the file system is read-only',
    hint: 'Run callflow where the workspace can be written (or remount it read-write).',
  },
  EACCES: {
    code: 'disk-permission',
    what: 'permission denied',
    hint: 'Check the owner and permissions of the workspace and its .git folder (`ls -l`), then run the command again.',
  },
  EPERM: {
    code: 'disk-permission',
    what: 'the operation is not permitted',
    hint: 'Check the owner and permissions of the workspace and its .git folder (`ls -l`), then run the command again.',
  },
  EISDIR: {
    code: 'disk-not-a-file',
    what: 'it is a folder where a file belongs',
    hint: 'Move that folder out of the way, then run the command again.',
  },
  ENOTDIR: {
    code: 'disk-not-a-folder',
    what: 'a part of its path is a file where a folder belongs',
    hint: 'Move that file out of the way, then run the command again.',
  },
};

/** The errno of a Node file-system error, or of a git failure message that reports one. */
function errnoOf(err: unknown): string | undefined {
  const { code, syscall } = (err ?? {}) as NodeJS.ErrnoException;
  if (typeof code === 'string' && code in DISK_CODES) return code;
  // mkdir of a folder whose name is taken by a file.
  if (code === 'EEXIST' && syscall === 'mkdir') return 'ENOTDIR';
  const text = err instanceof Error ? err.message : String(err);
  if (/No space left on device|Out of diskspace/i.test(text)) return 'ENOSPC';
  if (/Disk quota exceeded/i.test(text)) return 'EDQUOT';
  if (/Read-only file system/i.test(text)) return 'EROFS';
  if (/Permission denied/i.test(text)) return 'EACCES';
  return undefined;
}

/**
 * A DiskError saying what could not be done and why, when `err` is a disk failure; `state` says
 * what is left afterwards (e.g. "Nothing was changed.").
 */
export function diskErrorOf(err: unknown, action: string, state: string): DiskError | undefined {
  if (err instanceof DiskError) return err;
  const errno = errnoOf(err);
  if (!errno) return undefined;
  const known = DISK_CODES[errno]!;
  return new DiskError(
    known.code,
    `Could not ${action}: ${known.what} (${errno}).${state ? ' ' + state : ''}`,
    known.hint,
    errno,
    err,
  );
}

/** A file-system error that escaped every typed path (a read deep in a query), as a DiskError naming the file. */
export function unexpectedDiskError(err: unknown): DiskError | undefined {
  const { syscall, path } = (err ?? {}) as NodeJS.ErrnoException;
  const what = syscall === 'open' || syscall === 'read' ? 'read' : syscall === 'scandir' ? 'list' : 'write';
  return diskErrorOf(err, path ? `${what} ${path}` : `${what} a workspace file`, '');
}

/** Why a workspace file was not read: callflow reads only regular UTF-8 files inside the repository, within a size limit. */
export type UnreadableReason =
  'symlink' | 'linked-folder' | 'folder' | 'not-regular' | 'too-large' | 'not-utf8' | 'not-a-folder';

const UNREADABLE: Readonly<Record<UnreadableReason, { detail: string; hint: string }>> = {
  symlink: {
    detail: 'is a symbolic link; callflow reads only regular files (git would store the link, not a flow)',
    hint: 'Replace the link with the file itself, or remove it.',
  },
  'linked-folder': {
    detail: "is reached through a symbolic link; callflow reads and writes only the repository's own folders",
    hint: 'Replace the link with a real folder (or remove it), then run `callflow verify`.',
  },
  folder: { detail: 'is a folder, but a file is expected here', hint: 'Move or rename the folder.' },
  'not-a-folder': { detail: 'is a file, but a folder is expected here', hint: 'Move or rename the file.' },
  'not-regular': {
    detail: 'is not a regular file (a device, FIFO or socket)',
    hint: 'Remove it: callflow reads only regular files.',
  },
  'too-large': {
    detail: 'is too large',
    hint: 'Make it smaller (the limits are in docs/user-guide.md, "Limits, and what is refused").',
  },
  'not-utf8': {
    detail: 'is not UTF-8 text',
    hint: 'Save it as UTF-8, or restore it from git (`git checkout -- <file>`).',
  },
};

/**
 * A path that is not what callflow expects there: a symbolic link, a folder where a file should
 * be (or a file where a folder should be), a device or FIFO, a file over its size limit, text that
 * is not UTF-8. Bad input from the repository (exit 2); nothing was read or written.
 */
export class UnreadableFileError extends CallflowError {
  constructor(
    readonly file: string,
    readonly reason: UnreadableReason,
    /** More about the reason, e.g. "it is 3 MB; flow manifests are limited to 512 KB". */
    more?: string,
    hint?: string,
  ) {
    const { detail, hint: defaultHint } = UNREADABLE[reason];
    super(`file-${reason}`, `${file} ${detail}${more ? `: ${more}` : ''}.`, 'usage', hint ?? defaultHint);
  }
}
