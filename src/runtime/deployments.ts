/**
 * The deployments a server runs: the one at the served ref's commit (polled every couple of
 * seconds, so a publish reaches new calls without a restart), and any older one a call in progress
 * is pinned to (read from git again by whichever replica gets the call's next request).
 */
import { loadDeployment, type RuntimeDeployment } from '../core';
import type { ServedRepository } from '../platform/servedRepository';
import type { ExecutionLog } from './executionLog';

export const POLL_INTERVAL_MS = 2_000;
const KEPT_DEPLOYMENTS = 16;

export class Deployments {
  private live?: RuntimeDeployment;
  private readonly loaded = new Map<string, Promise<RuntimeDeployment>>();
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private lastFailure?: string;

  constructor(
    private readonly repository: ServedRepository,
    readonly ref: string,
    private readonly log: ExecutionLog,
    private readonly pollMs = POLL_INTERVAL_MS,
  ) {}

  /** The deployment new calls run, once one has loaded. */
  get current(): RuntimeDeployment | undefined {
    return this.live;
  }

  /** Loads the ref's deployment now, then keeps polling. */
  async start(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.polling;
  }

  /** The deployment at a commit (a pinned call's): the live one, one kept, or read from git. */
  at(commit: string): Promise<RuntimeDeployment> {
    if (this.live?.commit === commit) return Promise.resolve(this.live);
    let deployment = this.loaded.get(commit);
    if (!deployment) {
      deployment = loadDeployment(this.repository.source, commit);
      deployment.catch(() => this.loaded.delete(commit));
      this.loaded.set(commit, deployment);
      while (this.loaded.size > KEPT_DEPLOYMENTS) this.loaded.delete(this.loaded.keys().next().value!);
    }
    return deployment;
  }

  /** A workspace file's bytes at a commit (a recording a flow plays). */
  media(commit: string, path: string): Promise<Buffer | undefined> {
    return this.repository.readBytes(commit, path);
  }

  /** One look at the ref; overlapping looks share one. */
  poll(): Promise<void> {
    this.polling ??= this.look().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async look(): Promise<void> {
    try {
      const commit = await this.repository.resolve(this.ref);
      if (!commit) return this.fail(`The ref ${this.ref} names no commit.`);
      if (commit === this.live?.commit) return;
      const deployment = await this.at(commit);
      this.live = deployment;
      this.lastFailure = undefined;
      this.log.record({
        event: 'deployment',
        ref: this.ref,
        commit,
        flows: Object.fromEntries([...deployment.flows.values()].map((f) => [f.id, f.version])),
        numbers: deployment.numbers.size,
        ...(deployment.problems.size > 0 ? { problems: Object.fromEntries(deployment.problems) } : {}),
      });
    } catch (err) {
      this.fail((err as Error).message);
    }
  }

  /** Logged once per distinct failure, not every poll; the deployment that was live stays live. */
  private fail(message: string): void {
    if (message === this.lastFailure) return;
    this.lastFailure = message;
    this.log.record({
      event: 'deployment-failed',
      ref: this.ref,
      message,
      ...(this.live ? { serving: this.live.commit } : {}),
    });
  }
}
