/**
 * Simulated calls and call scenarios against a workspace: `callflow simulate`, `callflow test`,
 * publish's scenario gate and the extension's Simulate Call all go through here.
 */
import { parseFlowId, type FlowId } from '../ids';
import { InvalidInputError, NoPublishedVersionError, UnknownFlowError, UnreadableFileError } from '../errors';
import { readTolerantly, type WorkspaceStore } from '../workspace/store';
import { plural } from '../words';
import { publishedOf } from '../workspace/manifest';
import { appendScenario, type NamedFixture } from '../interactive';
import { isScenarioFileName, parseCallScenarios, runScenarioText, type ScenarioFileResult } from '../scenarios';
import {
  simulateCall,
  type PublishedFlowResolver,
  type SimulateCallRequest,
  type SimulatedFlow,
  type SimulationResult,
} from '../simulator';
import {
  CALL_TARGET_RULE,
  loadVersion,
  publishedResolver,
  type CallTarget,
  type LoadedVersion,
  type VersionSelector,
} from './versions';

export type CallInputs = Omit<SimulateCallRequest, 'flow' | 'resolvePublished'>;

export interface WorkspaceSimulation {
  /** The version the call ran through. */
  version: LoadedVersion;
  result: SimulationResult;
}

/** The flow assigned to a number, and its version published now. */
export async function versionForNumber(store: WorkspaceStore, number: string): Promise<LoadedVersion> {
  const numbers = await store.numbers();
  const assignment = numbers.assignments().find((a) => a.number === number);
  if (!assignment && numbers.parseError) {
    // An unreadable numbers.yaml assigns nothing: say why, rather than that the number has no flow.
    throw new InvalidInputError(
      'unreadable-numbers',
      `${store.numbersPath} cannot be read: ${numbers.parseError}.`,
      `Fix it (\`callflow validate ${store.numbersPath}\` shows where), then try again.`,
    );
  }
  if (!assignment && store.environment) {
    throw new InvalidInputError(
      'unassigned-number',
      `No flow is assigned to ${number} in ${store.environment.name} (${store.numbersPath} at its deployed commit).`,
      `Assign it in ${store.numbersPath}, commit, and deploy ${store.environment.name}; or simulate a flow directly: \`callflow simulate <flow-id> --env ${store.environment.name}\`.`,
    );
  }
  if (!assignment) {
    throw new InvalidInputError(
      'unassigned-number',
      `No flow is assigned to ${number}.`,
      `Assign one with \`callflow assign ${number} <flow-id>\`, or simulate a flow directly: \`callflow simulate <flow-id>\`.`,
    );
  }
  // numbers.yaml names the flow as text: a flow id once parsed.
  const flowId = parseFlowId(assignment.flow);
  const manifest = await store.manifest(flowId);
  if (!publishedOf(manifest)) throw new NoPublishedVersionError(flowId);
  return loadVersion(store, flowId, 'published');
}

export async function resolveCallTarget(store: WorkspaceStore, target: CallTarget): Promise<LoadedVersion> {
  if (target.kind === 'number') return versionForNumber(store, target.number);
  return loadVersion(store, target.flowId, target.selector).catch((error: unknown) => {
    // `4155550100` is a flow id by the rule; when there is no such flow, the user meant a number.
    if (error instanceof UnknownFlowError && /^[0-9]+$/.test(target.flowId))
      throw new InvalidInputError(
        'unknown-flow',
        `There is no flow "${target.flowId}" in this workspace.`,
        `${CALL_TARGET_RULE} For a phone number, write a + and its country code first (such as +1${target.flowId} in the US).`,
      );
    throw error;
  });
}

/** A call target made ready to run: its version, the flows goto-flow reaches, the number dialed. */
export interface PreparedCall {
  version: LoadedVersion;
  flow: SimulatedFlow;
  resolvePublished: PublishedFlowResolver;
  /** The number called, for a number target (`dialed.number`). */
  dialed?: string;
}

export async function prepareWorkspaceCall(store: WorkspaceStore, target: CallTarget): Promise<PreparedCall> {
  const version = await resolveCallTarget(store, target);
  if (!version.definition) {
    throw new InvalidInputError(
      'unreadable-flow',
      `${version.file} cannot be simulated: it is not a readable flow.`,
      `Fix the problems \`callflow validate ${version.file}\` reports, then try again.`,
    );
  }
  const prepared: PreparedCall = {
    version,
    flow: { id: version.flowId, version: version.version, definition: version.definition },
    resolvePublished: await publishedResolver(store, version.flowId, version.definition),
  };
  if (target.kind === 'number') prepared.dialed = target.number;
  return prepared;
}

export async function simulateWorkspaceCall(
  store: WorkspaceStore,
  target: CallTarget,
  inputs: CallInputs,
): Promise<WorkspaceSimulation> {
  const { version, flow, resolvePublished, dialed: number } = await prepareWorkspaceCall(store, target);
  const dialed = inputs.dialed ?? number;
  const result = simulateCall({
    ...inputs,
    ...(dialed !== undefined ? { dialed } : {}),
    flow,
    resolvePublished,
  });
  return { version, result };
}

/**
 * The http answers a flow's call scenarios give (each scenario's `http` map), for a test call to
 * offer at its http steps. Files that cannot be read are skipped: `callflow test` reports them.
 */
export async function scenarioFixtures(store: WorkspaceStore, flowId: FlowId): Promise<NamedFixture[]> {
  const texts: { file: string; text: string }[] = [];
  for (const file of await scenarioFiles(store, flowId)) {
    const text = await readTolerantly(store.files, file);
    if (typeof text === 'string') texts.push({ file, text });
  }
  return fixturesOfScenarioFiles(texts);
}

/** The http answers in scenario files' texts, each once, named by file and scenario (VS Code reads the editors' texts). */
export function fixturesOfScenarioFiles(files: readonly { file: string; text: string }[]): NamedFixture[] {
  const found: NamedFixture[] = [];
  const seen = new Set<string>();
  for (const { file, text } of files) {
    const name = file.slice(file.lastIndexOf('/') + 1);
    for (const scenario of parseCallScenarios(text, file).scenarios) {
      for (const [key, fixture] of Object.entries(scenario.http)) {
        const identity = JSON.stringify([key, fixture.status, fixture.body]);
        if (seen.has(identity)) continue;
        seen.add(identity);
        found.push({ source: `${name} "${scenario.name}"`, key, fixture });
      }
    }
  }
  return found;
}

/** The scenario file a test call is saved to: the flow's calls.yaml. */
export function callScenarioFile(store: WorkspaceStore, flowId: FlowId): string {
  return `${store.layout.flowDir(flowId)}/calls.yaml`;
}

/**
 * Appends a call to the flow's calls.yaml, keeping the file's comments. Scenario files are the
 * team's tests, not versions: the file is written like an editor saves it, with no commit.
 */
export async function saveCallScenario(
  store: WorkspaceStore,
  flowId: FlowId,
  entry: Record<string, unknown>,
): Promise<{ file: string; name: string }> {
  const file = callScenarioFile(store, flowId);
  const text = await readTolerantly(store.files, file);
  if (text instanceof UnreadableFileError) throw text;
  const saved = appendScenario(text, file, flowId, entry);
  await store.files.writeText(file, saved.text);
  return { file, name: saved.name };
}

/** `calls.yaml` and `*.calls.yaml` in the flow's folder, sorted. */
export async function scenarioFiles(store: WorkspaceStore, flowId: FlowId): Promise<string[]> {
  const dir = store.layout.flowDir(flowId);
  const names = await store.files.listFiles(dir);
  return names
    .filter(isScenarioFileName)
    .sort()
    .map((name) => `${dir}/${name}`);
}

export interface FlowScenarioRun {
  version: LoadedVersion;
  files: ScenarioFileResult[];
  passed: boolean;
  passedCount: number;
  failedCount: number;
}

/** Runs every scenario file of the flow against one of its versions. */
export async function runFlowScenarios(
  store: WorkspaceStore,
  flowId: FlowId,
  selector: VersionSelector,
  defaultAt?: Date,
): Promise<FlowScenarioRun> {
  const version = await loadVersion(store, flowId, selector);
  return runScenariosAgainst(store, version, defaultAt);
}

export async function runScenariosAgainst(
  store: WorkspaceStore,
  version: LoadedVersion,
  defaultAt?: Date,
): Promise<FlowScenarioRun> {
  const files: ScenarioFileResult[] = [];
  if (version.definition) {
    const flow = { id: version.flowId, version: version.version, definition: version.definition };
    const resolvePublished = await publishedResolver(store, version.flowId, version.definition);
    for (const file of await scenarioFiles(store, version.flowId)) {
      const text = (await readTolerantly(store.files, file)) ?? '';
      if (text instanceof UnreadableFileError) {
        // Like a YAML error in the file: the file fails, the others still run.
        const problem = { file, line: 1, column: 1, message: text.message };
        files.push({ file, problems: [problem], results: [], passed: false, passedCount: 0, failedCount: 0 });
        continue;
      }
      files.push(runScenarioText(text, file, flow, { resolvePublished, ...(defaultAt ? { defaultAt } : {}) }));
    }
  }
  const passedCount = files.reduce((n, f) => n + f.passedCount, 0);
  const failedCount = files.reduce((n, f) => n + f.failedCount, 0);
  return { version, files, passed: files.every((f) => f.passed), passedCount, failedCount };
}

/** "2 call scenarios failed (calls.yaml:8 weekday caller reaches sales: expected outcome connected, got voicemail)". */
export function describeScenarioFailures(run: FlowScenarioRun): string {
  const problems = run.files.reduce((n, f) => n + f.problems.length, 0);
  const parts: string[] = [];
  if (run.failedCount > 0) parts.push(`${plural(run.failedCount, 'call scenario')} failed`);
  if (problems > 0) parts.push(`${plural(problems, 'problem')} in scenario files`);
  const firstFile = run.files.find((f) => !f.passed);
  const firstResult = firstFile?.results.find((r) => !r.passed);
  const firstProblem = firstFile?.problems[0];
  const detail = firstResult
    ? `${firstFile!.file}:${firstResult.line} ${firstResult.name}: ${firstResult.failures[0] ?? 'failed'}`
    : firstProblem
      ? `${firstProblem.file}:${firstProblem.line}: ${firstProblem.message}`
      : undefined;
  return parts.join(' and ') + (detail ? ` (${detail})` : '');
}
