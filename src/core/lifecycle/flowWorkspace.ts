/**
 * The lifecycle of section 2 over a workspace: every operation checks its rule, writes its files,
 * and makes one commit through the VersionControl port, or leaves everything as it was.
 */
import { UnsavedDraftChangesError } from '../errors';
import { assertDescription, parseVersionNumber, type FlowId } from '../ids';
import { saveCallScenario } from '../calls';
import type { FlowManifest, ImportSource, VersionEntry, WorkspaceSettings } from '../model';
import { systemClock, type Clock, type VersionControl, type WorkspaceFiles } from '../ports';
import { starterFlow } from '../starterFlow';
import { plural } from '../words';
import { requireUnchangedLockedFile, restoreLockedFile } from '../workspace/lockedFiles';
import { publishedOf, serializeManifest } from '../workspace/manifest';
import { sha256, WorkspaceStore } from '../workspace/store';
import { deployOperation } from './deployOperation';
import { draftPlan, isSameSave, recordSave, requireVersionFile, writeNewDraft } from './draftVersions';
import { recoverInterrupted, type RecoveryReport } from './journal';
import { newFlowId, requireNewFlowId, type CreateOptions } from './newFlowIds';
import { assignNumber, unassignNumber, type AssignOptions } from './numberAssignments';
import { requirePublishable, validateDraft } from './publishChecks';
import type { DraftTarget } from './flowWorkspaceQueries';
import { rollbackChecks } from './publishPreview';
import { versionText } from './queries';
import {
  nextVersionNumber,
  requireDraft,
  requireDuplicable,
  requireNoDraft,
  requirePublished,
  requireRestorable,
  requireRollbackTarget,
  requireVersion,
} from './rules';
import { FlowWorkspaceEvents } from './workspaceEvents';
import { initOperation, requireInitializable } from './workspaceInit';
import type { AssignmentResult, DeploymentResult, InitResult, LockedFileRestore, OperationResult } from './types';

export type { AssignOptions } from './numberAssignments';
export type { CreateOptions } from './newFlowIds';

export type { DraftTarget } from './flowWorkspaceQueries';

export interface DiscardOptions extends DraftTarget {
  /** Discard even when the file has changes not yet saved (they are lost). */
  force?: boolean;
}

export class FlowWorkspace extends FlowWorkspaceEvents {
  /** Makes `files.root` a flow workspace: callflow.yaml + numbers.yaml in one commit (git init first when needed). */
  static async init(
    files: WorkspaceFiles,
    vcs: VersionControl,
    clock: Clock = systemClock,
    settings: Partial<WorkspaceSettings> = {},
  ): Promise<{ workspace: FlowWorkspace; result: InitResult }> {
    await requireInitializable(files, settings);
    const { created } = await vcs.ensureRepository();
    const workspace = new FlowWorkspace(files, vcs, clock);
    try {
      const result = await workspace.operateMaybe(initOperation(files, settings, created));
      return { workspace, result };
    } catch (err) {
      // A failed init (no git identity, a refusing hook, a full disk) leaves no new repository behind.
      if (created) await vcs.removeCreatedRepository().catch(() => undefined);
      throw err;
    }
  }

  async create(name: string, options: CreateOptions = {}): Promise<OperationResult> {
    const flowId = newFlowId(name, options);
    if (options.description !== undefined) assertDescription(options.description);
    return this.operate(async (tx, store) => {
      await requireNewFlowId(store, this.vcs, flowId);
      const manifest: FlowManifest = { name, versions: [] };
      if (options.description) manifest.description = options.description;
      const text = starterFlow({ name, timezone: store.layout.settings.timezone });
      const { entry, validation } = await writeNewDraft(tx, store, flowId, manifest, text, 'template', this.now());
      return draftPlan('create', flowId, entry, validation, store, `create v${entry.version} draft from template`);
    });
  }

  /**
   * A new flow whose v1 draft is a flow converted by `callflow import` (src/core/import); the
   * manifest records the file it came from. One commit, like create.
   */
  async importFlow(
    name: string,
    text: string,
    source: ImportSource,
    options: CreateOptions = {},
  ): Promise<OperationResult> {
    const flowId = newFlowId(name, options);
    if (options.description !== undefined) assertDescription(options.description);
    return this.operate(async (tx, store) => {
      await requireNewFlowId(store, this.vcs, flowId);
      const manifest: FlowManifest = { name, versions: [], importedFrom: source };
      if (options.description) manifest.description = options.description;
      const { entry, validation } = await writeNewDraft(tx, store, flowId, manifest, text, 'import', this.now());
      const summary = `import v1 draft from ${source.dialect} (${source.file})`;
      const plan = draftPlan('import', flowId, entry, validation, store, summary);
      return {
        ...plan,
        message: { ...plan.message, trailers: { 'Callflow-Source': `${source.dialect}:${source.file}` } },
      };
    });
  }

  /** Validates and commits the draft; when neither the file nor its validation changed since the last save, commits nothing. */
  async save(flowId: FlowId, options: DraftTarget = {}): Promise<OperationResult> {
    return this.operateMaybe<OperationResult>(async (tx, store) => {
      const manifest = await store.manifest(flowId);
      const draft = requireDraft(flowId, manifest, options.version);
      const file = store.layout.versionPath(flowId, draft.version);
      const text = await requireVersionFile(this.files, file, flowId, draft.version);
      const validation = await validateDraft(store, flowId, file, text);
      if (isSameSave(draft, validation, text)) {
        // Nothing to record: an empty commit would only add noise to the audit trail.
        return {
          unchanged: {
            action: 'save' as const,
            flowId,
            version: draft.version,
            file,
            createdFrom: draft.createdFrom,
            validation,
          },
        };
      }
      recordSave(draft, validation, text, this.now());
      await tx.write(store.layout.manifestPath(flowId), serializeManifest(manifest));
      const plan = draftPlan(
        'save',
        flowId,
        draft,
        validation,
        store,
        `save v${draft.version} draft (${validation.valid ? 'valid' : plural(validation.errors, 'error')}${validation.warnings ? ', ' + plural(validation.warnings, 'warning') : ''})`,
      );
      return { ...plan, alsoCommit: [file] };
    });
  }

  async publish(flowId: FlowId, options: DraftTarget = {}): Promise<OperationResult> {
    return this.operate(async (tx, store) => {
      const manifest = await store.manifest(flowId);
      const draft = requireDraft(flowId, manifest, options.version);
      const file = store.layout.versionPath(flowId, draft.version);
      const text = await requireVersionFile(this.files, file, flowId, draft.version);
      const forPublish = await requirePublishable(store, flowId, draft, file, text, this.clock.now());
      const now = this.now();
      const previous = publishedOf(manifest);
      if (previous) {
        previous.status = 'archived';
        previous.archivedAt = now;
      }
      draft.status = 'published';
      draft.publishedAt = now;
      await tx.write(store.layout.manifestPath(flowId), serializeManifest(manifest));
      const tag = store.layout.tagName(flowId, draft.version);
      const archives = previous ? ` (archives v${previous.version})` : '';
      return {
        message: { flowId, action: 'publish', version: draft.version, summary: `publish v${draft.version}${archives}` },
        alsoCommit: [file],
        tag: { name: tag, message: `${manifest.name}: v${draft.version} published${archives}` },
        finish: (c): OperationResult => ({
          action: 'publish',
          flowId,
          version: draft.version,
          commit: c.commit,
          file,
          tag: c.tag ?? tag,
          ...(previous ? { archived: previous.version } : {}),
          validation: forPublish,
        }),
      };
    });
  }

  /** A new draft copied from the published version. */
  async edit(flowId: FlowId): Promise<OperationResult> {
    return this.operate(async (tx, store) => {
      const manifest = await store.manifest(flowId);
      requireNoDraft(flowId, manifest);
      const published = requirePublished(flowId, manifest);
      const text = await requireVersionFile(
        this.files,
        store.layout.versionPath(flowId, published.version),
        flowId,
        published.version,
      );
      await requireUnchangedLockedFile(store, flowId, published, text, this.vcs);
      const { entry, validation } = await writeNewDraft(
        tx,
        store,
        flowId,
        manifest,
        text,
        `v${published.version}`,
        this.now(),
      );
      return draftPlan(
        'edit',
        flowId,
        entry,
        validation,
        store,
        `edit v${published.version} as v${entry.version} draft`,
      );
    });
  }

  /**
   * Deletes the draft. Its text stays restorable from the commit before the discard, which holds its
   * last save; a file with changes not yet saved is refused unless `force` (docs/flow-format.md section 2).
   */
  async discard(flowId: FlowId, options: DiscardOptions = {}): Promise<OperationResult> {
    return this.operate(async (tx, store) => {
      const manifest = await store.manifest(flowId);
      const draft = requireDraft(flowId, manifest, options.version);
      const file = store.layout.versionPath(flowId, draft.version);
      const text = await this.files.readText(file);
      const lostUnsavedChanges = text !== undefined && sha256(text) !== draft.sha256;
      if (lostUnsavedChanges && !options.force) throw new UnsavedDraftChangesError(flowId, draft.version, file);
      draft.status = 'discarded';
      draft.discardedAt = this.now();
      await tx.remove(store.layout.versionPath(flowId, draft.version));
      await tx.write(store.layout.manifestPath(flowId), serializeManifest(manifest));
      return {
        message: { flowId, action: 'discard', version: draft.version, summary: `discard v${draft.version} draft` },
        finish: (c): OperationResult => ({
          action: 'discard',
          flowId,
          version: draft.version,
          commit: c.commit,
          // Forced past unsaved changes: no commit holds them, and restore brings back the last save only.
          ...(lostUnsavedChanges ? { lostUnsavedChanges } : {}),
        }),
      };
    });
  }

  /** A new draft copied from an archived (or discarded) version. */
  async restore(flowId: FlowId, version: number | string): Promise<OperationResult> {
    const n = parseVersionNumber(version);
    return this.operate(async (tx, store) => {
      const manifest = await store.manifest(flowId);
      requireRestorable(flowId, manifest, n);
      const text = await versionText(store, this.vcs, flowId, manifest, n);
      await requireUnchangedLockedFile(store, flowId, requireVersion(flowId, manifest, n), text, this.vcs);
      const { entry, validation } = await writeNewDraft(tx, store, flowId, manifest, text, `v${n}`, this.now());
      return draftPlan('restore', flowId, entry, validation, store, `restore v${n} as v${entry.version} draft`);
    });
  }

  /**
   * Publishes a copy of an archived version (default: the one published before the current one) as a
   * new version, in one commit with its tag; the same checks as publish; a draft is left as it is.
   */
  async rollback(flowId: FlowId, version?: number | string): Promise<OperationResult> {
    const n = version === undefined ? undefined : parseVersionNumber(version);
    return this.operate(async (tx, store) => {
      const manifest = await store.manifest(flowId);
      const { target, published } = requireRollbackTarget(flowId, manifest, n);
      const { text, validation } = await rollbackChecks(store, flowId, target.version, this.clock.now());
      const now = this.now();
      const entry: VersionEntry = {
        version: nextVersionNumber(manifest),
        status: 'published',
        createdFrom: `v${target.version}`,
        createdAt: now,
      };
      recordSave(entry, validation, text, now);
      entry.publishedAt = now;
      published.status = 'archived';
      published.archivedAt = now;
      manifest.versions.push(entry);
      const file = store.layout.versionPath(flowId, entry.version);
      await tx.write(file, text);
      await tx.write(store.layout.manifestPath(flowId), serializeManifest(manifest));
      const tag = store.layout.tagName(flowId, entry.version);
      const summary = `roll back to v${target.version} as v${entry.version} (archives v${published.version})`;
      return {
        message: { flowId, action: 'rollback', version: entry.version, summary },
        tag: { name: tag, message: `${manifest.name}: v${entry.version} published, a copy of v${target.version}` },
        finish: (c): OperationResult => ({
          action: 'rollback',
          flowId,
          version: entry.version,
          commit: c.commit,
          file,
          tag: c.tag ?? tag,
          archived: published.version,
          createdFrom: entry.createdFrom,
          validation,
        }),
      };
    });
  }

  /**
   * A published or archived file changed on disk gets its content back from its publish tag
   * (docs/flow-format.md section 2: locked versions never change). No commit.
   */
  async restoreLockedVersion(flowId: FlowId, version: number | string): Promise<LockedFileRestore> {
    const n = parseVersionNumber(version);
    const restored = await this.vcs.exclusive(async () => {
      const store = await WorkspaceStore.open(this.files);
      const entry = requireVersion(flowId, await store.manifest(flowId), n);
      return { flowId, version: n, ...(await restoreLockedFile(store, flowId, entry, this.vcs)) };
    });
    if (restored.changed) this.announce({ kind: 'restore-locked', flowIds: [flowId], files: [restored.file] });
    return restored;
  }

  /**
   * Appends a call (a test call's inputs and what it did) to the flow's calls.yaml, keeping the
   * file's comments. No commit: scenario files are the team's tests, saved like an editor saves.
   */
  async saveCallScenario(flowId: FlowId, entry: Record<string, unknown>): Promise<{ file: string; name: string }> {
    const saved = await this.vcs.exclusive(async () =>
      saveCallScenario(await WorkspaceStore.open(this.files), flowId, entry),
    );
    this.announce({ kind: 'save-call-scenario', flowIds: [flowId], files: [saved.file] });
    return saved;
  }

  /** A new flow whose v1 draft is a copy of a published or archived version of another. */
  async duplicate(
    flowId: FlowId,
    version: number | string,
    newName: string,
    options: CreateOptions = {},
  ): Promise<OperationResult> {
    const n = parseVersionNumber(version);
    const newId = newFlowId(newName, options);
    if (options.description !== undefined) assertDescription(options.description);
    return this.operate(async (tx, store) => {
      const source = await store.manifest(flowId);
      requireDuplicable(flowId, source, n);
      await requireNewFlowId(store, this.vcs, newId);
      const text = await requireVersionFile(this.files, store.layout.versionPath(flowId, n), flowId, n);
      await requireUnchangedLockedFile(store, flowId, requireVersion(flowId, source, n), text, this.vcs);
      const manifest: FlowManifest = { name: newName, versions: [] };
      if (options.description) manifest.description = options.description;
      const from = `${flowId}@v${n}`;
      const { entry, validation } = await writeNewDraft(tx, store, newId, manifest, text, from, this.now());
      const plan = draftPlan('duplicate', newId, entry, validation, store, `duplicate ${from} as v1 draft`);
      return { ...plan, message: { ...plan.message, trailers: { 'Callflow-Source': from } } };
    });
  }

  /** Points a number at a flow with a published version (numberAssignments.ts). */
  async assign(number: string, flowId: FlowId, options: AssignOptions = {}): Promise<AssignmentResult> {
    return assignNumber((build) => this.operateMaybe(build), this.vcs, number, flowId, options);
  }

  async unassign(number: string): Promise<AssignmentResult> {
    return unassignNumber((build) => this.operateMaybe(build), this.vcs, number);
  }

  /**
   * Points an environment at a commit (docs/environments.md): one commit writing deployments.yaml.
   * `expectedFrom` is the commit the caller's plan was made from: when another deployment moved the
   * environment meanwhile, this one is refused rather than replacing it unseen.
   */
  async deploy(environment: string, rev: string, expectedFrom: string | null): Promise<DeploymentResult> {
    return this.operateMaybe(deployOperation(this.vcs, environment, rev, expectedFrom, () => this.now()));
  }

  /** Completes or undoes an operation that was killed half-way (the next operation does this too). */
  async recover(): Promise<RecoveryReport> {
    const report = await this.vcs.exclusive(() => recoverInterrupted(this.files, this.vcs, { asked: true }));
    if (report.outcome !== 'none')
      this.announce({ kind: 'recover', flowIds: [], files: [], ...(report.commit ? { commit: report.commit } : {}) });
    return report;
  }
}
