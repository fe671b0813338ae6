/**
 * The read side of a flow workspace: everything the CLI and the extension ask without changing
 * anything (no lock, no commit). FlowWorkspace adds the lifecycle operations on top.
 */
import {
  prepareWorkspaceCall,
  resolveCallTarget,
  runFlowScenarios,
  scenarioFixtures,
  type PreparedCall,
  simulateWorkspaceCall,
  loadVersion,
  type CallInputs,
  type CallTarget,
  type FlowScenarioRun,
  type LoadedVersion,
  type VersionSelector,
  type WorkspaceSimulation,
} from '../calls';
import { parseVersionNumber, type FlowId } from '../ids';
import type { NamedFixture } from '../interactive';
import { systemClock, type Clock, type RevisionFile, type VersionControl, type WorkspaceFiles } from '../ports';
import type { Problem, WorkspaceContext } from '../validation';
import { workspaceFileRole, type WorkspaceFileRole } from '../workspace/fileRoles';
import { NumbersFile, type NumbersProblem } from '../workspace/numbers';
import { pendingNumbers, type NumbersAsCommitted } from '../workspace/pendingNumbers';
import { WorkspaceStore } from '../workspace/store';
import type { WorkspaceLayout } from '../workspace/workspaceLayout';
import { defaultValidationTargets, validateWorkspaceFiles } from '../workspaceValidation';
import type { NumberAssignment } from '../model';
import { requireVersionFile } from './draftVersions';
import { requirePublishable } from './publishChecks';
import { previewOf, rollbackChecks } from './publishPreview';
import { describeFlow, diffVersions, flowHistory, listFlows } from './queries';
import { nextVersionNumber, requireDraft, requireRollbackTarget } from './rules';
import type { FlowDetails, FlowSummary, HistoryEntry, PublishPreview, VerifyReport } from './types';
import { verifyWorkspace } from './verify';

/** Binds an operation to the version it was meant for: refused when that version is no longer the draft. */
export interface DraftTarget {
  version?: number;
}

export class FlowWorkspaceQueries {
  constructor(
    readonly files: WorkspaceFiles,
    /** For queries over history (review across revisions); operations go through `operate`. */
    readonly vcs: VersionControl,
    protected readonly clock: Clock = systemClock,
  ) {}

  get root(): string {
    return this.files.root;
  }

  /**
   * Where everything lives (`<flowsDir>/<id>/v<N>.yaml`, the manifest, numbers.yaml, tag names),
   * from callflow.yaml as it is now: the one place the CLI and the extension learn paths from.
   */
  async layout(): Promise<WorkspaceLayout> {
    return (await this.store()).layout;
  }

  /** What a workspace-relative file is (a version, a manifest, scenarios, numbers, settings), or undefined. */
  async fileRole(relativePath: string): Promise<WorkspaceFileRole | undefined> {
    return workspaceFileRole(relativePath, (await this.layout()).flowsDir);
  }

  /** Every flow with its ledger and numbers, from the manifests and numbers.yaml only (no git). */
  async list(): Promise<FlowSummary[]> {
    return listFlows(await this.store());
  }

  async show(flowId: FlowId): Promise<FlowDetails> {
    return describeFlow(await this.store(), flowId);
  }

  /** numbers.yaml: its well-formed assignments and the entries that are not. */
  async numbers(): Promise<{ assignments: NumberAssignment[]; problems: NumbersProblem[] }> {
    return (await (await this.store()).numbers()).read();
  }

  /**
   * numbers.yaml as committed (what callers get) and the numbers a hand edit of the working tree
   * changes, pending until committed. A working file that cannot be read changes nothing here (its
   * problem is reported by validation).
   */
  async numbersAsCommitted(): Promise<NumbersAsCommitted> {
    const store = await this.store();
    const [text] = await this.vcs.readAtRevisions([{ rev: 'HEAD', path: store.layout.numbersPath }]);
    const committed = NumbersFile.readAssignments(text);
    const working = await store.numbers();
    return { committed, pending: working.parseError ? [] : pendingNumbers(committed, working.assignments()) };
  }

  /** The flow's lifecycle commits, newest first. */
  async history(flowId: FlowId): Promise<HistoryEntry[]> {
    return flowHistory(await this.store(), this.vcs, flowId);
  }

  /** Unified diff of two versions' files (discarded versions are read from git). */
  async diff(flowId: FlowId, from: number | string, to: number | string): Promise<string> {
    return diffVersions(await this.store(), this.vcs, flowId, parseVersionNumber(from), parseVersionNumber(to));
  }

  /**
   * Every check publish makes, without publishing: what the confirmation names (the numbers whose
   * callers it affects, the version it archives). Throws the same refusals publish would.
   */
  async publishPreview(flowId: FlowId, options: DraftTarget = {}): Promise<PublishPreview> {
    const store = await WorkspaceStore.open(this.files);
    const manifest = await store.manifest(flowId);
    const draft = requireDraft(flowId, manifest, options.version);
    const file = store.layout.versionPath(flowId, draft.version);
    const text = await requireVersionFile(this.files, file, flowId, draft.version);
    const validation = await requirePublishable(store, flowId, draft, file, text, this.clock.now());
    return previewOf(store, flowId, manifest.name, draft.version, validation);
  }

  /** What a rollback would publish and whom it affects, with every check it makes; throws its refusals. */
  async rollbackPreview(flowId: FlowId, version?: number | string): Promise<PublishPreview> {
    const n = version === undefined ? undefined : parseVersionNumber(version);
    const store = await WorkspaceStore.open(this.files);
    const manifest = await store.manifest(flowId);
    const { target } = requireRollbackTarget(flowId, manifest, n);
    const { validation } = await rollbackChecks(store, flowId, target.version, this.clock.now());
    const preview = await previewOf(store, flowId, manifest.name, nextVersionNumber(manifest), validation);
    return { ...preview, copyOf: target.version };
  }

  /** Every invariant of sections 2-5, including locked files against their publish tags. */
  async verify(): Promise<VerifyReport> {
    return verifyWorkspace(await this.store(), this.vcs);
  }

  /** The validation context of the whole workspace, from its manifests and published files. */
  async workspaceContext(): Promise<WorkspaceContext> {
    return (await this.store()).fullContext();
  }

  /**
   * Validates workspace files: with no argument settings, numbers and every flow's manifest, draft
   * and published version; with flow ids, those flows' files.
   */
  async validate(flowIds?: readonly FlowId[]): Promise<Problem[]> {
    const store = await this.store();
    return validateWorkspaceFiles(store, await defaultValidationTargets(store, flowIds));
  }

  /** Validates workspace-relative files by their role; a missing file is itself a problem. */
  async validateFiles(paths: readonly string[]): Promise<Problem[]> {
    return validateWorkspaceFiles(await this.store(), paths);
  }

  /** A version of a flow, its text, definition and problems. */
  async loadVersion(flowId: FlowId, selector: VersionSelector): Promise<LoadedVersion> {
    return loadVersion(await this.store(), flowId, selector);
  }

  /** The version a call target (a number or a flow selector) names. */
  async resolveCallTarget(target: CallTarget): Promise<LoadedVersion> {
    return resolveCallTarget(await this.store(), target);
  }

  /** One simulated call, goto-flow steps reaching the published versions of other flows. */
  async simulate(target: CallTarget, inputs: CallInputs): Promise<WorkspaceSimulation> {
    return simulateWorkspaceCall(await this.store(), target, inputs);
  }

  /** A call target ready for a test call: its version, the flows it reaches, its scenarios' http answers. */
  async prepareCall(target: CallTarget): Promise<PreparedCall & { fixtures: NamedFixture[] }> {
    const store = await this.store();
    const prepared = await prepareWorkspaceCall(store, target);
    return { ...prepared, fixtures: await scenarioFixtures(store, prepared.version.flowId) };
  }

  /** Every call scenario file of the flow against one of its versions. */
  async runScenarios(flowId: FlowId, selector: VersionSelector, defaultAt?: Date): Promise<FlowScenarioRun> {
    return runFlowScenarios(await this.store(), flowId, selector, defaultAt);
  }

  /** Files as they are in git revisions (undefined where the revision or the file does not exist). */
  async readAtRevisions(files: readonly RevisionFile[]): Promise<(string | undefined)[]> {
    return this.vcs.readAtRevisions(files);
  }

  /** The store the queries read through (an environment's workspace reads its deployed commit). */
  openStore(): Promise<WorkspaceStore> {
    return this.store();
  }

  protected store(): Promise<WorkspaceStore> {
    return WorkspaceStore.open(this.files);
  }
}
