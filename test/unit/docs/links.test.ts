/**
 * The README is a landing page and the rest lives in docs/: a page moved or a heading reworded
 * must not leave a reader at a dead link. Every relative link (and its #anchor) in README.md,
 * CONTRIBUTING.md and docs/ must resolve to a file of the repository and a heading in it.
 */
import * as assert from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './referenceText';

const README_MAX_LINES = 400;

function markdownFiles(): string[] {
  const docs = (dir: string): string[] =>
    readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) return docs(relative);
      return entry.name.endsWith('.md') ? [relative] : [];
    });
  return ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', ...docs('docs')].filter((file) =>
    existsSync(path.join(ROOT, file)),
  );
}

/** The text outside fenced code blocks (a fence closes only with as many backticks as it opened with). */
export function proseLines(text: string): string[] {
  const prose: string[] = [];
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined && marker) fence = marker;
    else if (fence !== undefined && marker && marker[0] === fence[0] && marker.length >= fence.length)
      fence = undefined;
    else if (fence === undefined) prose.push(line);
  }
  return prose;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\- _]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

export function relativeLinks(text: string): string[] {
  const links: string[] = [];
  for (const line of proseLines(text)) {
    const withoutCode = line.replace(/`[^`]*`/g, '');
    for (const match of withoutCode.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = match[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, vscode:
      links.push(target);
    }
  }
  return links;
}

describe('documentation links', () => {
  it('finds links and anchors as GitHub renders them (fences skipped, repeats numbered)', () => {
    const text = [
      '# Title',
      'See [a](other.md#the-lifecycle) and `[not](a-link.md)`.',
      '````markdown',
      '## Inside a fence',
      '[fenced](nowhere.md)',
      '```mermaid',
      '```',
      '````',
      '## `callflow diff`: what changed',
      '## Title',
      '![pic](images/x.png "A picture") and [web](https://example.com)',
    ].join('\n');
    assert.deepStrictEqual(relativeLinks(text), ['other.md#the-lifecycle', 'images/x.png']);
    assert.deepStrictEqual([...headingAnchors(text)], ['title', 'callflow-diff-what-changed', 'title-1']);
  });

  for (const file of markdownFiles()) {
    it(`${file}: every relative link resolves`, () => {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      const broken: string[] = [];
      for (const link of relativeLinks(text)) {
        const [target = '', anchor] = link.split('#', 2);
        const resolved =
          target === '' ? path.join(ROOT, file) : path.resolve(path.dirname(path.join(ROOT, file)), target);
        if (!resolved.startsWith(ROOT + path.sep)) {
          broken.push(`${link} (outside the repository)`);
          continue;
        }
        if (!existsSync(resolved)) {
          broken.push(`${link} (no such file)`);
          continue;
        }
        if (anchor !== undefined && resolved.endsWith('.md')) {
          if (!headingAnchors(readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor)))
            broken.push(`${link} (no such heading)`);
        }
      }
      assert.deepStrictEqual(broken, [], `${file} has links that lead nowhere`);
    });
  }

  it(`README.md is a landing page of at most ${README_MAX_LINES} lines`, () => {
    const lines = readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n').length;
    assert.ok(lines <= README_MAX_LINES, `README.md has ${lines} lines; move detail into docs/`);
  });
});
