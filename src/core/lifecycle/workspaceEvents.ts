/**
 * What a flow workspace announces, and the one path every operation takes to be announced: each
 * operation runs through `operateMaybe` here, so each one that changed the workspace is heard of
 * once it is done, as is each interrupted operation it finished or undid first. The edges listen
 * here instead of refreshing after each command.
 */
import { FlowWorkspaceQueries } from './flowWorkspaceQueries';
import type { RecoveryReport } from './journal';
import { runOperation, type OperationBuilder, type Plan } from './operation';
import type { FileTransaction } from './transaction';
import type { CompletedOperation } from './types';
import type { WorkspaceStore } from '../workspace/store';

export interface Subscription {
  dispose(): void;
}

export class FlowWorkspaceEvents extends FlowWorkspaceQueries {
  private readonly recoveryListeners = new Set<(report: RecoveryReport) => void>();
  private readonly operationListeners = new Set<(operation: CompletedOperation) => void>();

  /**
   * The one choke point: every operation that changed the workspace (a commit, a locked file put
   * back, a call scenario saved, a recovery) is announced here once it is done, with what it
   * touched, so views refresh from it rather than from each command.
   */
  onDidRunOperation(listener: (operation: CompletedOperation) => void): Subscription {
    this.operationListeners.add(listener);
    return { dispose: () => this.operationListeners.delete(listener) };
  }

  /**
   * Every operation first completes or undoes one that was interrupted (killed, a power cut); the
   * listener hears of each such recovery, so the edges can say it rather than do it silently.
   */
  onDidRecover(listener: (report: RecoveryReport) => void): Subscription {
    this.recoveryListeners.add(listener);
    return { dispose: () => this.recoveryListeners.delete(listener) };
  }

  protected announce(operation: CompletedOperation): void {
    // The operation is done: a listener that fails must not make it look as if it had not been.
    for (const listener of this.operationListeners) callQuietly(listener, operation);
  }

  protected announceRecovery(report: RecoveryReport): void {
    for (const listener of this.recoveryListeners) callQuietly(listener, report);
  }

  /** The clock's now, to the second, as the ledger records it. */
  protected now(): string {
    return this.clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  protected operate<T>(build: (tx: FileTransaction, store: WorkspaceStore) => Promise<Plan<T>>): Promise<T> {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- operateMaybe returns undefined only for plans that may skip
    return this.operateMaybe(build) as Promise<T>;
  }

  /** Runs one operation under the workspace lock: check, write, commit, or leave everything as it was. */
  protected operateMaybe<T>(build: OperationBuilder<T>): Promise<T> {
    return runOperation(
      this.files,
      this.vcs,
      this.clock,
      build,
      (report) => this.announceRecovery(report),
      (operation) => this.announce(operation),
    );
  }
}

function callQuietly<E>(listener: (event: E) => void, event: E): void {
  try {
    listener(event);
  } catch {
    // A listener's own failure is the listener's to report.
  }
}
