/**
 * The deployments a server runs: the one at the served ref's commit (polled every couple of
 * seconds, so a publish reaches new calls without a restart), and any older one a call in progress
 * is pinned to (read from git again by whichever replica gets the call's next request). Serving an
 * environment (`serve --env prod`), the live commit is the one the ref's deployments.yaml names for
 * it: a deployment of prod reaches new calls as a publish does, and anything else changes nothing.
 */
import { environmentCommitAt, loadDeployment, type DeploymentOptions, type RuntimeDeployment } from '../core';
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
  /** The ref's commit last looked at: an environment's commit is read again only when it moves. */
  private lastHead?: string;

  constructor(
    private readonly repository: ServedRepository,
    readonly ref: string,
    private readonly log: ExecutionLog,
    private readonly pollMs = POLL_INTERVAL_MS,
    private readonly options: DeploymentOptions = {},
  ) {}

  /** The environment served, if any. */
  get environment(): string | undefined {
    return this.options.environment;
  }

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
      deployment = loadDeployment(this.repository.source, commit, this.options);
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
      const head = await this.repository.resolve(this.ref);
      if (!head) return this.fail(`The ref ${this.ref} names no commit.`);
      if (head === this.lastHead) return;
      const commit = await this.servedCommit(head);
      if (!commit) return this.fail(`${this.environment} has not been deployed on ${this.ref}.`);
      if (commit === this.live?.commit) {
        this.lastHead = head;
        return;
      }
      const deployment = await this.at(commit);
      this.live = deployment;
      this.lastHead = head;
      this.lastFailure = undefined;
      this.log.record({
        event: 'deployment',
        ref: this.ref,
        ...(this.environment ? { environment: this.environment } : {}),
        commit,
        flows: Object.fromEntries([...deployment.flows.values()].map((f) => [f.id, f.version])),
        numbers: deployment.numbers.size,
        ...(deployment.problems.size > 0 ? { problems: Object.fromEntries(deployment.problems) } : {}),
      });
    } catch (err) {
      this.fail((err as Error).message);
    }
  }

  /** The commit new calls run at, the ref's head being `head`. */
  private servedCommit(head: string): Promise<string | undefined> {
    const { environment } = this;
    return environment ? environmentCommitAt(this.repository.source, head, environment) : Promise.resolve(head);
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
