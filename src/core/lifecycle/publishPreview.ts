/**
 * What a publish or a rollback would do, before it does it: the version it archives and the
 * numbers whose callers it affects (the confirmation names them), and, for a rollback, the checks
 * on the archived file it copies.
 */
import type { FlowId } from '../ids';
import { InvalidDraftError, WorkspaceCorruptError, type UnpublishableReason } from '../errors';
import { publishedOf } from '../workspace/manifest';
import { sha256, type WorkspaceStore } from '../workspace/store';
import { requireVersionFile } from './draftVersions';
import { requirePublishRules } from './publishChecks';
import type { PublishPreview, SaveValidation } from './types';

export async function previewOf(
  store: WorkspaceStore,
  flowId: FlowId,
  name: string,
  version: number,
  validation: SaveValidation,
): Promise<PublishPreview> {
  const manifest = await store.manifest(flowId);
  const published = publishedOf(manifest);
  const numbers = (await store.numbers()).assignments().filter((a) => a.flow === flowId);
  return {
    flowId,
    name,
    version,
    ...(published ? { archives: published.version } : {}),
    numbers,
    validation,
  };
}

/** The archived file to copy, unchanged since it was published, passing the publish rules today. */
export async function rollbackChecks(
  store: WorkspaceStore,
  flowId: FlowId,
  version: number,
  now: Date,
): Promise<{ text: string; validation: SaveValidation }> {
  const manifest = await store.manifest(flowId);
  const entry = manifest.versions.find((v) => v.version === version);
  const file = store.layout.versionPath(flowId, version);
  const text = await requireVersionFile(store.files, file, flowId, version);
  const refuse = (reason: string, hint: string, why: UnpublishableReason): never => {
    throw new InvalidDraftError(flowId, version, reason, hint, why);
  };
  if (entry?.sha256 !== undefined && sha256(text) !== entry.sha256) {
    throw new WorkspaceCorruptError(
      'locked-file-changed',
      `${file} (v${version}, archived) was changed after it was published, so it is not what callers heard.`,
      `Put it back with \`git checkout -- ${file}\` (or Restore Locked Version in VS Code), then roll back.`,
    );
  }
  const validation = await requirePublishRules(store, flowId, version, file, text, now, {
    refuse,
    fix: () =>
      `make a draft from it (\`callflow restore ${flowId} ${version}\`), fix it, save, then publish that draft.`,
    testTarget: `${flowId}@${version}`,
  });
  return { text, validation };
}
