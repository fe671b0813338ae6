import { Document, isMap, isScalar, isPair, parseDocument, Scalar, YAMLMap } from 'yaml';
import { isE164, isFlowId } from '../ids';
import type { NumberAssignment } from '../model';

export interface NumbersProblem {
  number: string;
  message: string;
}

const HEADER =
  "# Phone number -> flow assignments. Calls to a number follow the flow's published version.\n" +
  '# Keys are E.164 numbers in quotes; values are a flow id or { flow, label }.\n';

/**
 * numbers.yaml, edited through the yaml Document API so that comments, quoting and the order
 * of untouched entries survive an assign or unassign.
 */
export class NumbersFile {
  private constructor(
    private readonly document: Document,
    readonly parseError?: string,
  ) {}

  /**
   * Just the assignments, fast: numbers.yaml in its common shape (`"+1…": flow-id` lines, comments)
   * is read line by line; anything else goes through the full parser.
   */
  static readAssignments(text: string | undefined): NumberAssignment[] {
    if (text === undefined) return [];
    const assignments: NumberAssignment[] = [];
    let inNumbers = false;
    for (const line of text.split('\n')) {
      if (line.trim() === '' || /^\s*#/.test(line)) continue;
      if (!inNumbers && line === 'numbers:') {
        inNumbers = true;
        continue;
      }
      const match = inNumbers ? /^ {2}"(\+[1-9][0-9]{1,14})": ([a-z0-9][a-z0-9-]{0,62})(?: +#.*)?$/.exec(line) : null;
      if (!match) return NumbersFile.parse(text).assignments();
      assignments.push({ number: match[1]!, flow: match[2]! });
    }
    return new Set(assignments.map((a) => a.number)).size === assignments.length
      ? assignments
      : NumbersFile.parse(text).assignments();
  }

  static parse(text: string | undefined): NumbersFile {
    if (text === undefined || text.trim() === '') return NumbersFile.empty();
    const document = parseDocument(text, { uniqueKeys: true });
    if (document.errors.length > 0) {
      return new NumbersFile(document, document.errors[0]!.message.split('\n')[0]);
    }
    if (document.contents === null) document.contents = document.createNode({ numbers: {} }) as never;
    if (!isMap(document.contents)) return new NumbersFile(document, 'numbers.yaml must be a map with a "numbers" key');
    const numbers = document.contents.get('numbers', true);
    if (numbers === undefined || (isScalar(numbers) && numbers.value === null)) {
      (document.contents as YAMLMap).set('numbers', new YAMLMap());
    } else if (!isMap(numbers)) {
      return new NumbersFile(document, '"numbers" must be a map of phone number -> flow');
    }
    return new NumbersFile(document);
  }

  static empty(): NumbersFile {
    const document = new Document({ numbers: {} });
    document.commentBefore = HEADER.replace(/^# ?/gm, ' ').replace(/\n$/, '');
    return new NumbersFile(document);
  }

  private get map(): YAMLMap | undefined {
    if (this.parseError) return undefined;
    const contents = this.document.contents;
    if (!isMap(contents)) return undefined;
    const numbers = contents.get('numbers', true);
    return isMap(numbers) ? numbers : undefined;
  }

  /** Every well-formed assignment, in file order. */
  assignments(): NumberAssignment[] {
    return this.read().assignments;
  }

  /** Assignments plus the entries that are not well-formed. */
  read(): { assignments: NumberAssignment[]; problems: NumbersProblem[] } {
    const assignments: NumberAssignment[] = [];
    const problems: NumbersProblem[] = [];
    if (this.parseError) return { assignments, problems: [{ number: '', message: this.parseError }] };
    for (const pair of this.map?.items ?? []) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key;
      const rawKey = isScalar(keyNode) ? keyNode.value : keyNode;
      const number = typeof rawKey === 'string' ? rawKey : String(rawKey);
      if (typeof rawKey !== 'string') {
        problems.push({
          number,
          message: `${number} must be quoted ("+${number}") so YAML reads it as a phone number, not a number`,
        });
        continue;
      }
      if (!isE164(number)) {
        problems.push({ number, message: `"${number}" is not a phone number in E.164 form (e.g. +14155550100)` });
        continue;
      }
      const value = pair.value;
      if (isScalar(value) && typeof value.value === 'string') {
        assignments.push({ number, flow: value.value });
      } else if (isMap(value) && typeof value.get('flow') === 'string') {
        const assignment: NumberAssignment = { number, flow: value.get('flow') as string };
        const label = value.get('label');
        if (typeof label === 'string') assignment.label = label;
        assignments.push(assignment);
      } else {
        problems.push({ number, message: `"${number}" must map to a flow id or { flow, label }` });
      }
    }
    for (const a of assignments) {
      if (!isFlowId(a.flow))
        problems.push({ number: a.number, message: `"${a.number}" maps to "${a.flow}", which is not a flow id` });
    }
    return { assignments, problems };
  }

  get(number: string): NumberAssignment | undefined {
    return this.assignments().find((a) => a.number === number);
  }

  /**
   * Adds or re-points a number. New numbers go at the end: a comment above the first entry cannot be
   * told apart from one about the whole list, so inserting elsewhere could move it to the wrong entry.
   */
  set(assignment: NumberAssignment): void {
    const map = this.requireMap();
    // `numbers: {}` of a new file would otherwise stay a one-line flow map.
    if (map.flow && map.items.length === 0) map.flow = false;
    const value =
      assignment.label !== undefined
        ? this.document.createNode({ flow: assignment.flow, label: assignment.label }, { flow: true })
        : this.document.createNode(assignment.flow);
    const existing = map.items.find((p) => isScalar(p.key) && p.key.value === assignment.number);
    if (existing) {
      existing.value = value;
      return;
    }
    const key = new Scalar(assignment.number);
    key.type = Scalar.QUOTE_DOUBLE;
    const pair = this.document.createPair(key, value);
    map.items.push(pair);
  }

  remove(number: string): boolean {
    const map = this.requireMap();
    const index = map.items.findIndex((p) => isScalar(p.key) && p.key.value === number);
    if (index === -1) return false;
    map.items.splice(index, 1);
    return true;
  }

  toString(): string {
    return this.document.toString({ lineWidth: 0 });
  }

  private requireMap(): YAMLMap {
    const map = this.map;
    if (!map) throw new Error(`numbers.yaml cannot be edited: ${this.parseError ?? 'it is not a map'}`);
    return map;
  }
}
