/**
 * The extension's package.json is what the marketplace, VS Code and vsce read: these tests keep
 * the metadata, the walkthrough and the menus' `when` clauses as they must be.
 */
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseFlowId } from '../../../src/core';
import { WALKTHROUGH_CONTEXT, walkthroughProgress } from '../../../src/extension/walkthroughProgress';

const ROOT = path.resolve(__dirname, '../../../..');

interface Contribution {
  command?: string;
  when?: string;
}
interface WalkthroughStep {
  id: string;
  media: { markdown?: string; image?: string };
  completionEvents?: string[];
}
interface Manifest {
  engines: { vscode: string };
  repository?: { url?: string };
  bugs?: { url?: string };
  homepage?: string;
  keywords?: string[];
  icon?: string;
  extensionKind?: string[];
  devDependencies: Record<string, string>;
  capabilities: { virtualWorkspaces?: { supported: boolean }; untrustedWorkspaces?: unknown };
  contributes: {
    commands: { command: string }[];
    menus: Record<string, Contribution[]>;
    walkthroughs?: { steps: WalkthroughStep[] }[];
  };
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

describe('the extension package', () => {
  it('names its repository, issue tracker, homepage and keywords', () => {
    assert.match(manifest.repository?.url ?? '', /^https:\/\//);
    assert.match(manifest.bugs?.url ?? '', /^https:\/\//);
    assert.match(manifest.homepage ?? '', /^https:\/\//);
    assert.ok((manifest.keywords ?? []).length >= 3);
  });

  it('has a 128 px PNG icon', () => {
    assert.ok(manifest.icon, 'package.json names an icon');
    const png = readFileSync(path.join(ROOT, manifest.icon));
    assert.strictEqual(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepStrictEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('pins @types/vscode to the floor of engines.vscode, so no newer API slips in', () => {
    assert.strictEqual(manifest.devDependencies['@types/vscode'], manifest.engines.vscode.replace(/^\^/, ''));
  });

  it('runs where the workspace is, and says why it cannot open a virtual workspace', () => {
    assert.deepStrictEqual(manifest.extensionKind, ['workspace']);
    assert.strictEqual(manifest.capabilities.virtualWorkspaces?.supported, false);
  });

  it('parenthesises every when clause that mixes && and ||', () => {
    const unclear = Object.values(manifest.contributes.menus)
      .flat()
      .map((c) => c.when ?? '')
      .filter((when) => when.includes('&&') && when.includes('||') && !/\([^()]*\|\|[^()]*\)/.test(when));
    assert.deepStrictEqual(unclear, []);
  });

  it('walks a newcomer through init, create, edit, save, publish, assign and simulate', () => {
    const steps = manifest.contributes.walkthroughs?.[0]?.steps ?? [];
    assert.deepStrictEqual(
      steps.map((s) => s.id.split('.').pop()),
      ['init', 'create', 'edit', 'save', 'publish', 'assign', 'simulate'],
    );
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const step of steps) {
      const media = step.media.markdown ?? step.media.image;
      assert.ok(media && existsSync(path.join(ROOT, media)), `${step.id}: its media file exists`);
      for (const event of step.completionEvents ?? []) {
        const command = /^onCommand:(.+)$/.exec(event)?.[1];
        if (command) assert.ok(commands.has(command), `${step.id} completes on a command that exists: ${command}`);
      }
    }
  });

  it("ticks each walkthrough step on the extension's context key for it, set from the workspace's state", () => {
    const steps = manifest.contributes.walkthroughs?.[0]?.steps ?? [];
    const keyOf = (step: string): string | undefined =>
      steps
        .find((s) => s.id === `callflow.getStarted.${step}`)
        ?.completionEvents?.map((e) => /^onContext:(.+)$/.exec(e)?.[1])
        .find((key) => key);
    assert.deepStrictEqual(
      {
        initialized: keyOf('init'),
        hasFlow: keyOf('create'),
        saved: keyOf('save'),
        published: keyOf('publish'),
        numberAssigned: keyOf('assign'),
        simulated: keyOf('simulate'),
      },
      WALKTHROUGH_CONTEXT,
    );
  });

  it("reads the walkthrough's progress from the flows: made, saved, published, a number assigned", () => {
    const version = { version: 1, createdFrom: 'template', createdAt: '2026-01-05T10:00:00Z' };
    const fresh = {
      id: parseFlowId('a'),
      name: 'A',
      numbers: [],
      versions: [{ ...version, status: 'draft' as const }],
      draft: 1,
    };
    assert.deepStrictEqual(walkthroughProgress([], false), {
      initialized: false,
      hasFlow: false,
      saved: false,
      published: false,
      numberAssigned: false,
      simulated: false,
    });
    assert.deepStrictEqual(walkthroughProgress([[]], false), { ...walkthroughProgress([], false), initialized: true });
    assert.deepStrictEqual(walkthroughProgress([[fresh]], true), {
      initialized: true,
      hasFlow: true,
      saved: false,
      published: false,
      numberAssigned: false,
      simulated: true,
    });
    const live = {
      ...fresh,
      numbers: ['+14155550100'],
      published: 1,
      draft: undefined,
      versions: [{ ...version, status: 'published' as const, savedAt: '2026-01-05T10:10:00Z' }],
    };
    assert.deepStrictEqual(walkthroughProgress([[], [fresh, live]], false), {
      initialized: true,
      hasFlow: true,
      saved: true,
      published: true,
      numberAssigned: true,
      simulated: false,
    });
  });

  it('ships its changelog and third-party notices in the .vsix', () => {
    const ignore = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    for (const file of ['CHANGELOG.md', 'ThirdPartyNotices.txt', 'LICENSE', 'README.md']) {
      assert.ok(ignore.includes(`!${file}`), `.vscodeignore keeps ${file}`);
      assert.ok(existsSync(path.join(ROOT, file)), `${file} exists`);
    }
  });

  it('lists in ThirdPartyNotices.txt every package bundled into dist/, as esbuild bundles them now', function () {
    this.timeout(60_000);
    const check = spawnSync(process.execPath, [path.join(ROOT, 'scripts/third-party-notices.js'), '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.strictEqual(check.status, 0, check.stderr);
  });
});
