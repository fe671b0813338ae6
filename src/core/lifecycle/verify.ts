/**
 * `verify`: every invariant of sections 2-5, reported as findings with stable codes. Reads the
 * manifests, the files, numbers.yaml, and from git only the publish tags and the files at them.
 */
import { isFlowId, type FlowId } from '../ids';
import type { FlowManifest, VersionEntry } from '../model';
import type { RevisionFile, VersionControl } from '../ports';
import { validateManifestText, validateSettingsText } from '../validation';
import { MANIFEST_FILE, versionOfFileName } from '../workspace/workspaceLayout';
import { parseManifest } from '../workspace/manifest';
import { SETTINGS_FILE } from '../workspace/settings';
import { UnreadableFileError } from '../errors';
import { readTolerantly, type WorkspaceStore } from '../workspace/store';
import { ledgerProblems } from '../workspace/ledger';
import { hashesTo, normalizeEol } from '../workspace/lockedFiles';
import { unpublishedNumberTarget } from '../validation/numberRules';
import type { VerifyFinding, VerifyReport } from './types';

const KIND_WORDS = { folder: 'a folder', symlink: 'a symbolic link', other: 'not a regular file' } as const;

interface TagCheck {
  flowId: FlowId;
  entry: VersionEntry;
  tag: string;
  file: string;
  text: string;
}

export async function verifyWorkspace(store: WorkspaceStore, vcs: VersionControl): Promise<VerifyReport> {
  const findings: VerifyFinding[] = [];
  const { layout, files } = store;
  const folders = await files.listFolders(layout.flowsDir);
  for (const folder of folders) {
    if (!isFlowId(folder)) {
      findings.push({
        severity: 'warning',
        code: 'folder-not-a-flow-id',
        file: `${layout.flowsDir}/${folder}`,
        message: `${layout.flowsDir}/${folder} is not named like a flow id (lowercase letters, digits, dashes), so it is ignored.`,
      });
    }
  }
  const [{ manifests, broken }, tags] = await Promise.all([store.allManifests(), vcs.tags(layout.tagNamespace)]);
  for (const id of await store.flowIds()) {
    if (!manifests.has(id) && !broken.has(id)) {
      findings.push({
        severity: 'error',
        code: 'manifest-missing',
        flowId: id,
        file: layout.flowDir(id),
        message: `${layout.flowDir(id)} has no ${MANIFEST_FILE}.`,
      });
    }
  }
  for (const [id, problems] of broken) {
    findings.push({
      severity: 'error',
      code: 'manifest-invalid',
      flowId: id,
      file: layout.manifestPath(id),
      message: `${layout.manifestPath(id)} is not a valid manifest: ${problems.join('; ')}.`,
    });
  }

  const tagChecks: TagCheck[] = [];
  for (const [id, manifest] of manifests) {
    tagChecks.push(...(await verifyFlow(store, id, manifest, tags, findings)));
  }
  // Locked files against their content at the publish tag, in one batch.
  const atTags = await vcs.readAtRevisions(tagChecks.map((c): RevisionFile => ({ rev: c.tag, path: c.file })));
  tagChecks.forEach((check, i) => {
    const tagged = atTags[i];
    if (tagged === undefined) {
      findings.push({
        severity: 'error',
        code: 'tag-missing-file',
        flowId: check.flowId,
        version: check.entry.version,
        file: check.file,
        message: `Tag ${check.tag} does not contain ${check.file}.`,
      });
    } else if (normalizeEol(tagged) !== normalizeEol(check.text)) {
      findings.push({
        severity: 'error',
        code: 'tag-content-mismatch',
        flowId: check.flowId,
        version: check.entry.version,
        file: check.file,
        message: `${check.file} (v${check.entry.version}, ${check.entry.status}) differs from its content at tag ${check.tag}.`,
      });
    }
  });

  for (const tag of tags.keys()) {
    const match = /^(.*)\/v([1-9][0-9]*)$/.exec(tag.slice(layout.tagNamespace.length));
    const flowId = match?.[1];
    if (!match || !flowId || !isFlowId(flowId) || broken.has(flowId)) continue;
    const manifest = manifests.get(flowId);
    const entry = manifest?.versions.find((v) => v.version === Number(match[2]));
    if (!entry || entry.status === 'draft' || entry.status === 'discarded') {
      findings.push({
        severity: 'warning',
        code: 'unexpected-tag',
        flowId,
        version: Number(match[2]),
        message: `Tag ${tag} exists but the ledger of "${flowId}" has no published or archived v${match[2]}.`,
      });
    }
  }

  await verifyAgainstHead(store, vcs, manifests, findings);
  verifyNumbers(store, manifests, await store.numbers(), findings);
  await verifySchemas(store, [...manifests.keys()], findings);
  return { ok: !findings.some((f) => f.severity === 'error'), flows: manifests.size, findings };
}

async function verifyFlow(
  store: WorkspaceStore,
  id: FlowId,
  manifest: FlowManifest,
  tags: Map<string, string>,
  findings: VerifyFinding[],
): Promise<TagCheck[]> {
  const { layout, files } = store;
  const manifestFile = layout.manifestPath(id);
  const add = (f: Omit<VerifyFinding, 'flowId'>): void => void findings.push({ flowId: id, ...f });
  for (const problem of ledgerProblems(id, manifest)) {
    add({
      severity: 'error',
      code: problem.code,
      ...(problem.version !== undefined ? { version: problem.version } : {}),
      file: manifestFile,
      message: problem.message,
    });
  }

  // Every entry named like a version file counts, whatever it is: a stray folder or link is reported too.
  for (const { name, kind } of await files.listEntries(layout.flowDir(id))) {
    const version = versionOfFileName(name);
    if (version === undefined) continue;
    const entry = manifest.versions.find((v) => v.version === version);
    const file = layout.versionPath(id, version);
    const what = kind === 'file' ? file : `${file} (${KIND_WORDS[kind]})`;
    if (!entry)
      add({
        severity: 'error',
        code: 'version-not-in-ledger',
        version,
        file,
        message: `${what} has no entry in ${manifestFile}: delete it, or move it out of ${layout.flowDir(id)}.`,
      });
    else if (entry.status === 'discarded')
      add({
        severity: 'error',
        code: 'discarded-file-present',
        version,
        file,
        message: `${what} exists but v${version} was discarded.`,
      });
  }

  const checks: TagCheck[] = [];
  for (const entry of manifest.versions) {
    if (entry.status === 'discarded') continue;
    const file = layout.versionPath(id, entry.version);
    const text = await readTolerantly(files, file);
    if (text instanceof UnreadableFileError) {
      add({ severity: 'error', code: text.code, version: entry.version, file, message: text.message });
      continue;
    }
    if (text === undefined) {
      add({
        severity: 'error',
        code: 'version-file-missing',
        version: entry.version,
        file,
        message: `${file} (v${entry.version}, ${entry.status}) is missing.`,
      });
      continue;
    }
    if (entry.status === 'draft') continue;
    if (entry.sha256 === undefined) {
      add({
        severity: 'error',
        code: 'missing-sha256',
        version: entry.version,
        file: manifestFile,
        message: `v${entry.version} of "${id}" is ${entry.status} but has no recorded sha256.`,
      });
    } else if (!hashesTo(text, entry.sha256)) {
      add({
        severity: 'error',
        code: 'locked-file-changed',
        version: entry.version,
        file,
        message: `${file} (v${entry.version}, ${entry.status}) was changed after it was published; published and archived versions are locked.`,
      });
    }
    const tag = layout.tagName(id, entry.version);
    if (!tags.has(tag)) {
      add({
        severity: 'error',
        code: 'missing-tag',
        version: entry.version,
        file,
        message: `Tag ${tag} of ${entry.status} v${entry.version} is missing.`,
      });
    } else {
      checks.push({ flowId: id, entry, tag, file, text });
    }
  }
  return checks;
}

function verifyNumbers(
  store: WorkspaceStore,
  manifests: Map<FlowId, FlowManifest>,
  numbers: Awaited<ReturnType<WorkspaceStore['numbers']>>,
  findings: VerifyFinding[],
): void {
  const file = store.layout.numbersPath;
  const { assignments, problems } = numbers.read();
  for (const p of problems)
    findings.push({
      severity: 'error',
      code: 'number-invalid',
      file,
      ...(p.number ? { number: p.number } : {}),
      message: `${file}: ${p.message}.`,
    });
  for (const a of assignments) {
    const manifest = isFlowId(a.flow) ? manifests.get(a.flow) : undefined;
    if (!manifest) {
      findings.push({
        severity: 'error',
        code: 'number-unknown-flow',
        file,
        number: a.number,
        flowId: a.flow,
        message: `${a.number} is assigned to "${a.flow}", which does not exist.`,
      });
    } else if (!manifest.versions.some((v) => v.status === 'published')) {
      findings.push({
        ...unpublishedNumberTarget(a.number, a.flow),
        code: 'number-unpublished-flow',
        file,
        number: a.number,
        flowId: a.flow,
      });
    }
  }
}

const LEDGER_CODES = new Set(['duplicate-version', 'ledger-conflict']);

/** Manifests and callflow.yaml against their JSON Schemas (section 3: the schema is the contract). */
async function verifySchemas(
  store: WorkspaceStore,
  flowIds: readonly FlowId[],
  findings: VerifyFinding[],
): Promise<void> {
  const targets = [SETTINGS_FILE, ...flowIds.map((id) => store.layout.manifestPath(id))];
  const texts = await Promise.all(targets.map((file) => readTolerantly(store.files, file)));
  targets.forEach((file, i) => {
    const text = texts[i];
    if (text === undefined) return;
    if (text instanceof UnreadableFileError) {
      findings.push({ severity: 'error', code: text.code, file, message: text.message });
      return;
    }
    const problems = file === SETTINGS_FILE ? validateSettingsText(text, file) : validateManifestText(text, file);
    // Ledger rules have their own findings above; here only the shape of the file.
    for (const p of problems.filter((problem) => !LEDGER_CODES.has(problem.code))) {
      findings.push({
        severity: p.severity,
        code: `schema-${p.code}`,
        file,
        ...(file === SETTINGS_FILE ? {} : { flowId: flowIds[i - 1]! }),
        message: `${file}:${p.line}:${p.column}: ${p.message}`,
      });
    }
  });
}

/**
 * What a killed operation leaves: a journal (files written, maybe a commit not finished), or,
 * before journals existed, ledgers changed in the working tree that no commit holds.
 */
async function verifyAgainstHead(
  store: WorkspaceStore,
  vcs: VersionControl,
  manifests: Map<FlowId, FlowManifest>,
  findings: VerifyFinding[],
): Promise<void> {
  const interrupted = await vcs.readJournal();
  if (interrupted && !interrupted.live) {
    const { journal } = interrupted;
    const files = journal.files.map((f) => f.path).join(', ') || 'no files yet';
    findings.push({
      severity: 'error',
      code: 'interrupted-operation',
      message: journal.damaged
        ? `An operation was interrupted, and its journal (.git/callflow.journal) is ${journal.damaged}, so which files it wrote is unknown. ` +
          'See `git status` and the ledger findings here for what it left, then run `callflow recover` to remove the journal.'
        : `An operation was interrupted: ${journal.operation}${journal.startedAt ? `, started ${journal.startedAt}` : ''} (it wrote ${files}). ` +
          'Run `callflow recover` to complete it (when its commit landed) or undo it; any lifecycle command also does so first.',
    });
  }
  const ids = [...manifests.keys()];
  const paths = ids.map((id) => store.layout.manifestPath(id));
  const [settingsAtHead, ...atHead] = await vcs.readAtRevisions(
    [SETTINGS_FILE, ...paths].map((path): RevisionFile => ({ rev: 'HEAD', path })),
  );
  if (settingsAtHead === undefined) return; // no commit holds the workspace yet
  ids.forEach((id, i) => {
    const file = paths[i]!;
    const text = atHead[i];
    const committed = text === undefined ? undefined : parseManifest(text).manifest;
    const here = JSON.stringify(manifests.get(id)!.versions);
    if (committed && JSON.stringify(committed.versions) === here) return;
    findings.push({
      severity: 'error',
      code: committed ? 'ledger-not-committed' : 'manifest-not-committed',
      flowId: id,
      file,
      message:
        (committed
          ? `The ledger in ${file} differs from the one committed at HEAD`
          : `${file} is in no commit (HEAD has no such file)`) +
        ': a lifecycle operation was interrupted, or the file was edited by hand. Run `callflow recover`; if it finds nothing to do, ' +
        (committed
          ? `see \`git diff HEAD -- ${file}\` and commit the file or put it back with \`git checkout HEAD -- ${file}\`.`
          : `commit the flow's folder (\`git add ${store.layout.flowDir(id)}\`) or remove it.`),
    });
  });
}
