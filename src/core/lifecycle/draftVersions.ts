/**
 * How a version enters the ledger and what a draft operation returns: a new draft (file and
 * ledger entry, validated as its first save), the save record, and the version file an operation
 * needs, said as a corrupt workspace when it is missing.
 */
import type { FlowId } from '../ids';
import { WorkspaceCorruptError } from '../errors';
import type { FlowManifest, VersionEntry } from '../model';
import type { WorkspaceFiles } from '../ports';
import { draftOf, serializeManifest } from '../workspace/manifest';
import { sha256, type WorkspaceStore } from '../workspace/store';
import type { Plan } from './operation';
import { validateDraft } from './publishChecks';
import { nextVersionNumber, requireNoDraft } from './rules';
import type { FileTransaction } from './transaction';
import type { OperationResult, SaveValidation } from './types';

/** Records a save in the version's ledger entry: when, its validation, and the hash of its text. */
export function recordSave(entry: VersionEntry, validation: SaveValidation, text: string, now: string): void {
  entry.savedAt = now;
  entry.valid = validation.valid;
  entry.errors = validation.errors;
  entry.warnings = validation.warnings;
  entry.sha256 = sha256(text);
}

/** Whether saving `text` now would record exactly what the last save recorded. */
export function isSameSave(entry: VersionEntry, validation: SaveValidation, text: string): boolean {
  return (
    entry.savedAt !== undefined &&
    entry.sha256 === sha256(text) &&
    entry.valid === validation.valid &&
    entry.errors === validation.errors &&
    entry.warnings === validation.warnings
  );
}

/** Writes a new draft version (file + ledger entry, validated as its first save). */
export async function writeNewDraft(
  tx: FileTransaction,
  store: WorkspaceStore,
  flowId: FlowId,
  manifest: FlowManifest,
  text: string,
  createdFrom: string,
  now: string,
): Promise<{ entry: VersionEntry; validation: SaveValidation }> {
  if (draftOf(manifest)) requireNoDraft(flowId, manifest);
  const entry: VersionEntry = { version: nextVersionNumber(manifest), status: 'draft', createdFrom, createdAt: now };
  const file = store.layout.versionPath(flowId, entry.version);
  const validation = await validateDraft(store, flowId, file, text);
  recordSave(entry, validation, text, now);
  manifest.versions.push(entry);
  await tx.write(file, text);
  await tx.write(store.layout.manifestPath(flowId), serializeManifest(manifest));
  return { entry, validation };
}

/** The plan of an operation that leaves a draft: its commit message and what it returns. */
export function draftPlan(
  action: OperationResult['action'],
  flowId: FlowId,
  entry: VersionEntry,
  validation: SaveValidation,
  store: WorkspaceStore,
  summary: string,
): Plan<OperationResult> {
  const file = store.layout.versionPath(flowId, entry.version);
  return {
    message: { flowId, action, version: entry.version, summary },
    finish: (c) => ({
      action,
      flowId,
      version: entry.version,
      commit: c.commit,
      file,
      createdFrom: entry.createdFrom,
      validation,
    }),
  };
}

/** The text of a version file the ledger lists; a missing one is a corrupt workspace, with the repair. */
export async function requireVersionFile(
  files: WorkspaceFiles,
  path: string,
  flowId: FlowId,
  version: number,
): Promise<string> {
  const text = await files.readText(path);
  if (text === undefined) {
    throw new WorkspaceCorruptError(
      'version-file-missing',
      `${path} (v${version} of "${flowId}") is missing.`,
      `Restore it from git (\`git checkout -- ${path}\`) and run \`callflow verify\`.`,
    );
  }
  return text;
}
