/**
 * Tools of the hostile corpus's file-kinds, sizes, inputs and crashes classes: a workspace with a
 * published flow, and a snapshot of the repository and working tree that never follows a link or
 * opens a FIFO (the very things these cases plant).
 */
import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FlowWorkspace } from '../../../src/core/lifecycle';
import { gitIn, makeWorkspace, type TempRepo } from '../../helpers/tempRepo';
import { callflow, type CliRun } from '../cli/cliHarness';
import { parseFlowId } from '../../../src/core';

export type HostileRepo = TempRepo & { workspace: FlowWorkspace };

/** `support-line` with v1 published (tag callflow/support-line/v1) and numbers.yaml committed. */
export async function workspaceWithPublishedFlow(): Promise<HostileRepo> {
  const repo = await makeWorkspace();
  await repo.workspace.create('Support Line');
  await repo.workspace.publish(parseFlowId('support-line'));
  return repo;
}

/** What an entry of the working tree is, without following links or reading FIFOs and devices. */
async function describeTree(root: string, dir = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = await fs.readdir(path.join(root, dir), { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (rel === '.git') continue;
    const absolute = path.join(root, rel);
    if (entry.isSymbolicLink()) out[rel] = `link -> ${await fs.readlink(absolute)}`;
    else if (entry.isDirectory()) Object.assign(out, await describeTree(root, rel), { [rel]: 'folder' });
    else if (entry.isFile()) out[rel] = (await fs.readFile(absolute)).toString('base64');
    else out[rel] = 'special file';
  }
  return out;
}

export interface TreeSnapshot {
  head: string;
  refs: string;
  index: string;
  status: string;
  tree: Record<string, string>;
}

export async function snapshotOf(repo: TempRepo): Promise<TreeSnapshot> {
  const git = (...args: string[]) => gitIn(repo.repo, ...args);
  return {
    head: git('rev-parse', 'HEAD').trim(),
    refs: git('for-each-ref', '--format=%(refname) %(objectname)'),
    index: git('ls-files', '--stage'),
    status: git('status', '--porcelain=v1', '--untracked-files=all'),
    tree: await describeTree(repo.repo),
  };
}

/** Runs the in-process CLI and asserts that the repository and working tree are exactly as before. */
export async function refusedWithoutChange(repo: TempRepo, ...argv: string[]): Promise<CliRun> {
  const before = await snapshotOf(repo);
  const run = await callflow(repo.root, ...argv);
  assert.deepStrictEqual(await snapshotOf(repo), before, `${argv.join(' ')} changed the repository`);
  return run;
}

/** No run of the CLI may end in the internal-error message meant for callflow's own bugs. */
export function assertNoInternalError(run: CliRun): void {
  assert.doesNotMatch(run.stderr, /This is a bug in callflow|unexpected error|\n\s+at /, run.stderr);
}
