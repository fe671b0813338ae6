/**
 * The hostile corpus's tools: the real `callflow` as a child process (so it can be killed), and a
 * snapshot of everything a repository and its working tree hold, to assert "exactly as promised".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FlowWorkspace } from '../../../src/core/lifecycle';
import { gitIn, type TempRepo } from '../../helpers/tempRepo';
import { parseFlowId } from '../../../src/core';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const CALLFLOW_BIN = path.join(REPO_ROOT, 'bin/callflow.js');

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningCallflow {
  child: ChildProcess;
  done: Promise<ChildRun>;
}

/** The environment of a child callflow: ours without the git variables a test runner may have set. */
function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('GIT_')) delete env[key];
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export function startCallflow(
  cwd: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): RunningCallflow {
  const child = spawn(process.execPath, [CALLFLOW_BIN, ...args], { cwd, env: childEnv(env), stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<ChildRun>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

export function runCallflow(
  cwd: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<ChildRun> {
  return startCallflow(cwd, args, env).done;
}

/** Resolves once `file` exists (a hook's "I am running" marker). */
export async function waitForFile(file: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined && text.trim() !== '') return text;
    if (Date.now() > deadline) throw new Error(`${file} did not appear within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function installHook(repo: TempRepo, name: string, script: string): Promise<void> {
  const file = path.join(repo.repo, '.git', 'hooks', name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
}

export async function removeHook(repo: TempRepo, name: string): Promise<void> {
  await fs.rm(path.join(repo.repo, '.git', 'hooks', name), { force: true });
}

/** Every file of the working tree (outside .git) with its bytes, as text. */
async function workingTree(root: string, dir = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (rel === '.git') continue;
    if (entry.isDirectory()) Object.assign(out, await workingTree(root, rel));
    else out[rel] = await fs.readFile(path.join(root, rel), 'utf8');
  }
  return out;
}

export interface RepoSnapshot {
  head: string;
  refs: string;
  index: string;
  status: string;
  files: Record<string, string>;
  /** callflow's own files in the git dir (lock, journal, temporary index or message). */
  leftovers: string[];
}

/** Everything an operation may change, and everything a killed one may leave behind. */
export async function snapshot(repo: TempRepo): Promise<RepoSnapshot> {
  const git = (...args: string[]) => gitIn(repo.repo, ...args);
  let head: string;
  try {
    head = git('rev-parse', 'HEAD').trim();
  } catch {
    head = '(unborn)';
  }
  const gitDir = path.join(repo.repo, '.git');
  return {
    head,
    refs: git('for-each-ref', '--format=%(refname) %(objectname)'),
    index: git('ls-files', '--stage'),
    status: git('status', '--porcelain=v1', '--untracked-files=all'),
    files: await workingTree(repo.repo),
    leftovers: (await fs.readdir(gitDir)).filter((n) => n.startsWith('callflow')).sort(),
  };
}

/** The flow used throughout: Support Line with a published v1 and a saved v2 draft, ready to publish. */
export async function withDraftReady(repo: TempRepo & { workspace: FlowWorkspace }): Promise<void> {
  const ws = repo.workspace;
  await ws.create('Support Line');
  await ws.publish(parseFlowId('support-line'));
  await ws.edit(parseFlowId('support-line'));
  const file = 'flows/support-line/v2.yaml';
  await repo.write(file, (await repo.read(file))!.replace(/Thanks for calling[^"]*/, 'Thanks for calling, v2.'));
  await ws.save(parseFlowId('support-line'));
}
