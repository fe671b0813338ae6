/**
 * The lifecycle of section 2 over a workspace: every operation checks its rule, writes its files,
 * and makes one commit through the VersionControl port, or leaves everything as it was.
 */
import {
  AlreadyAWorkspaceError,
  FlowExistsError,
  InvalidDraftError,
  InvalidInputError,
  LifecycleRefusedError,
  NumberRingsAnotherFlowError,
  UncommittedNumbersError,
  UnsavedDraftChangesError,
  WorkspaceCorruptError,
  type UnpublishableReason,
} from '../errors';
import {
  assertDescription,
  assertFlowId,
  assertFlowName,
  assertPhoneNumber,
  flowIdFromName,
  parseVersionNumber,
  printable,
  validateFlowName,
} from '../ids';
import type { FlowManifest, ImportSource, VersionEntry, WorkspaceSettings } from '../model';
import { systemClock, type Clock, type VersionControl, type WorkspaceFiles } from '../ports';
import { starterFlow } from '../starterFlow';
import { plural } from '../words';
import { draftOf, publishedOf, serializeManifest } from '../workspace/manifest';
import { NumbersFile } from '../workspace/numbers';
import {
  serializeSettings,
  SETTINGS_FILE,
  validateFlowsDir,
  validateTagPrefix,
  validateTimezone,
} from '../workspace/settings';
import { saveCallScenario } from '../calls';
import { FlowWorkspaceQueries } from './flowWorkspaceQueries';
import { normalizeEol, requireUnchangedLockedFile, restoreLockedFile } from '../workspace/lockedFiles';
import { versionText } from './queries';
import {
  nextVersionNumber,
  requireDraft,
  requireDuplicable,
  requireNoDraft,
  requirePublished,
  requireRestorable,
  requireVersion,
  requireRollbackTarget,
} from './rules';
import { sha256, WorkspaceStore } from '../workspace/store';
import { runOperation, type OperationBuilder, type Plan } from './operation';
import type { FileTransaction } from './transaction';
import { requirePublishable, requirePublishRules, validateDraft } from './publishChecks';
import { DEPLOYMENTS_FILE, parseDeployments, serializeDeployments } from '../workspace/deployments';
import { requireEnvironment } from '../workspace/environments';
import type {
  AssignmentResult,
  DeploymentResult,
  InitResult,
  LockedFileRestore,
  OperationResult,
  PublishPreview,
  SaveValidation,
} from './types';
import { recoverInterrupted, type RecoveryReport } from './journal';
import { TRAILER_FLOW } from './commitMessage';

/** Binds an operation to the version it was meant for: refused when that version is no longer the draft. */
export interface DraftTarget {
  version?: number;
}

export interface DiscardOptions extends DraftTarget {
  /** Discard even when the file has changes not yet saved (they are lost). */
  force?: boolean;
}

export interface AssignOptions {
  /** The number's label; absent keeps the label it has, `null` removes it (docs/flow-format.md section 2). */
  label?: string | null;
  /** Move a number that rings another flow now (otherwise refused: it changes what its callers hear). */
  move?: boolean;
}

export interface CreateOptions {
  description?: string;
  /** The flow id; derived from the name when absent (needed for names without latin letters or digits). */
  id?: string;
}

export class FlowWorkspace extends FlowWorkspaceQueries {
  /** Makes `files.root` a flow workspace: callflow.yaml + numbers.yaml in one commit (git init first when needed). */
  static async init(
    files: WorkspaceFiles,
    vcs: VersionControl,
    clock: Clock = systemClock,
    settings: Partial<WorkspaceSettings> = {},
  ): Promise<{ workspace: FlowWorkspace; result: InitResult }> {
    for (const [value, check] of [
      [settings.flowsDir, validateFlowsDir],
      [settings.tagPrefix, validateTagPrefix],
      [settings.timezone, validateTimezone],
    ] as const) {
      const problem = value === undefined ? undefined : check(value);
      if (problem) throw new InvalidInputError('invalid-settings', problem);
    }
    if (await files.exists(SETTINGS_FILE)) throw new AlreadyAWorkspaceError(files.root);
    const { created } = await vcs.ensureRepository();
    const workspace = new FlowWorkspace(files, vcs, clock);
    try {
      const result = await workspace.operate(async (tx, store) => {
        if (await files.exists(SETTINGS_FILE)) throw new AlreadyAWorkspaceError(files.root);
        await tx.write(SETTINGS_FILE, serializeSettings(settings));
        if (!(await files.exists(store.layout.numbersPath)))
          await tx.write(store.layout.numbersPath, NumbersFile.empty().toString());
        return {
          message: { action: 'init', summary: 'init workspace' },
          finish: (c): InitResult => ({ root: files.root, commit: c.commit, createdRepository: created }),
        };
      });
      return { workspace, result };
    } catch (err) {
      // A failed init (no git identity, a refusing hook, a full disk) leaves no new repository behind.
      if (created) await vcs.removeCreatedRepository().catch(() => undefined);
      throw err;
    }
  }

  async create(name: string, options: CreateOptions = {}): Promise<OperationResult> {
    const flowId = this.newFlowId(name, options);
    if (options.description !== undefined) assertDescription(options.description);
    return this.operate(async (tx, store) => {
      await this.requireNewFlowId(store, flowId);
      const manifest: FlowManifest = { name, versions: [] };
      if (options.description) manifest.description = options.description;
      const text = starterFlow({ name, timezone: store.layout.settings.timezone });
      const { entry, validation } = await this.writeNewDraft(tx, store, flowId, manifest, text, 'template');
      return this.draftPlan('create', flowId, entry, validation, store, `create v${entry.version} draft from template`);
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
    const flowId = this.newFlowId(name, options);
    if (options.description !== undefined) assertDescription(options.description);
    return this.operate(async (tx, store) => {
      await this.requireNewFlowId(store, flowId);
      const manifest: FlowManifest = { name, versions: [], importedFrom: source };
      if (options.description) manifest.description = options.description;
      const { entry, validation } = await this.writeNewDraft(tx, store, flowId, manifest, text, 'import');
      const plan = this.draftPlan(
        'import',
        flowId,
        entry,
        validation,
        store,
        `import v1 draft from ${source.dialect} (${source.file})`,
      );
      return {
        ...plan,
        message: { ...plan.message, trailers: { 'Callflow-Source': `${source.dialect}:${source.file}` } },
      };
    });
  }

  /** Validates and commits the draft; when neither the file nor its validation changed since the last save, commits nothing. */
  async save(flowId: string, options: DraftTarget = {}): Promise<OperationResult> {
    assertFlowId(flowId);
    return this.operateMaybe<OperationResult>(async (tx, store) => {
      const manifest = await store.manifest(flowId);
      const draft = requireDraft(flowId, manifest, options.version);
      const file = store.layout.versionPath(flowId, draft.version);
      const text = await this.requireFile(file, flowId, draft.version);
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
      this.recordSave(draft, validation, text);
      await tx.write(store.layout.manifestPath(flowId), serializeManifest(manifest));
      const plan = this.draftPlan(
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

  /**
   * Every check publish makes, without publishing: what the confirmation names (the numbers whose
   * callers it affects, the version it archives). Throws the same refusals publish would.
   */
  async publishPreview(flowId: string, options: DraftTarget = {}): Promise<PublishPreview> {
    assertFlowId(flowId);
    const store = await WorkspaceStore.open(this.files);
    const manifest = await store.manifest(flowId);
    const draft = requireDraft(flowId, manifest, options.version);
    const file = store.layout.versionPath(flowId, draft.version);
    const text = await this.requireFile(file, flowId, draft.version);
    const validation = await requirePublishable(store, flowId, draft, file, text, this.clock.now());
    return this.preview(store, flowId, manifest.name, draft.version, validation);
  }

  async publish(flowId: string, options: DraftTarget = {}): Promise<OperationResult> {
    assertFlowId(flowId);
    return this.operate(async (tx, store) => {
      const manifest = await store.manifest(flowId);
      const draft = requireDraft(flowId, manifest, options.version);
      const file = store.layout.versionPath(flowId, draft.version);
      const text = await this.requireFile(file, flowId, draft.version);
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
  async edit(flowId: string): Promise<OperationResult> {
    assertFlowId(flowId);
    return this.operate(async (tx, store) => {
      const manifest = await store.manifest(flowId);
      requireNoDraft(flowId, manifest);
      const published = requirePublished(flowId, manifest);
      const text = await this.requireFile(
        store.layout.versionPath(flowId, published.version),
        flowId,
        published.version,
      );
      await requireUnchangedLockedFile(store, flowId, published, text, this.vcs);
      const { entry, validation } = await this.writeNewDraft(
        tx,
        store,
        flowId,
        manifest,
        text,
        `v${published.version}`,
      );
      return this.draftPlan(
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
  async discard(flowId: string, options: DiscardOptions = {}): Promise<OperationResult> {
    assertFlowId(flowId);
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
  async restore(flowId: string, version: number | string): Promise<OperationResult> {
    assertFlowId(flowId);
    const n = parseVersionNumber(version);
    return this.operate(async (tx, store) => {
      const manifest = await store.manifest(flowId);
      requireRestorable(flowId, manifest, n);
      const text = await versionText(store, this.vcs, flowId, manifest, n);
      await requireUnchangedLockedFile(store, flowId, requireVersion(flowId, manifest, n), text, this.vcs);
      const { entry, validation } = await this.writeNewDraft(tx, store, flowId, manifest, text, `v${n}`);
      return this.draftPlan('restore', flowId, entry, validation, store, `restore v${n} as v${entry.version} draft`);
    });
  }

  /** What a rollback would publish and whom it affects, with every check it makes; throws its refusals. */
  async rollbackPreview(flowId: string, version?: number | string): Promise<PublishPreview> {
    assertFlowId(flowId);
    const n = version === undefined ? undefined : parseVersionNumber(version);
    const store = await WorkspaceStore.open(this.files);
    const manifest = await store.manifest(flowId);
    const { target } = requireRollbackTarget(flowId, manifest, n);
    const { validation } = await this.rollbackChecks(store, flowId, target.version);
    const preview = await this.preview(store, flowId, manifest.name, nextVersionNumber(manifest), validation);
    return { ...preview, copyOf: target.version };
  }

  /**
   * Publishes a copy of an archived version (default: the one published before the current one) as a
   * new version, in one commit with its tag; the same checks as publish; a draft is left as it is.
   */
  async rollback(flowId: string, version?: number | string): Promise<OperationResult> {
    assertFlowId(flowId);
    const n = version === undefined ? undefined : parseVersionNumber(version);
    return this.operate(async (tx, store) => {
      const manifest = await store.manifest(flowId);
      const { target, published } = requireRollbackTarget(flowId, manifest, n);
      const { text, validation } = await this.rollbackChecks(store, flowId, target.version);
      const now = this.now();
      const entry: VersionEntry = {
        version: nextVersionNumber(manifest),
        status: 'published',
        createdFrom: `v${target.version}`,
        createdAt: now,
      };
      this.recordSave(entry, validation, text);
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
  async restoreLockedVersion(flowId: string, version: number | string): Promise<LockedFileRestore> {
    assertFlowId(flowId);
    const n = parseVersionNumber(version);
    return this.vcs.exclusive(async () => {
      const store = await WorkspaceStore.open(this.files);
      const entry = requireVersion(flowId, await store.manifest(flowId), n);
      return { flowId, version: n, ...(await restoreLockedFile(store, flowId, entry, this.vcs)) };
    });
  }

  /**
   * Appends a call (a test call's inputs and what it did) to the flow's calls.yaml, keeping the
   * file's comments. No commit: scenario files are the team's tests, saved like an editor saves.
   */
  async saveCallScenario(flowId: string, entry: Record<string, unknown>): Promise<{ file: string; name: string }> {
    assertFlowId(flowId);
    return this.vcs.exclusive(async () => saveCallScenario(await WorkspaceStore.open(this.files), flowId, entry));
  }

  /** A new flow whose v1 draft is a copy of a published or archived version of another. */
  async duplicate(
    flowId: string,
    version: number | string,
    newName: string,
    options: CreateOptions = {},
  ): Promise<OperationResult> {
    assertFlowId(flowId);
    const n = parseVersionNumber(version);
    const newId = this.newFlowId(newName, options);
    if (options.description !== undefined) assertDescription(options.description);
    return this.operate(async (tx, store) => {
      const source = await store.manifest(flowId);
      requireDuplicable(flowId, source, n);
      await this.requireNewFlowId(store, newId);
      const text = await this.requireFile(store.layout.versionPath(flowId, n), flowId, n);
      await requireUnchangedLockedFile(store, flowId, requireVersion(flowId, source, n), text, this.vcs);
      const manifest: FlowManifest = { name: newName, versions: [] };
      if (options.description) manifest.description = options.description;
      const from = `${flowId}@v${n}`;
      const { entry, validation } = await this.writeNewDraft(tx, store, newId, manifest, text, from);
      const plan = this.draftPlan('duplicate', newId, entry, validation, store, `duplicate ${from} as v1 draft`);
      return { ...plan, message: { ...plan.message, trailers: { 'Callflow-Source': from } } };
    });
  }

  /**
   * Maps a number to a flow with a published version. A number that rings another flow moves only
   * with `move`; its label is kept unless a new one is given, or `label: null` removes it
   * (docs/flow-format.md section 2).
   */
  async assign(number: string, flowId: string, options: AssignOptions = {}): Promise<AssignmentResult> {
    assertPhoneNumber(number);
    assertFlowId(flowId);
    if (typeof options.label === 'string') {
      const problem = validateFlowName(options.label);
      if (problem) {
        const hint =
          options.label.trim() === ''
            ? 'To remove the label, assign with no label (`--no-label`).'
            : 'Give a label of 1-100 printable characters on one line, or remove it with `--no-label`.';
        throw new InvalidInputError('invalid-label', problem.replace('flow name', 'label'), hint);
      }
    }
    return this.operateMaybe<AssignmentResult>(async (tx, store) => {
      requirePublished(flowId, await store.manifest(flowId));
      const numbers = await this.editableNumbers(store);
      const existing = numbers.get(number);
      if (existing && existing.flow !== flowId && !options.move) {
        throw new NumberRingsAnotherFlowError(number, existing.flow, flowId, existing.label);
      }
      const label = options.label === null ? undefined : (options.label ?? existing?.label);
      const removedLabel = options.label === null ? existing?.label : undefined;
      const result: AssignmentResult = { action: 'assign', number, flowId, ...(label !== undefined ? { label } : {}) };
      if (existing && existing.flow !== flowId) result.previousFlowId = existing.flow;
      if (existing && existing.flow === flowId && existing.label === label) return { unchanged: result };
      if (removedLabel !== undefined) result.removedLabel = removedLabel;
      numbers.set({ number, flow: flowId, ...(label !== undefined ? { label } : {}) });
      await tx.write(store.layout.numbersPath, numbers.toString());
      const notes = [
        ...(result.previousFlowId ? [`was ${result.previousFlowId}`] : []),
        ...(removedLabel !== undefined ? ['label removed'] : []),
      ];
      return {
        message: {
          flowId,
          action: 'assign',
          summary: `assign ${number}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`,
          trailers: { 'Callflow-Number': number },
          // The flow the number left: its history shows the move too.
          ...(result.previousFlowId ? { otherFlowIds: [result.previousFlowId] } : {}),
        },
        finish: (c) => ({ ...result, commit: c.commit }),
      };
    });
  }

  async unassign(number: string): Promise<AssignmentResult> {
    assertPhoneNumber(number);
    return this.operate(async (tx, store) => {
      const numbers = await this.editableNumbers(store);
      const existing = numbers.get(number);
      if (!existing) {
        throw new InvalidInputError(
          'number-not-assigned',
          `${number} is not assigned to any flow.`,
          'Run `callflow list` to see the assigned numbers.',
        );
      }
      numbers.remove(number);
      await tx.write(store.layout.numbersPath, numbers.toString());
      return {
        message: {
          flowId: existing.flow,
          action: 'unassign',
          summary: `unassign ${number}`,
          trailers: { 'Callflow-Number': number },
        },
        finish: (c): AssignmentResult => ({
          action: 'unassign',
          number,
          flowId: existing.flow,
          ...(existing.label !== undefined ? { label: existing.label } : {}),
          commit: c.commit,
        }),
      };
    });
  }

  /**
   * Points an environment at a commit (docs/environments.md): one commit writing deployments.yaml.
   * `expectedFrom` is the commit the caller's plan was made from: when another deployment moved the
   * environment meanwhile, this one is refused rather than replacing it unseen.
   */
  async deploy(environment: string, rev: string, expectedFrom: string | null): Promise<DeploymentResult> {
    return this.operateMaybe<DeploymentResult>(async (tx, store) => {
      requireEnvironment(store.layout.settings.environments, environment);
      const commit = await this.vcs.resolveRevision(rev);
      if (!commit)
        throw new InvalidInputError(
          'unknown-revision',
          `"${printable(rev)}" is not a commit of this repository.`,
          'Give a branch, a tag or a commit hash (default: HEAD).',
        );
      const deployments = parseDeployments(await store.files.readText(DEPLOYMENTS_FILE));
      const current = deployments.get(environment)?.commit ?? null;
      if (current !== expectedFrom)
        throw new LifecycleRefusedError(
          'deployment-moved',
          `${environment} was deployed meanwhile (it now serves ${current ? current.slice(0, 7) : 'nothing'}), so the plan shown is out of date.`,
          'Run the command again to see the new plan.',
        );
      const result: DeploymentResult = { environment, commit, ...(current ? { previous: current } : {}) };
      if (current === commit) return { unchanged: result };
      deployments.set(environment, { environment, commit, deployedAt: this.now() });
      await tx.write(DEPLOYMENTS_FILE, serializeDeployments(deployments));
      return {
        message: {
          action: 'deploy',
          summary: `deploy ${environment} ${commit.slice(0, 7)}${current ? ` (was ${current.slice(0, 7)})` : ''}`,
          trailers: { 'Callflow-Environment': environment, 'Callflow-Deployed': commit },
        },
        finish: (c) => ({ ...result, deployment: c.commit }),
      };
    });
  }

  /** Completes or undoes an operation that was killed half-way (the next operation does this too). */
  async recover(): Promise<RecoveryReport> {
    return this.vcs.exclusive(() => recoverInterrupted(this.files, this.vcs, { asked: true }));
  }

  // ---- Internals ----

  private newFlowId(name: string, options: CreateOptions): string {
    assertFlowName(name);
    const id = options.id ?? flowIdFromName(name);
    if (id === '') {
      throw new InvalidInputError(
        'name-without-id',
        `No flow id can be derived from "${printable(name)}".`,
        'Give the flow an id of lowercase letters, digits and dashes (e.g. --id support-line).',
      );
    }
    return assertFlowId(id);
  }

  private async requireNewFlowId(store: WorkspaceStore, flowId: string): Promise<void> {
    // Any folder of that name counts: flow ids are never reused.
    if ((await store.files.listFolders(store.layout.flowsDir)).includes(flowId)) throw new FlowExistsError(flowId);
    // Nor is the id of a flow whose folder was deleted by hand: its tags and its history are still in git.
    const [tags, commits] = await Promise.all([
      this.vcs.tags(`${store.layout.tagNamespace}${flowId}/`),
      this.vcs.commitsWithTrailer(TRAILER_FLOW, flowId),
    ]);
    if (tags.size > 0 || commits.length > 0)
      throw new FlowExistsError(flowId, { tags: [...tags.keys()].sort(), commits: commits.length });
  }

  private async requireFile(path: string, flowId: string, version: number): Promise<string> {
    const text = await this.files.readText(path);
    if (text === undefined) {
      throw new WorkspaceCorruptError(
        'version-file-missing',
        `${path} (v${version} of "${flowId}") is missing.`,
        `Restore it from git (\`git checkout -- ${path}\`) and run \`callflow verify\`.`,
      );
    }
    return text;
  }

  private async preview(
    store: WorkspaceStore,
    flowId: string,
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
  private async rollbackChecks(
    store: WorkspaceStore,
    flowId: string,
    version: number,
  ): Promise<{ text: string; validation: SaveValidation }> {
    const manifest = await store.manifest(flowId);
    const entry = manifest.versions.find((v) => v.version === version);
    const file = store.layout.versionPath(flowId, version);
    const text = await this.requireFile(file, flowId, version);
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
    const validation = await requirePublishRules(store, flowId, version, file, text, this.clock.now(), {
      refuse,
      fix: () =>
        `make a draft from it (\`callflow restore ${flowId} ${version}\`), fix it, save, then publish that draft.`,
      testTarget: `${flowId}@${version}`,
    });
    return { text, validation };
  }

  private recordSave(entry: VersionEntry, validation: SaveValidation, text: string): void {
    entry.savedAt = this.now();
    entry.valid = validation.valid;
    entry.errors = validation.errors;
    entry.warnings = validation.warnings;
    entry.sha256 = sha256(text);
  }

  /** Writes a new draft version (file + ledger entry, validated as its first save). */
  private async writeNewDraft(
    tx: FileTransaction,
    store: WorkspaceStore,
    flowId: string,
    manifest: FlowManifest,
    text: string,
    createdFrom: string,
  ): Promise<{ entry: VersionEntry; validation: SaveValidation }> {
    if (draftOf(manifest)) requireNoDraft(flowId, manifest);
    const entry: VersionEntry = {
      version: nextVersionNumber(manifest),
      status: 'draft',
      createdFrom,
      createdAt: this.now(),
    };
    const file = store.layout.versionPath(flowId, entry.version);
    const validation = await validateDraft(store, flowId, file, text);
    this.recordSave(entry, validation, text);
    manifest.versions.push(entry);
    await tx.write(file, text);
    await tx.write(store.layout.manifestPath(flowId), serializeManifest(manifest));
    return { entry, validation };
  }

  private draftPlan(
    action: OperationResult['action'],
    flowId: string,
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

  private async editableNumbers(store: WorkspaceStore): Promise<NumbersFile> {
    const numbers = await store.numbers();
    if (numbers.parseError) {
      throw new WorkspaceCorruptError(
        'numbers-invalid',
        `${store.layout.numbersPath} cannot be edited: ${numbers.parseError}.`,
        `Fix ${store.layout.numbersPath} by hand, then run \`callflow verify\`.`,
      );
    }
    const path = store.layout.numbersPath;
    const [committed] = await this.vcs.readAtRevisions([{ rev: 'HEAD', path }]);
    const current = await store.files.readText(path).catch(() => undefined);
    if (current !== undefined && normalizeEol(current) !== normalizeEol(committed ?? ''))
      throw new UncommittedNumbersError(path);
    return numbers;
  }

  private now(): string {
    return this.clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  private operate<T>(build: (tx: FileTransaction, store: WorkspaceStore) => Promise<Plan<T>>): Promise<T> {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- operateMaybe returns undefined only for plans that may skip
    return this.operateMaybe(build) as Promise<T>;
  }

  /** Runs one operation under the workspace lock: check, write, commit, or leave everything as it was. */
  private operateMaybe<T>(build: OperationBuilder<T>): Promise<T> {
    return runOperation(this.files, this.vcs, this.clock, build, (report) => {
      for (const listener of this.recoveryListeners) listener(report);
    });
  }

  private readonly recoveryListeners = new Set<(report: RecoveryReport) => void>();

  /**
   * Every operation first completes or undoes one that was interrupted (killed, a power cut); the
   * listener hears of each such recovery, so the edges can say it rather than do it silently.
   */
  onDidRecover(listener: (report: RecoveryReport) => void): { dispose(): void } {
    this.recoveryListeners.add(listener);
    return { dispose: () => this.recoveryListeners.delete(listener) };
  }
}

function isSameSave(entry: VersionEntry, validation: SaveValidation, text: string): boolean {
  return (
    entry.savedAt !== undefined &&
    entry.sha256 === sha256(text) &&
    entry.valid === validation.valid &&
    entry.errors === validation.errors &&
    entry.warnings === validation.warnings
  );
}
