import { Document, isMap, isScalar, isPair, Scalar, YAMLMap } from 'yaml';
import { isE164, isFlowId } from '../ids';
import type { NumberAssignment } from '../model';
import { byteLength, fullParseSizeProblem, parseYaml } from '../yamlText';
import { NUMBERS_ANCHOR_MESSAGE, numbersAnchorOrAlias } from '../validation/numberRules';
import { NumbersLines } from './numbersLines';

export interface NumbersProblem {
  number: string;
  message: string;
}

const HEADER =
  "# Phone number -> flow assignments. Calls to a number follow the flow's published version.\n" +
  '# Keys are E.164 numbers in quotes; values are a flow id or { flow, label }.\n';

/**
 * numbers.yaml, edited so that comments, quoting and the order of untouched entries survive an
 * assign or unassign: as lines when the file has the shape callflow writes (fast, see
 * numbersLines.ts), otherwise through the yaml Document API.
 */
export class NumbersFile {
  private constructor(
    private readonly document: Document,
    readonly parseError?: string,
    private readonly lines?: NumbersLines,
    /** The number parseError is about, when it is about one (a number listed twice). */
    readonly parseErrorNumber?: string,
  ) {}

  /** Just the assignments (of a file callflow reads but does not edit). */
  static readAssignments(text: string | undefined): NumberAssignment[] {
    return NumbersFile.parse(text).assignments();
  }

  static parse(text: string | undefined): NumbersFile {
    if (text === undefined || text.trim() === '') return NumbersFile.empty();
    const lines = NumbersLines.read(text);
    if (lines) return new NumbersFile(new Document(), undefined, lines);
    const tooLarge = fullParseSizeProblem(byteLength(text), 'numbers');
    if (tooLarge) return new NumbersFile(new Document(), tooLarge);
    const { document, errors, lineCounter } = parseYaml(text);
    if (errors.length > 0) {
      const duplicate = errors.find((error) => error.code === 'DUPLICATE_KEY');
      if (duplicate) {
        // Name the number and where it is listed: "keys must be unique" says neither which nor where.
        const key = text.slice(duplicate.pos[0], duplicate.pos[1]).replace(/^["']|["']$/g, '');
        const lines = findKeyLines(document, key).map((offset) => lineCounter.linePos(offset).line);
        return new NumbersFile(
          document,
          `${key} is listed ${lines.length > 2 ? `${lines.length} times` : 'twice'} (lines ${lines.join(' and ')}); a number rings one flow, so keep one entry`,
          undefined,
          key,
        );
      }
      return new NumbersFile(document, errors[0]!.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, ''));
    }
    if (numbersAnchorOrAlias(document)) return new NumbersFile(document, NUMBERS_ANCHOR_MESSAGE);
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

  /** A numbers.yaml that could not be read at all (see WorkspaceFiles.readText). */
  static unreadable(reason: string): NumbersFile {
    return new NumbersFile(new Document(), reason.replace(/\.$/, ''));
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
    if (this.parseError)
      return { assignments, problems: [{ number: this.parseErrorNumber ?? '', message: this.parseError }] };
    if (this.lines) return { assignments: this.lines.assignments(), problems };
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
    if (this.lines) return this.lines.get(number);
    return this.assignments().find((a) => a.number === number);
  }

  /**
   * Adds or re-points a number. New numbers go at the end: a comment above the first entry cannot be
   * told apart from one about the whole list, so inserting elsewhere could move it to the wrong entry.
   */
  set(assignment: NumberAssignment): void {
    if (this.lines) return this.lines.set(assignment);
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
    if (this.lines) return this.lines.remove(number);
    const map = this.requireMap();
    const index = map.items.findIndex((p) => isScalar(p.key) && p.key.value === number);
    if (index === -1) return false;
    map.items.splice(index, 1);
    return true;
  }

  toString(): string {
    if (this.lines) return this.lines.toString();
    return this.document.toString({ lineWidth: 0 });
  }

  private requireMap(): YAMLMap {
    const map = this.map;
    if (!map) throw new Error(`numbers.yaml cannot be edited: ${this.parseError ?? 'it is not a map'}`);
    return map;
  }
}

/** Where each entry whose key is `key` starts, in file order (the offsets of its keys under `numbers:`). */
function findKeyLines(document: Document, key: string): number[] {
  const contents = document.contents;
  const numbers = isMap(contents) ? contents.get('numbers', true) : undefined;
  if (!isMap(numbers)) return [];
  return numbers.items.flatMap((pair) =>
    isScalar(pair.key) && String(pair.key.value) === key && pair.key.range ? [pair.key.range[0]] : [],
  );
}
