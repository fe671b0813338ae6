import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { serializeManifest } from '../../src/core/workspace/manifest';
import { starterFlow } from '../../src/core/starterFlow';

/** Writes a workspace of `count` flows (v1 archived, v2 published, v3 draft) straight to disk, without git. */
export async function writeManyFlows(root: string, count: number): Promise<string[]> {
  await fs.writeFile(path.join(root, 'callflow.yaml'), '# workspace\n');
  const ids: string[] = [];
  const numbers: string[] = ['numbers:'];
  const text = starterFlow({ name: 'Flow' });
  for (let i = 0; i < count; i++) {
    const id = `flow-${String(i).padStart(4, '0')}`;
    ids.push(id);
    const dir = path.join(root, 'flows', id);
    await fs.mkdir(dir, { recursive: true });
    const at = '2026-01-05T09:00:00Z';
    await fs.writeFile(
      path.join(dir, 'flow.yaml'),
      serializeManifest({
        name: `Flow ${i}`,
        description: 'Generated',
        versions: [
          {
            version: 1,
            status: 'archived',
            createdFrom: 'template',
            createdAt: at,
            savedAt: at,
            publishedAt: at,
            archivedAt: at,
            valid: true,
            errors: 0,
            warnings: 0,
            sha256: 'a'.repeat(64),
          },
          {
            version: 2,
            status: 'published',
            createdFrom: 'v1',
            createdAt: at,
            savedAt: at,
            publishedAt: at,
            valid: true,
            errors: 0,
            warnings: 0,
            sha256: 'b'.repeat(64),
          },
          {
            version: 3,
            status: 'draft',
            createdFrom: 'v2',
            createdAt: at,
            savedAt: at,
            valid: true,
            errors: 0,
            warnings: 1,
            sha256: 'c'.repeat(64),
          },
        ],
      }),
    );
    for (const v of [1, 2, 3]) await fs.writeFile(path.join(dir, `v${v}.yaml`), text);
    numbers.push(`  "+1415555${String(i).padStart(4, '0')}": ${id}`);
  }
  await fs.writeFile(path.join(root, 'numbers.yaml'), numbers.join('\n') + '\n');
  return ids;
}
