/**
 * numbers.yaml in the shape callflow writes (comments, `numbers:`, then one `"+1…": flow-id` or
 * `"+1…": { flow: id, label: text }` line per number), read and edited as lines: no YAML parse, so
 * assign, unassign and list stay fast with tens of thousands of numbers. Any other shape returns
 * undefined from `read` and NumbersFile uses the full YAML parser, so both always agree (a test
 * checks that on many texts).
 */
import { stringify } from 'yaml';
import type { NumberAssignment } from '../model';
import { scanNumbersLines } from '../numbersShape';

export class NumbersLines {
  private constructor(
    private readonly lines: string[],
    private readonly entries: Map<string, NumberAssignment>,
  ) {}

  static read(text: string): NumbersLines | undefined {
    const scanned = scanNumbersLines(text);
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

/** The line the yaml package would write for the entry, so files look the same whichever path wrote them. */
function formatEntry(assignment: NumberAssignment): string {
  const value =
    assignment.label !== undefined
      ? stringify({ flow: assignment.flow, label: assignment.label }, { collectionStyle: 'flow', lineWidth: 0 })
      : stringify(assignment.flow, { lineWidth: 0 });
  return `  "${assignment.number}": ${value.trimEnd()}`;
}
