// Environments in VS Code (docs/environments.md): the Call Flows tree shows the version each
// environment's callers get, and Deploy… and Promote… show the plan before asking. The test runs
// in a flow workspace of its own (a folder with its own git repository, removed when done), so
// the other tests' workspace keeps no environments.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DeploymentResult } from '../../src/core';
import type { CallflowExtensionApi } from '../../src/extension/extension';
import type { SimulationRun } from '../../src/extension/simulator/simulateCommand';
import type { FlowWorkspaceFolder } from '../../src/extension/workspaces/flowWorkspaceRegistry';
import {
  answering,
  closeAllEditors,
  commitCount,
  extensionApi,
  notificationsDuring,
  waitFor,
  workspaceRoot,
} from './helpers';

const FLOW = 'env-line';
const SETTINGS = `flowsDir: flows
tagPrefix: callflow
timezone: America/New_York
environments:
  staging:
    values: { support_number: "+14155550111" }
  prod:
    values: { support_number: "+14155550199" }
`;

describe('environments: the tree shows what each one serves; Deploy… and Promote… show the plan, then ask', function () {
  let api: CallflowExtensionApi;
  const root = () => path.join(workspaceRoot(), 'env-center');
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  let folder: FlowWorkspaceFolder;
  let statusWithout: { visible: boolean };

  before(async () => {
    api = await extensionApi();
    statusWithout = await api.test.environments.status();
    fs.mkdirSync(root(), { recursive: true });
    fs.writeFileSync(path.join(root(), 'callflow.yaml'), SETTINGS);
    fs.writeFileSync(path.join(root(), 'numbers.yaml'), 'numbers: {}\n');
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Integration Tests');
    git('config', 'user.email', 'tests@example.com');
    git('add', '-A');
    git('commit', '-qm', 'environments');
    await api.workspaces.rescan('a workspace with environments');
    folder = await waitFor('the workspace with environments', () => api.workspaces.forRoot(root()));
    await vscode.commands.executeCommand('callflow.createFlow', { workspace: root(), name: 'Env Line' });
    await vscode.commands.executeCommand('callflow.publish', { workspace: root(), flowId: FLOW, confirmed: true });
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('callflow')
      .update('environment', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
    fs.rmSync(root(), { recursive: true, force: true });
    await api.workspaces.rescan('test cleanup');
  });

  async function description(): Promise<string> {
    const node = (await api.tree.flowsOf(folder)).find((n) => n.kind === 'flow' && n.flow.id === FLOW);
    assert.ok(node, `${FLOW} is listed`);
    return String(api.tree.getTreeItem(node).description ?? '');
  }

  const deployments = () => fs.readFileSync(path.join(root(), 'deployments.yaml'), 'utf8');
  const planShown = () =>
    vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'callflow-plan' && /deploy/.test(d.uri.path));

  it('the tree says, per flow, that no environment serves a version before any deployment', async () => {
    assert.match(await description(), /staging — · prod —$/);
  });

  it('Deploy… shows the plan, asks, and deploys in one commit; the tree shows the version staging serves', async () => {
    const before = git('rev-parse', 'HEAD');
    const refreshed = new Promise<void>((resolve) => {
      const subscription = api.tree.onDidChangeTreeData(() => {
        subscription.dispose();
        resolve();
      });
    });
    let result: DeploymentResult | undefined;
    const asked = await answering(
      api,
      () => 'Deploy',
      async () => {
        result = await vscode.commands.executeCommand<DeploymentResult>('callflow.deploy', {
          workspace: root(),
          environment: 'staging',
          rev: 'HEAD',
        });
      },
    );
    assert.strictEqual(asked.length, 1, 'one question');
    assert.match(asked[0]!.message, new RegExp(`^Deploy staging: nothing → ${before.slice(0, 7)}\\?$`));
    assert.match(asked[0]!.detail ?? '', /Env Line \(env-line\): nothing published → v1/);
    assert.match(asked[0]!.detail ?? '', /\{\{env\.support_number\}\}: \(no value\) → \+14155550111/);
    const plan = planShown();
    assert.ok(plan, 'the plan is open beside the editor');
    assert.match(plan.getText(), /Deploy staging: nothing →/);
    assert.strictEqual(result?.environment, 'staging');
    assert.strictEqual(result?.commit, before);
    assert.strictEqual(git('rev-parse', 'HEAD^'), before, 'one commit');
    assert.match(git('log', '-1', '--format=%B'), /Callflow-Environment: staging/);
    assert.match(deployments(), new RegExp(`staging:[\\s\\S]*${before}`));
    assert.doesNotMatch(deployments(), /^prod:/m, 'another environment is untouched');
    await refreshed;
    assert.match(await description(), /staging v1 · prod —$/);
  });

  it('Deploy… answered No changes nothing', async () => {
    const head = git('rev-parse', 'HEAD');
    const asked = await answering(
      api,
      () => undefined,
      () => vscode.commands.executeCommand('callflow.deploy', { workspace: root(), environment: 'prod', rev: 'HEAD' }),
    );
    assert.strictEqual(asked.length, 1);
    assert.strictEqual(git('rev-parse', 'HEAD'), head, 'no commit');
    assert.doesNotMatch(deployments(), /^prod:/m);
    assert.match(await description(), /staging v1 · prod —$/);
  });

  it('Promote… deploys the commit staging serves to prod, after its plan', async () => {
    const staging = /commit: "?([0-9a-f]{40})/.exec(deployments())![1]!;
    // A later publish moves HEAD: promote deploys what staging serves, not the head.
    await vscode.commands.executeCommand('callflow.edit', { workspace: root(), flowId: FLOW });
    await vscode.commands.executeCommand('callflow.publish', { workspace: root(), flowId: FLOW, confirmed: true });
    const asked = await answering(
      api,
      () => 'Deploy',
      () =>
        vscode.commands.executeCommand('callflow.promote', { workspace: root(), from: 'staging', environment: 'prod' }),
    );
    assert.strictEqual(asked.length, 1);
    assert.match(asked[0]!.message, new RegExp(`^Deploy prod: nothing → ${staging.slice(0, 7)}\\?$`));
    assert.match(asked[0]!.detail ?? '', /\+14155550199/);
    assert.match(deployments(), new RegExp(`prod:[\\s\\S]*${staging}`));
    await waitFor('the tree to show prod', async () => /staging v1 · prod v1$/.test(await description()));
  });

  it('a deploy of what the environment serves already asks nothing and changes nothing', async () => {
    const head = git('rev-parse', 'HEAD');
    const staging = /staging:[\s\S]*?commit: "?([0-9a-f]{40})/.exec(deployments())![1]!;
    const asked = await answering(
      api,
      () => 'Deploy',
      () =>
        vscode.commands.executeCommand('callflow.deploy', { workspace: root(), environment: 'staging', rev: staging }),
    );
    assert.strictEqual(asked.length, 0);
    assert.strictEqual(git('rev-parse', 'HEAD'), head);
  });

  it('in a workspace without environments Deploy… changes nothing and says how to add them', async () => {
    const before = commitCount();
    const shown = await notificationsDuring(api, () =>
      vscode.commands.executeCommand('callflow.deploy', { workspace: workspaceRoot(), environment: 'staging' }),
    );
    const refusal = shown.find((n) => n.code === 'no-environments');
    assert.ok(refusal, `a no-environments message (got ${JSON.stringify(shown)})`);
    assert.match(refusal.message, /defines no environments[\s\S]*callflow\.yaml/);
    assert.strictEqual(commitCount(), before, 'no commit');
  });

  describe('the environment calls run against (callflow.environment, in the status bar)', () => {
    const AT = '2026-03-03T10:00-05:00';
    const simulate = (digits: string[] = []) =>
      vscode.commands.executeCommand<SimulationRun>('callflow.simulateCall', {
        target: FLOW,
        root: root(),
        at: AT,
        digits,
      });
    const said = (run: SimulationRun | undefined) => JSON.stringify(run?.result.steps ?? []);

    before(async () => {
      // v3 says the support number its environment gives; staging gets it, prod keeps v1.
      await vscode.commands.executeCommand('callflow.edit', { workspace: root(), flowId: FLOW });
      const file = path.join(root(), 'flows', FLOW, 'v3.yaml');
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(
        file,
        text.replace(/say: "Thanks for calling [^"]*"/, 'say: "Call us back on {{env.support_number}}."'),
      );
      await vscode.commands.executeCommand('callflow.save', { workspace: root(), flowId: FLOW });
      await vscode.commands.executeCommand('callflow.publish', { workspace: root(), flowId: FLOW, confirmed: true });
      await vscode.commands.executeCommand('callflow.deploy', {
        workspace: root(),
        environment: 'staging',
        rev: 'HEAD',
        confirmed: true,
      });
    });

    it('the status bar shows the working tree while a workspace has environments, and nothing without', async () => {
      assert.strictEqual(statusWithout.visible, false, 'no environments in the window: no item');
      const status = await waitFor('the status bar item', async () => {
        const state = await api.test.environments.status();
        return state.visible ? state : undefined;
      });
      assert.match(status.text, /working tree$/);
      assert.match(status.tooltip, /run against the working tree/);
    });

    it("Choose Environment for Calls… sets it; Simulate Call then runs what staging serves, with staging's values", async () => {
      assert.strictEqual(
        await vscode.commands.executeCommand('callflow.chooseEnvironment', { environment: 'staging' }),
        'staging',
      );
      assert.strictEqual(vscode.workspace.getConfiguration('callflow').get('environment'), 'staging');
      await waitFor('the status bar to say staging', async () =>
        /staging$/.test((await api.test.environments.status()).text),
      );
      const run = await simulate();
      assert.strictEqual(run?.environment, 'staging');
      assert.strictEqual(run?.version, 3);
      assert.match(run?.markdown ?? '', /env-line v3 in staging/);
      assert.match(said(run), /Call us back on \+14155550111\./);
    });

    it('prod: the version prod serves (v1), whatever the working tree has', async () => {
      await vscode.commands.executeCommand('callflow.chooseEnvironment', { environment: 'prod' });
      const run = await simulate();
      assert.strictEqual(run?.environment, 'prod');
      assert.strictEqual(run?.version, 1);
      assert.doesNotMatch(said(run), /Call us back/);
    });

    it("Test Call runs against the chosen environment too, saying so in the panel's title", async () => {
      await vscode.commands.executeCommand('callflow.chooseEnvironment', { environment: 'staging' });
      await vscode.commands.executeCommand('callflow.testCall', { target: FLOW, root: root(), at: AT });
      const panel = await waitFor('the Test Call page', () => {
        const shown = api.test.testCall.panels()[0];
        return shown?.ready ? shown : undefined;
      });
      assert.strictEqual(panel.view?.title, `${FLOW} v3 in staging`);
      assert.match(JSON.stringify(panel.view), /Call us back on \+14155550111\./);
      await closeAllEditors();
    });

    it('call scenarios in the Test Explorer run against it too (the working tree fills in no value)', async () => {
      fs.writeFileSync(
        path.join(root(), 'flows', FLOW, 'calls.yaml'),
        `calls:\n  - name: staging's number is said\n    at: ${AT}\n    expect: { says: ["Call us back on +14155550111."] }\n`,
      );
      await api.test.simulator.discoverScenarios();
      const scenario = await waitFor('calls.yaml to be discovered', () =>
        api.test.simulator
          .state()
          .scenarios.find((f) => f.id.endsWith(`/env-center/flows/${FLOW}/calls.yaml`))
          ?.children.at(0),
      );
      const result = async () => {
        await vscode.commands.executeCommand('testing.runAll');
        return waitFor(
          'the run result',
          () => api.test.simulator.state().lastRun[scenario.id] as { state: string },
          20_000,
        );
      };
      await vscode.commands.executeCommand('callflow.chooseEnvironment', { environment: 'staging' });
      assert.strictEqual((await result()).state, 'passed');
      await vscode.commands.executeCommand('callflow.chooseEnvironment', { environment: '' });
      assert.notStrictEqual((await result()).state, 'passed');
    });

    it('the working tree again: no environment in the run, the status bar says so', async () => {
      await vscode.commands.executeCommand('callflow.chooseEnvironment', { environment: '' });
      assert.strictEqual(vscode.workspace.getConfiguration('callflow').get('environment'), '');
      await waitFor('the status bar to say working tree', async () =>
        /working tree$/.test((await api.test.environments.status()).text),
      );
      const run = await simulate();
      assert.strictEqual(run?.environment, undefined);
    });
  });
});
