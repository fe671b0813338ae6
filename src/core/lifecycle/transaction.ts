import { VersionControlError } from '../errors';
import type { WorkspaceFiles } from '../ports';

/**
 * The files one operation writes, with what they held before, so that a failed commit (hook
 * rejected, index locked, disk full) leaves the working tree exactly as it was.
 */
export class FileTransaction {
  private readonly before = new Map<string, string | undefined>();

  constructor(private readonly files: WorkspaceFiles) {}

  /** Paths written or removed, in first-touched order. */
  get paths(): string[] {
    return [...this.before.keys()];
  }

  async write(path: string, content: string): Promise<void> {
    await this.remember(path);
    try {
      await this.files.writeText(path, content);
    } catch (err) {
      throw new VersionControlError(
        `Could not write ${path}: ${messageOf(err)}.`,
        'Check the disk space and permissions of the workspace, then try again. Nothing was changed.',
        err,
      );
    }
  }

  async remove(path: string): Promise<void> {
    await this.remember(path);
    try {
      await this.files.remove(path);
    } catch (err) {
      throw new VersionControlError(
        `Could not delete ${path}: ${messageOf(err)}.`,
        'Check the permissions of the workspace, then try again. Nothing was changed.',
        err,
      );
    }
  }

  /** Puts every touched file back; returns the paths that could not be restored. */
  async rollback(): Promise<string[]> {
    const failed: string[] = [];
    for (const [path, content] of [...this.before].reverse()) {
      try {
        if (content === undefined) await this.files.remove(path);
        else await this.files.writeText(path, content);
      } catch {
        failed.push(path);
      }
    }
    return failed;
  }

  private async remember(path: string): Promise<void> {
    if (!this.before.has(path)) this.before.set(path, await this.files.readText(path));
  }
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
