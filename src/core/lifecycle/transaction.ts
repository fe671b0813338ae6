import { CallflowError, diskErrorOf, VersionControlError } from '../errors';
import type { WorkspaceFiles } from '../ports';
import type { OperationRecorder } from './journal';

/**
 * The files one operation writes, with what they held before, so that a failed commit (hook
 * rejected, index locked, disk full) leaves the working tree exactly as it was. Each write is
 * journaled first, so that a killed process is undone by the next operation or `callflow recover`.
 */
export class FileTransaction {
  private readonly before = new Map<string, string | undefined>();
  private readonly after = new Map<string, string | undefined>();

  constructor(
    private readonly files: WorkspaceFiles,
    private readonly journal?: OperationRecorder,
  ) {}

  /** Paths written or removed, in first-touched order. */
  get paths(): string[] {
    return [...this.before.keys()];
  }

  /** What the operation wrote to each path (undefined: removed). */
  get written(): ReadonlyMap<string, string | undefined> {
    return this.after;
  }

  async write(path: string, content: string): Promise<void> {
    await this.remember(path, content);
    try {
      await this.files.writeText(path, content);
    } catch (err) {
      if (err instanceof CallflowError) throw err;
      throw (
        diskErrorOf(err, `write ${path}`, 'Nothing was changed.') ??
        new VersionControlError(
          `Could not write ${path}: ${messageOf(err)}.`,
          'Check the disk space and permissions of the workspace, then try again. Nothing was changed.',
          err,
        )
      );
    }
  }

  async remove(path: string): Promise<void> {
    await this.remember(path, undefined);
    try {
      await this.files.remove(path);
    } catch (err) {
      if (err instanceof CallflowError) throw err;
      throw (
        diskErrorOf(err, `delete ${path}`, 'Nothing was changed.') ??
        new VersionControlError(
          `Could not delete ${path}: ${messageOf(err)}.`,
          'Check the permissions of the workspace, then try again. Nothing was changed.',
          err,
        )
      );
    }
  }

  /** Puts every touched file back; returns the paths that could not be restored (the journal then stays). */
  async rollback(): Promise<{ path: string; reason: string }[]> {
    const failed: { path: string; reason: string }[] = [];
    for (const [path, content] of [...this.before].reverse()) {
      try {
        // A write that failed left the file as it was (writes are atomic): nothing to put back.
        if ((await this.files.readText(path)) === content) continue;
        if (content === undefined) await this.files.remove(path);
        else await this.files.writeText(path, content);
      } catch (err) {
        failed.push({ path, reason: diskErrorOf(err, 'restore it', '')?.message.trim() ?? messageOf(err) });
      }
    }
    if (failed.length === 0) await this.journal?.clear().catch(() => undefined);
    return failed;
  }

  private async remember(path: string, content: string | undefined): Promise<void> {
    if (!this.before.has(path)) {
      const before = await this.files.readText(path).catch((err: unknown) => {
        throw diskErrorOf(err, `read ${path}`, 'Nothing was changed.') ?? err;
      });
      this.before.set(path, before);
    }
    await this.journal?.file(path, this.before.get(path), content);
    this.after.set(path, content);
  }
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
