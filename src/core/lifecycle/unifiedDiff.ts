/** A line-based unified diff (Myers' algorithm), as `git diff` prints it, without git. */

type Edit = { kind: ' ' | '-' | '+'; line: string };

export function unifiedDiff(before: string, after: string, fromLabel: string, toLabel: string, context = 3): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const edits = myers(a, b);
  if (edits.every((e) => e.kind === ' ')) return '';
  const out = [`--- ${fromLabel}`, `+++ ${toLabel}`];
  // Group edits into hunks with `context` unchanged lines around each change.
  let i = 0;
  const lineA = new Array<number>(edits.length);
  const lineB = new Array<number>(edits.length);
  let la = 1,
    lb = 1;
  edits.forEach((e, k) => {
    lineA[k] = la;
    lineB[k] = lb;
    if (e.kind !== '+') la++;
    if (e.kind !== '-') lb++;
  });
  while (i < edits.length) {
    if (edits[i]!.kind === ' ') {
      i++;
      continue;
    }
    let start = Math.max(0, i - context);
    let end = i;
    // Extend while the next change is within 2*context unchanged lines.
    for (;;) {
      while (end < edits.length && edits[end]!.kind !== ' ') end++;
      let next = end;
      while (next < edits.length && edits[next]!.kind === ' ') next++;
      if (next < edits.length && next - end <= 2 * context) {
        end = next;
        continue;
      }
      end = Math.min(edits.length, end + context);
      break;
    }
    const hunk = edits.slice(start, end);
    const aCount = hunk.filter((e) => e.kind !== '+').length;
    const bCount = hunk.filter((e) => e.kind !== '-').length;
    const aStart = aCount === 0 ? lineA[start]! - 1 : lineA[start]!;
    const bStart = bCount === 0 ? lineB[start]! - 1 : lineB[start]!;
    out.push(`@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@`);
    for (const e of hunk) out.push(e.kind + e.line);
    i = end;
    // eslint-disable-next-line no-useless-assignment -- keeps the hunk cursor explicit
    start = end;
  }
  return out.join('\n') + '\n';
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function myers(a: string[], b: string[]): Edit[] {
  const n = a.length,
    m = b.length,
    max = n + m;
  const offset = max + 1;
  let v: Int32Array = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice());
        break outer;
      }
    }
  }
  // Backtrack from the end.
  const edits: Edit[] = [];
  let x = n,
    y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      edits.push({ kind: ' ', line: a[x - 1]! });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) {
        edits.push({ kind: '+', line: b[y - 1]! });
        y--;
      } else {
        edits.push({ kind: '-', line: a[x - 1]! });
        x--;
      }
    }
  }
  while (x > 0 && y > 0) {
    edits.push({ kind: ' ', line: a[x - 1]! });
    x--;
    y--;
  }
  return edits.reverse();
}
