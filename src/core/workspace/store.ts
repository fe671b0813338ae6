import { createHash } from 'node:crypto';
import { UnknownFlowError, UnreadableFileError, WorkspaceCorruptError } from '../errors';
import { closestMatch, isFlowId, type FlowId } from '../ids';
import type { EnvironmentSettings, FlowManifest } from '../model';
import type { WorkspaceFiles } from '../ports';
import { WorkspaceLayout } from './workspaceLayout';
import { parseManifest, publishedOf } from './manifest';
import { NumbersFile } from './numbers';
import { parseSettings, SETTINGS_FILE } from './settings';
import { gotoTargets, ManifestWorkspaceContext } from './validationContext';
import { requireSoundLedger } from './ledger';
import { requireEnvironment } from './environments';

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Reads the workspace's files into domain values. Every read goes through WorkspaceFiles. */
export class WorkspaceStore {
  private constructor(
    readonly files: WorkspaceFiles,
    readonly layout: WorkspaceLayout,
    private readonly forOperation: boolean,
    /**
     * The environment the workspace is read for (`--env`): its numbers file stands for
     * numbers.yaml, and the flows loaded for a call get its values (calls/versions.ts).
     */
    readonly environment?: EnvironmentSettings,
  ) {}

  /**
   * `forOperation`: a lifecycle operation will change the workspace, so `manifest()` refuses a
   * ledger that breaks its rules. `environment`: read the workspace as that environment serves it.
   */
  static async open(
    files: WorkspaceFiles,
    options: { forOperation?: boolean; environment?: string } = {},
  ): Promise<WorkspaceStore> {
    const settings = parseSettings(await files.readText(SETTINGS_FILE));
    const environment =
      options.environment === undefined ? undefined : requireEnvironment(settings.environments, options.environment);
    return new WorkspaceStore(files, new WorkspaceLayout(settings), options.forOperation === true, environment);
  }

  /** The numbers file read: numbers.yaml, or the environment's own. */
  get numbersPath(): string {
    return this.environment?.numbersFile ?? this.layout.numbersPath;
  }

  /** Ids of the flow folders (those whose name is a flow id), sorted. */
  async flowIds(): Promise<FlowId[]> {
    const folders = await this.files.listFolders(this.layout.flowsDir);
    return folders.filter(isFlowId).sort();
  }

  async flowExists(flowId: FlowId): Promise<boolean> {
    return this.files.exists(this.layout.manifestPath(flowId));
  }

  /** The manifest of an existing flow; UnknownFlowError (with a suggestion) or WorkspaceCorruptError otherwise. */
  async manifest(flowId: FlowId): Promise<FlowManifest> {
    const path = this.layout.manifestPath(flowId);
    const text = await this.files.readText(path);
    if (text === undefined) throw new UnknownFlowError(flowId, closestMatch(flowId, await this.flowIds()));
    const parsed = parseManifest(text);
    if (!parsed.manifest) {
      throw new WorkspaceCorruptError(
        'manifest-invalid',
        `${path} is not a valid flow manifest: ${parsed.problems.join('; ')}.`,
        `Fix ${path} (see its history with \`callflow history ${flowId}\`), then run \`callflow verify\`.`,
      );
    }
    if (this.forOperation) requireSoundLedger(flowId, parsed.manifest, path);
    return parsed.manifest;
  }

  /** Every readable manifest, read in parallel; unreadable ones are reported, not thrown. */
  async allManifests(): Promise<{ manifests: Map<FlowId, FlowManifest>; broken: Map<FlowId, string[]> }> {
    const ids = await this.flowIds();
    const texts = await Promise.all(ids.map((id) => readTolerantly(this.files, this.layout.manifestPath(id))));
    const manifests = new Map<FlowId, FlowManifest>();
    const broken = new Map<FlowId, string[]>();
    ids.forEach((id, i) => {
      const text = texts[i];
      if (text === undefined) return; // a folder without flow.yaml is not a flow
      if (text instanceof UnreadableFileError) {
        broken.set(id, [text.message.replace(/\.$/, '')]);
        return;
      }
      const parsed = parseManifest(text);
      if (parsed.manifest) manifests.set(id, parsed.manifest);
      else broken.set(id, parsed.problems);
    });
    return { manifests, broken };
  }

  /** numbers.yaml; one that cannot be read (a link, too large, not UTF-8) is a NumbersFile with a parseError. */
  async numbers(): Promise<NumbersFile> {
    const text = await readTolerantly(this.files, this.numbersPath);
    return text instanceof UnreadableFileError ? NumbersFile.unreadable(text.message) : NumbersFile.parse(text);
  }

  /**
   * The validation context for `flowId`'s draft: every flow id, and the manifests and published
   * goto targets of the flows the draft can reach through goto-flow steps.
   */
  async contextFor(flowId: FlowId, draftText: string): Promise<ManifestWorkspaceContext> {
    const ids = new Set(await this.flowIds());
    const manifests = new Map<string, FlowManifest>();
    const targets = new Map<string, string[]>();
    let frontier = gotoTargets(draftText);
    const seen = new Set<string>([flowId]);
    while (frontier.length > 0) {
      const batch = frontier.filter((id): id is FlowId => !seen.has(id) && isFlowId(id) && ids.has(id));
      batch.forEach((id) => seen.add(id));
      const loaded = await Promise.all(batch.map((id) => this.publishedTargetsOf(id)));
      frontier = [];
      batch.forEach((id, i) => {
        const { manifest, targets: next } = loaded[i]!;
        if (manifest) manifests.set(id, manifest);
        targets.set(id, next);
        frontier.push(...next);
      });
    }
    // The flow itself: its own published version matters for cycles through other flows.
    const own = await this.publishedTargetsOf(flowId);
    if (own.manifest) manifests.set(flowId, own.manifest);
    targets.set(flowId, own.targets);
    return new ManifestWorkspaceContext(ids, manifests, targets, flowId, this.layout.settings.environments);
  }

  /** The context over the whole workspace (for validating any file). */
  async fullContext(): Promise<ManifestWorkspaceContext> {
    const { manifests } = await this.allManifests();
    const ids = new Set(await this.flowIds());
    const targets = new Map<string, string[]>();
    await Promise.all(
      [...manifests].map(async ([id, manifest]) => {
        const published = publishedOf(manifest);
        if (published)
          targets.set(id, gotoTargets(await this.files.readText(this.layout.versionPath(id, published.version))));
      }),
    );
    return new ManifestWorkspaceContext(ids, manifests, targets, undefined, this.layout.settings.environments);
  }

  private async publishedTargetsOf(flowId: FlowId): Promise<{ manifest?: FlowManifest; targets: string[] }> {
    const text = await this.files.readText(this.layout.manifestPath(flowId));
    const manifest = text === undefined ? undefined : parseManifest(text).manifest;
    const published = manifest && publishedOf(manifest);
    if (!published) return manifest ? { manifest, targets: [] } : { targets: [] };
    return {
      manifest,
      targets: gotoTargets(await this.files.readText(this.layout.versionPath(flowId, published.version))),
    };
  }
}

/** The file's text, or the reason it cannot be read, for callers that report every file rather than stop at the first. */
export async function readTolerantly(
  files: WorkspaceFiles,
  path: string,
): Promise<string | undefined | UnreadableFileError> {
  try {
    return await files.readText(path);
  } catch (err) {
    if (err instanceof UnreadableFileError) return err;
    throw err;
  }
}
