/**
 * Verify's findings in the Problems panel. They go stale as soon as a lifecycle operation (or a
 * checkout, a Restore Locked Version) changes the workspace: while any are shown, verify runs again
 * quietly after each change, so the panel never lists a problem that is gone.
 */
import * as vscode from 'vscode';
import { plural, type VerifyReport } from '../../core';
import type { FlowWorkspaceFolder, FlowWorkspaceRegistry } from '../workspaces/flowWorkspaceRegistry';

export const VERIFY_SOURCE = 'callflow verify';

/** Replaces the shown findings with `reports`' (and logs them); returns how many there are. */
export function showVerifyProblems(
  log: vscode.LogOutputChannel,
  workspaces: readonly FlowWorkspaceFolder[],
  reports: readonly VerifyReport[],
  diagnostics: vscode.DiagnosticCollection | undefined,
): number {
  diagnostics?.clear();
  let findings = 0;
  reports.forEach((report, i) => {
    const workspace = workspaces[i]!;
    findings += report.findings.length;
    log.info(
      `verify ${workspace.name}: ${report.ok ? 'ok' : 'problems'}, ${plural(report.flows, 'flow')}, ${plural(report.findings.length, 'finding')}`,
    );
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const f of report.findings) {
      log[f.severity === 'error' ? 'error' : 'warn'](`  [${f.code}] ${f.message}`);
      const file = f.file ?? 'callflow.yaml';
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(0, 0, 0, 0),
        f.message,
        f.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      diagnostic.code = f.code;
      diagnostic.source = VERIFY_SOURCE;
      byFile.set(file, [...(byFile.get(file) ?? []), diagnostic]);
    }
    for (const [file, list] of byFile) diagnostics?.set(workspace.uri(file), list);
  });
  return findings;
}

/** Keeps shown findings current: after every workspace change, verify again while any are shown. */
export function followWorkspaceChanges(
  log: vscode.LogOutputChannel,
  registry: FlowWorkspaceRegistry,
  diagnostics: vscode.DiagnosticCollection,
  isTrusted: () => boolean,
): vscode.Disposable {
  let verifying = Promise.resolve();
  return registry.onDidChange(() => {
    verifying = verifying
      .then(async () => {
        let shown = false;
        diagnostics.forEach(() => (shown = true));
        if (!shown || !isTrusted()) return;
        const workspaces = registry.all();
        const reports = await Promise.all(workspaces.map(async (w) => (await w.open()).verify()));
        showVerifyProblems(log, workspaces, reports, diagnostics);
      })
      .catch((err: unknown) => log.warn(`re-verifying failed: ${err instanceof Error ? err.message : String(err)}`));
  });
}
