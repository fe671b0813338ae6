/**
 * The environment calls run against in VS Code (setting `callflow.environment`, docs/environments.md):
 * the status bar says which, Choose Environment for Calls… sets it, and Simulate Call and Test Call
 * take the workspace `callWorkspaceOf` gives: the environment as it serves (its deployed commit,
 * values and numbers, opened as `--env` opens it) or, with none chosen, the working tree.
 */
import * as vscode from 'vscode';
import {
  CallflowError,
  environmentStatuses,
  openEnvironment,
  parseSettings,
  SETTINGS_FILE,
  type EnvironmentWorkspace,
  type FlowWorkspace,
} from '../../core';
import type { CommandContext } from '../commands/commandContext';
import { Cancelled, ExpectedError } from '../expectedErrors';
import type { ExtensionServices } from '../services';
import type { FlowWorkspaceFolder } from '../workspaces/flowWorkspaceRegistry';

const CHOOSE = 'Call Flow: Choose Environment for Calls…';

/** The environments callflow.yaml declares ([] without environments: the working tree is all there is). */
async function environmentNames(facade: FlowWorkspace): Promise<string[]> {
  return (parseSettings(await facade.files.readText(SETTINGS_FILE)).environments ?? []).map((e) => e.name);
}

/**
 * The workspace a call in `folder` runs against: the chosen environment as it serves, or undefined
 * for the working tree (none chosen, or a workspace without environments). Refused, in the
 * editor's words, when the workspace has no such environment or it was never deployed.
 */
export async function callWorkspaceOf(
  services: Pick<ExtensionServices, 'settings'>,
  folder: FlowWorkspaceFolder,
): Promise<EnvironmentWorkspace | undefined> {
  const name = services.settings.value.environment.trim();
  if (!name) return undefined;
  const facade = await folder.open();
  const names = await environmentNames(facade);
  if (names.length === 0) return undefined;
  if (!names.includes(name))
    throw new ExpectedError(
      'unknown-environment',
      `${folder.name} has no environment "${name}" (setting callflow.environment).`,
      `Choose one of ${names.join(', ')} or the working tree (${CHOOSE}).`,
    );
  try {
    return await openEnvironment(facade, name);
  } catch (err) {
    if (err instanceof CallflowError && err.code === 'never-deployed')
      throw new ExpectedError(
        'never-deployed',
        `${name} has never been deployed, so it serves no flows yet.`,
        `Deploy it (Call Flow: Deploy…), or choose the working tree (${CHOOSE}).`,
      );
    throw err;
  }
}

/** The status bar item: shown while a flow workspace of the window has environments. */
export class CallEnvironmentStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('callflow.environment', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private updating: Promise<void> = Promise.resolve();
  private shown = false;

  constructor(private readonly services: ExtensionServices) {
    this.item.name = 'Call Flow: Environment for Calls';
    this.item.command = 'callflow.chooseEnvironment';
    this.disposables.push(
      services.settings.onDidChange(() => this.update()),
      services.workspaces.onDidChange(() => this.update()),
    );
    this.update();
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  /** The item as shown, once it follows the current setting and workspaces (the tests' probe). */
  async state(): Promise<{ visible: boolean; text: string; tooltip: string }> {
    await this.updating;
    const tooltip = this.item.tooltip;
    return { visible: this.shown, text: this.item.text, tooltip: typeof tooltip === 'string' ? tooltip : '' };
  }

  private update(): void {
    this.updating = this.updating.then(() => this.render()).catch(() => undefined);
  }

  private async render(): Promise<void> {
    await this.services.workspaces.ready();
    const declared = await Promise.all(
      this.services.workspaces.all().map(async (folder) => {
        try {
          return await environmentNames(await folder.open());
        } catch {
          return []; // a callflow.yaml that cannot be read: its own problem says so
        }
      }),
    );
    const any = declared.some((names) => names.length > 0);
    await vscode.commands.executeCommand('setContext', 'callflow.hasEnvironments', any);
    this.shown = any;
    if (!any) {
      this.item.hide();
      return;
    }
    const chosen = this.services.settings.value.environment.trim();
    this.item.text = `$(server-environment) ${chosen || 'working tree'}`;
    this.item.tooltip = chosen
      ? `Simulate Call, Test Call and call scenarios run against ${chosen}: the flows and numbers it serves, with its values. Click to choose.`
      : 'Simulate Call, Test Call and call scenarios run against the working tree (drafts included). Click to choose an environment.';
    this.item.show();
  }
}

/**
 * Call Flow: Choose Environment for Calls… — the working tree or one of the environments (each
 * with the commit it serves); sets `callflow.environment` for this workspace. `{ environment }`
 * ('' for the working tree) skips the question.
 */
export async function chooseEnvironment(ctx: CommandContext, arg?: unknown): Promise<string> {
  const given =
    typeof arg === 'object' && arg !== null && typeof (arg as { environment?: unknown }).environment === 'string'
      ? (arg as { environment: string }).environment
      : undefined;
  const chosen = given ?? (await pickEnvironmentForCalls(ctx));
  await vscode.workspace
    .getConfiguration('callflow')
    .update('environment', chosen || undefined, vscode.ConfigurationTarget.Workspace);
  ctx.log.info(`calls run against ${chosen || 'the working tree'}`);
  return chosen;
}

async function pickEnvironmentForCalls(ctx: CommandContext): Promise<string> {
  await ctx.workspaces.ready();
  const statuses = (
    await Promise.all(ctx.workspaces.all().map(async (folder) => environmentStatuses(await folder.open())))
  ).flat();
  const current = ctx.settings.value.environment.trim();
  const seen = new Set<string>();
  const items: Array<vscode.QuickPickItem & { environment: string }> = [
    {
      label: 'Working tree',
      description: current ? '' : 'chosen',
      detail: 'Drafts and saved versions as they are in the editor, numbers.yaml as on disk',
      environment: '',
    },
  ];
  for (const status of statuses) {
    if (seen.has(status.environment)) continue;
    seen.add(status.environment);
    items.push({
      label: status.environment,
      description: [status.commit ? `serves ${status.commit.slice(0, 7)}` : 'never deployed']
        .concat(status.environment === current ? ['chosen'] : [])
        .join(' · '),
      detail: status.flows.map((f) => `${f.flow} v${f.version}`).join(' · ') || undefined,
      environment: status.environment,
    });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Simulate Call and Test Call run against',
    placeHolder: 'An environment, or the working tree',
  });
  if (!picked) throw new Cancelled();
  return picked.environment;
}
