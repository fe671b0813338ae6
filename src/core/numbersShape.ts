/**
 * numbers.yaml in the shape callflow writes (comments, `numbers:`, then one `"+1…": flow-id` or
 * `"+1…": { flow: id, label: text }` line per number), scanned as lines: what both the editor of
 * the file (workspace/numbersLines.ts) and its validation read without a YAML parse.
 */
import type { NumberAssignment } from './model';
import { readsAsPlainText, scalarText } from './yamlText';

const ENTRY = /^ {2}"(\+[1-9][0-9]{1,14})": ([a-z0-9][a-z0-9-]{0,62})(?: +#.*)?$/;
const LABELED_ENTRY = /^ {2}"(\+[1-9][0-9]{1,14})": \{ flow: ([a-z0-9][a-z0-9-]{0,62}), label: (.+) \}$/;
// In a flow mapping these end a plain scalar or start another entry.
const FLOW_INDICATORS = /[,[\]{}]/;

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
  const scanned = scanNumbersLines(text);
  return scanned?.header === 'block' && scanned.entries.size > 0 ? [...scanned.entries.values()] : undefined;
}

/** The file's lines and its entries by number, when the whole text is in callflow's shape. */
export function scanNumbersLines(
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
