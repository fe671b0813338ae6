/**
 * numbers.yaml in the shape callflow writes (comments, `numbers:`, then one `"+1…": flow-id` or
 * `"+1…": { flow: id, label: text }` line per number), read and edited as lines: no YAML parse, so
 * assign, unassign and list stay fast with tens of thousands of numbers. Any other shape returns
 * undefined from `read` and NumbersFile uses the full YAML parser, so both always agree (a test
 * checks that on many texts).
 */
import { stringify } from 'yaml';
import type { NumberAssignment } from '../model';
import { readsAsPlainText, scalarText } from './manifestFastPath';

const ENTRY = /^ {2}"(\+[1-9][0-9]{1,14})": ([a-z0-9][a-z0-9-]{0,62})(?: +#.*)?$/;
const LABELED_ENTRY = /^ {2}"(\+[1-9][0-9]{1,14})": \{ flow: ([a-z0-9][a-z0-9-]{0,62}), label: (.+) \}$/;
// In a flow mapping these end a plain scalar or start another entry.
const FLOW_INDICATORS = /[,[\]{}]/;

export class NumbersLines {
  private constructor(
    private readonly lines: string[],
    private readonly entries: Map<string, NumberAssignment>,
  ) {}

  static read(text: string): NumbersLines | undefined {
    const scanned = scan(text);
    if (!scanned) return undefined;
    const entries = new Map([...scanned.entries].map(([number, { assignment }]) => [number, assignment]));
    return new NumbersLines(scanned.lines, entries);
  }

  assignments(): NumberAssignment[] {
    return [...this.entries.values()].map((a) => ({ ...a }));
  }

  get(number: string): NumberAssignment | undefined {
    const found = this.entries.get(number);
    return found && { ...found };
  }

  /** Re-points a number in its line, or adds it after the last number. */
  set(assignment: NumberAssignment): void {
    const line = formatEntry(assignment);
    const existing = this.entries.has(assignment.number) ? this.lineOf(assignment.number) : -1;
    if (existing >= 0) {
      this.lines[existing] = line;
    } else {
      const header = this.lines.findIndex((l) => l === 'numbers:' || l === 'numbers: {}');
      this.lines[header] = 'numbers:';
      const last = this.entries.size > 0 ? this.lineOf([...this.entries.keys()].pop()!) : header;
      this.lines.splice(last + 1, 0, line);
    }
    this.entries.set(assignment.number, { ...assignment });
  }

  remove(number: string): boolean {
    if (!this.entries.has(number)) return false;
    this.lines.splice(this.lineOf(number), 1);
    this.entries.delete(number);
    // A bare `numbers:` is null to YAML, which the schema refuses: the last unassign leaves an empty map.
    if (this.entries.size === 0) this.lines[this.lines.indexOf('numbers:')] = 'numbers: {}';
    return true;
  }

  toString(): string {
    return this.lines.join('\n');
  }

  private lineOf(number: string): number {
    const prefix = `  "${number}":`;
    return this.lines.findIndex((line) => line.startsWith(prefix));
  }
}

/** A number's entry and where it is written, for placing problems without a YAML parse. */
export interface LocatedAssignment {
  assignment: NumberAssignment;
  /** 0-based line of the entry. */
  line: number;
  /** 0-based offsets of the flow id in that line. */
  flowStart: number;
  flowEnd: number;
}

/**
 * The entries of a numbers.yaml in callflow's own shape with at least one number, each with its
 * place; undefined for any other text (a bare `numbers:` is null to YAML, which the schema refuses).
 */
export function locateAssignments(text: string): LocatedAssignment[] | undefined {
  const scanned = scan(text);
  return scanned?.header === 'block' && scanned.entries.size > 0 ? [...scanned.entries.values()] : undefined;
}

function scan(
  text: string,
): { lines: string[]; header: 'block' | 'empty-map'; entries: Map<string, LocatedAssignment> } | undefined {
  const lines = text.split('\n');
  const entries = new Map<string, LocatedAssignment>();
  let header: 'none' | 'block' | 'empty-map' = 'none';
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    if (header === 'none') {
      if (line === 'numbers:') header = 'block';
      else if (line === 'numbers: {}') header = 'empty-map';
      else return undefined;
      continue;
    }
    const assignment = header === 'block' ? parseEntry(line) : undefined;
    if (!assignment || entries.has(assignment.number)) return undefined;
    // The flow id follows `  "<number>": ` (and `{ flow: ` in the labelled form).
    const flowStart = line.indexOf(assignment.flow, assignment.number.length + 6);
    entries.set(assignment.number, { assignment, line: index, flowStart, flowEnd: flowStart + assignment.flow.length });
  }
  return header === 'none' ? undefined : { lines, header, entries };
}

function parseEntry(line: string): NumberAssignment | undefined {
  const plain = ENTRY.exec(line);
  if (plain) return readsAsPlainText(plain[2]!) ? { number: plain[1]!, flow: plain[2]! } : undefined;
  const labeled = LABELED_ENTRY.exec(line);
  if (!labeled || !readsAsPlainText(labeled[2]!)) return undefined;
  const raw = labeled[3]!;
  if (!/^["']/.test(raw) && FLOW_INDICATORS.test(raw)) return undefined;
  const label = scalarText(raw);
  return label === undefined ? undefined : { number: labeled[1]!, flow: labeled[2]!, label };
}

/** The line the yaml package would write for the entry, so files look the same whichever path wrote them. */
function formatEntry(assignment: NumberAssignment): string {
  const value =
    assignment.label !== undefined
      ? stringify({ flow: assignment.flow, label: assignment.label }, { collectionStyle: 'flow', lineWidth: 0 })
      : stringify(assignment.flow, { lineWidth: 0 });
  return `  "${assignment.number}": ${value.trimEnd()}`;
}
