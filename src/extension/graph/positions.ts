/**
 * Where the admin dragged steps on the canvas, per version file, in the workspace state: never
 * in the version file, so its bytes (and the git diff) stay as they are.
 */
import type * as vscode from 'vscode';
import type { CanvasPoint } from './protocol';

const STATE_KEY = 'callflow.graph.positions';
/** Version files remembered at most (the oldest are forgotten first). */
const MAX_FILES = 200;

type Stored = Record<string, Record<string, CanvasPoint>>;

export class StepPositions {
  constructor(private readonly state: vscode.Memento) {}

  of(uri: vscode.Uri): Record<string, CanvasPoint> {
    return { ...(this.all()[uri.toString()] ?? {}) };
  }

  async move(uri: vscode.Uri, step: string, at: CanvasPoint): Promise<void> {
    await this.update(uri, (positions) => {
      positions[step] = { x: Math.round(at.x), y: Math.round(at.y) };
    });
  }

  async forget(uri: vscode.Uri, step?: string): Promise<void> {
    await this.update(uri, (positions) => {
      if (step === undefined) for (const key of Object.keys(positions)) delete positions[key];
      else delete positions[step];
    });
  }

  async rename(uri: vscode.Uri, from: string, to: string): Promise<void> {
    await this.update(uri, (positions) => {
      const at = positions[from];
      if (!at) return;
      delete positions[from];
      positions[to] = at;
    });
  }

  private all(): Stored {
    return this.state.get<Stored>(STATE_KEY) ?? {};
  }

  private async update(uri: vscode.Uri, change: (positions: Record<string, CanvasPoint>) => void): Promise<void> {
    const all = this.all();
    const key = uri.toString();
    const positions = { ...(all[key] ?? {}) };
    change(positions);
    delete all[key];
    if (Object.keys(positions).length > 0) all[key] = positions;
    const keys = Object.keys(all);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_FILES))) delete all[old];
    await this.state.update(STATE_KEY, all);
  }
}
