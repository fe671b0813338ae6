/**
 * The invariants of a flow's ledger (docs/flow-format.md, section 2): one entry per version, in
 * increasing order, at most one draft and at most one published version. A careless merge of
 * flow.yaml breaks them; `verify` reports such a ledger and every lifecycle operation refuses it.
 */
import type { FlowId } from '../ids';
import { LifecycleRefusedError } from '../errors';
import type { FlowManifest, LedgerStatus, VersionEntry } from '../model';

export interface LedgerProblem {
  code: 'multiple-drafts' | 'multiple-published' | 'duplicate-version' | 'versions-not-increasing';
  version?: number;
  message: string;
}

export function ledgerProblems(flowId: FlowId, manifest: FlowManifest): LedgerProblem[] {
  const problems: LedgerProblem[] = [];
  const counts = statusCounts(manifest.versions);
  if (counts.draft > 1)
    problems.push({
      code: 'multiple-drafts',
      message: `"${flowId}" has ${counts.draft} drafts; a flow has at most one.`,
    });
  if (counts.published > 1)
    problems.push({
      code: 'multiple-published',
      message: `"${flowId}" has ${counts.published} published versions; a flow has at most one.`,
    });
  const seen = new Set<number>();
  let previous = 0;
  for (const entry of manifest.versions) {
    if (seen.has(entry.version))
      problems.push({
        code: 'duplicate-version',
        version: entry.version,
        message: `v${entry.version} of "${flowId}" appears twice in the ledger.`,
      });
    else if (entry.version < previous)
      problems.push({
        code: 'versions-not-increasing',
        version: entry.version,
        message: `The ledger of "${flowId}" lists v${entry.version} after v${previous}; versions must increase.`,
      });
    seen.add(entry.version);
    previous = Math.max(previous, entry.version);
  }
  return problems;
}

/** Refuses to operate on a flow whose ledger breaks an invariant, naming the problem and the fix. */
export function requireSoundLedger(flowId: FlowId, manifest: FlowManifest, manifestFile: string): void {
  const problems = ledgerProblems(flowId, manifest);
  const first = problems[0];
  if (!first) return;
  throw new LifecycleRefusedError(
    `ledger-${first.code}`,
    `${manifestFile} breaks the ledger's rules: ${problems.map((p) => p.message).join(' ')} No operation changes "${flowId}" until it is fixed.`,
    `Edit ${manifestFile} so that each version has one entry, in increasing order, with at most one draft and one published version ` +
      `(\`git log -p -- ${manifestFile}\` shows how it was; a merge of flow.yaml is the usual cause), then run \`callflow verify\`.`,
  );
}

export function statusCounts(versions: readonly VersionEntry[]): Record<LedgerStatus, number> {
  const counts: Record<LedgerStatus, number> = { draft: 0, published: 0, archived: 0, discarded: 0 };
  for (const v of versions) counts[v.status]++;
  return counts;
}
