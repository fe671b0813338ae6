import type { EnvironmentSettings, FlowManifest } from '../model';
import type { WorkspaceContext } from '../validation';
import { parsePlainYaml } from '../yamlText';
import { publishedOf } from './manifest';

/** Flows a version file goes to with goto-flow steps (tolerates files that do not parse). */
export function gotoTargets(text: string | undefined): string[] {
  if (text === undefined) return [];
  // A text with no goto-flow step is not parsed: the type is written out, or made with an escape
  // in a double-quoted scalar (a backslash). Every CLI operation asks this of its draft and of the
  // published version, and the language server of every published version in the workspace.
  if (!text.includes('goto-flow') && !text.includes('\\')) return [];
  const parsed = parsePlainYaml(text);
  if ('error' in parsed) return [];
  const raw = parsed.value;
  const steps = (raw as { steps?: unknown } | null)?.steps;
  if (typeof steps !== 'object' || steps === null) return [];
  const targets = new Set<string>();
  for (const step of Object.values(steps as Record<string, unknown>)) {
    const s = step as { type?: unknown; flow?: unknown } | null;
    if (s && s.type === 'goto-flow' && typeof s.flow === 'string') targets.add(s.flow);
  }
  return [...targets];
}

/** The validation context over what is known: flow ids, the manifests loaded, published goto targets. */
export class ManifestWorkspaceContext implements WorkspaceContext {
  constructor(
    private readonly ids: ReadonlySet<string>,
    private readonly manifests: ReadonlyMap<string, FlowManifest>,
    private readonly publishedTargets: ReadonlyMap<string, string[]>,
    readonly flowId?: string,
    readonly environments?: readonly EnvironmentSettings[],
  ) {}

  flowExists(flowId: string): boolean {
    return this.ids.has(flowId);
  }

  hasPublishedVersion(flowId: string): boolean {
    const manifest = this.manifests.get(flowId);
    return manifest !== undefined && publishedOf(manifest) !== undefined;
  }

  publishedGotoTargets(flowId: string): string[] {
    return this.publishedTargets.get(flowId) ?? [];
  }

  flowIds(): Iterable<string> {
    return this.ids;
  }

  /** The same workspace seen from another flow's file. */
  forFlow(flowId: string): ManifestWorkspaceContext {
    return new ManifestWorkspaceContext(this.ids, this.manifests, this.publishedTargets, flowId, this.environments);
  }
}
