/**
 * The language features' picture of one flow workspace: its flows, their ledgers, the texts of
 * their draft and published versions and call scenarios, numbers.yaml, kept up to date one file
 * at a time (the server feeds it file events and open documents), so no request reads the disk.
 * Files get their roles from the core's classifier, with the workspace's own flowsDir.
 */
import { gotoTargets, ManifestWorkspaceContext } from '../workspace/validationContext';
import { draftOf, publishedOf } from '../workspace/manifest';
import type { EnvironmentSettings, FlowManifest, LedgerStatus, NumberAssignment } from '../model';
import type { WorkspaceContext } from '../validation';
import { workspaceFileRole, type WorkspaceFileRole } from '../workspace/fileRoles';
import { parseManifest } from '../workspace/manifest';
import { NumbersFile } from '../workspace/numbers';
import { flowOutline, type FlowOutline } from './flowOutline';
import type { WorkspaceSchedule } from './quickFixes/types';
import { schedulesIn } from './workspaceSchedules';

export interface IndexedFlow {
  id: string;
  /** The manifest when it reads (a broken or missing one leaves the flow without a ledger). */
  manifest?: FlowManifest;
  /** Texts of the version files the index holds, by version number. */
  versions: Map<number, string>;
  /** Call scenario files: workspace-relative path -> text. */
  scenarios: Map<string, string>;
}

/** What a request needs of a flow, in the words shown to the user. */
export interface FlowInfo {
  id: string;
  name: string;
  published?: number;
  draft?: number;
}

export class WorkspaceIndex {
  private readonly flowsById = new Map<string, IndexedFlow>();
  private numbersText: string | undefined;
  private assignmentsCache: NumberAssignment[] | undefined;
  private contextCache: ManifestWorkspaceContext | undefined;
  private readonly outlines = new Map<string, { text: string; outline: FlowOutline }>();
  private queueCache: Set<string> | undefined;
  private readonly scheduleCache = new Map<string, { text: string; schedules: WorkspaceSchedule[] }>();

  /** `flowsDir` from callflow.yaml; a change of it means a new index. */
  constructor(
    readonly flowsDir: string,
    /** callflow.yaml's environments, for `{{env.NAME}}` completion, hover and live problems. */
    readonly environments: readonly EnvironmentSettings[] = [],
  ) {}

  roleOf(relativePath: string): WorkspaceFileRole | undefined {
    return workspaceFileRole(relativePath, this.flowsDir);
  }

  /** The files a fresh index wants read: which of a flow folder's files it keeps. */
  wants(relativePath: string): boolean {
    const role = this.roleOf(relativePath);
    return role !== undefined && role.kind !== 'settings';
  }

  /** Records a file's current text (undefined: it is gone). Returns its role, or undefined for a file the index ignores. */
  setFile(relativePath: string, text: string | undefined): WorkspaceFileRole | undefined {
    const role = this.roleOf(relativePath);
    if (!role) return undefined;
    const flowCount = this.flowsById.size;
    switch (role.kind) {
      case 'numbers':
        this.numbersText = text;
        this.assignmentsCache = undefined;
        break;
      case 'manifest': {
        this.contextCache = undefined;
        const flow = this.flowEntry(role.flowId);
        if (text === undefined) delete flow.manifest;
        else {
          const manifest = parseManifest(text).manifest;
          if (manifest) flow.manifest = manifest;
          else delete flow.manifest;
        }
        this.dropIfEmpty(role.flowId);
        break;
      }
      case 'version': {
        const flow = this.flowEntry(role.flowId);
        if (text === undefined) flow.versions.delete(role.version);
        else flow.versions.set(role.version, text);
        // Only the published version's goto-flow targets are part of the validation context.
        if (flow.manifest && publishedOf(flow.manifest)?.version === role.version) this.contextCache = undefined;
        this.queueCache = undefined;
        this.dropIfEmpty(role.flowId);
        break;
      }
      case 'scenarios': {
        const flow = this.flowEntry(role.flowId);
        if (text === undefined) flow.scenarios.delete(relativePath);
        else flow.scenarios.set(relativePath, text);
        this.queueCache = undefined;
        this.dropIfEmpty(role.flowId);
        break;
      }
      case 'settings':
        break;
    }
    if (this.flowsById.size !== flowCount) this.contextCache = undefined;
    return role;
  }

  flow(flowId: string): IndexedFlow | undefined {
    return this.flowsById.get(flowId);
  }

  flowIds(): string[] {
    return [...this.flowsById.keys()].sort();
  }

  /** Every flow, sorted by id, with its name and the versions that matter to a reference. */
  flows(): FlowInfo[] {
    return this.flowIds().map((id) => this.flowInfo(id)!);
  }

  flowInfo(flowId: string): FlowInfo | undefined {
    const flow = this.flowsById.get(flowId);
    if (!flow) return undefined;
    const info: FlowInfo = { id: flowId, name: flow.manifest?.name ?? flowId };
    const published = flow.manifest && publishedOf(flow.manifest);
    const draft = flow.manifest && draftOf(flow.manifest);
    if (published) info.published = published.version;
    if (draft) info.draft = draft.version;
    return info;
  }

  /** A version's status in its flow's ledger (one source of truth: the manifest). */
  statusOf(flowId: string, version: number): LedgerStatus | undefined {
    return this.flowsById.get(flowId)?.manifest?.versions.find((v) => v.version === version)?.status;
  }

  /** The version a reference to the flow lands on: the published one, else the draft. */
  referencedVersion(flowId: string): number | undefined {
    const info = this.flowInfo(flowId);
    return info?.published ?? info?.draft;
  }

  versionText(flowId: string, version: number): string | undefined {
    return this.flowsById.get(flowId)?.versions.get(version);
  }

  /** The outline of a text, cached by file: repeated requests on an unchanged file parse it once. */
  outlineOf(key: string, text: string): FlowOutline {
    const cached = this.outlines.get(key);
    if (cached && cached.text === text) return cached.outline;
    const outline = flowOutline(text);
    this.outlines.set(key, { text, outline });
    return outline;
  }

  /** The outline of an indexed version, if the index holds its text. */
  versionOutline(flowId: string, version: number): FlowOutline | undefined {
    const text = this.versionText(flowId, version);
    return text === undefined ? undefined : this.outlineOf(`${flowId}@${version}`, text);
  }

  scenarioFiles(flowId: string): Array<{ file: string; text: string }> {
    return [...(this.flowsById.get(flowId)?.scenarios ?? new Map<string, string>())].map(([file, text]) => ({
      file,
      text,
    }));
  }

  /**
   * The opening hours the workspace's flows already use (business-hours steps with hours, in each
   * flow's published and draft versions): what a step without hours is offered. Published versions
   * come first, since what callers hear today is the better model than a draft.
   */
  schedules(): WorkspaceSchedule[] {
    const found: WorkspaceSchedule[] = [];
    const flows = this.flows();
    const versions = [
      ...flows.map((info) => [info, info.published] as const),
      ...flows.filter((info) => info.draft !== info.published).map((info) => [info, info.draft] as const),
    ];
    for (const [info, version] of versions) {
      if (version === undefined) continue;
      const text = this.versionText(info.id, version);
      if (text === undefined || !text.includes('business-hours')) continue;
      const key = `${info.id}@${version}`;
      let cached = this.scheduleCache.get(key);
      if (cached?.text !== text)
        this.scheduleCache.set(key, (cached = { text, schedules: schedulesIn(info.id, version, text) }));
      found.push(...cached.schedules);
    }
    return found;
  }

  assignments(): NumberAssignment[] {
    this.assignmentsCache ??= NumbersFile.readAssignments(this.numbersText);
    return this.assignmentsCache;
  }

  /**
   * Queue names used anywhere in the workspace: assign-dial and callback queues of the versions
   * held, and the queues call scenarios name (`queue:` and inline `agents: { … }`). Read with a line pattern, not a parse per file, so
   * a workspace of a thousand flows answers at once.
   */
  queues(): Set<string> {
    if (this.queueCache) return this.queueCache;
    const queues = new Set<string>();
    const queueLine = /^[ \t]*(?:-[ \t]+)?queue:[ \t]*(["']?)([^"'#\n{}[\],]+?)\1[ \t]*(?:#.*)?$/gm;
    const inline = /\bqueue:[ \t]*(["']?)([A-Za-z0-9_.-]+)\1/g;
    const agents = /\bagents:[ \t]*\{([^}\n]*)\}/g;
    for (const flow of this.flowsById.values()) {
      for (const text of [...flow.versions.values(), ...flow.scenarios.values()]) {
        if (!text.includes('queue') && !text.includes('agents')) continue;
        for (const match of text.matchAll(queueLine)) if (match[2]!.trim()) queues.add(match[2]!.trim());
        for (const match of text.matchAll(inline)) queues.add(match[2]!);
        for (const match of text.matchAll(agents)) {
          for (const entry of match[1]!.split(',')) {
            const name = entry
              .split(':')[0]!
              .trim()
              .replace(/^["']|["']$/g, '');
            if (name) queues.add(name);
          }
        }
      }
    }
    this.queueCache = queues;
    return queues;
  }

  /** The goto-flow and numbers validation context, from the index (no disk access). */
  context(): WorkspaceContext {
    if (!this.contextCache) {
      const manifests = new Map<string, FlowManifest>();
      const targets = new Map<string, string[]>();
      for (const [id, flow] of this.flowsById) {
        if (!flow.manifest) continue;
        manifests.set(id, flow.manifest);
        const published = publishedOf(flow.manifest);
        if (published) targets.set(id, gotoTargets(flow.versions.get(published.version)));
      }
      this.contextCache = new ManifestWorkspaceContext(
        new Set(this.flowsById.keys()),
        manifests,
        targets,
        undefined,
        this.environments.length > 0 ? this.environments : undefined,
      );
    }
    return this.contextCache;
  }

  private flowEntry(flowId: string): IndexedFlow {
    let flow = this.flowsById.get(flowId);
    if (!flow) {
      flow = { id: flowId, versions: new Map(), scenarios: new Map() };
      this.flowsById.set(flowId, flow);
    }
    return flow;
  }

  private dropIfEmpty(flowId: string): void {
    const flow = this.flowsById.get(flowId);
    if (flow && !flow.manifest && flow.versions.size === 0 && flow.scenarios.size === 0) this.flowsById.delete(flowId);
  }
}
