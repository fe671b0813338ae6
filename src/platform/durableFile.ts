/**
 * Replacing a file so that after a crash or a power cut it holds either its old bytes or its new
 * ones, whole: written to `temp` and synced, renamed over the target, then the folder synced so the
 * rename itself is on disk. A plain rename is atomic but not durable; without the first sync a
 * file system may commit the rename before the data and leave an empty file.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export async function replaceFileDurably(target: string, temp: string, content: string): Promise<void> {
  try {
    const handle = await fs.open(temp, 'w');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncFolder(path.dirname(target));
}

/** Makes a rename in `dir` durable. Windows cannot open a folder for syncing (NTFS logs the rename itself). */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
