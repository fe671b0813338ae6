/**
 * The carrier's reading of a TwiML (cXML, TeXML) answer: parsed by a real XML parser, then checked
 * the way a strict carrier would check it: `<Response>` at the root, known verbs and attributes
 * only, values in range for the carrier, absolute URLs. Anything else is an InvalidTwimlError
 * naming what is wrong, so a test fails on the document a carrier would have refused.
 *
 * The carrier facts here are the emulator's own (from the carriers' documentation), deliberately
 * not the runtime's table: a wrong table in the runtime must not be confirmed by itself.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CarrierProfile } from './profiles';

export type SpokenVerb =
  | { verb: 'Say'; text: string; voice?: string; language?: string; loop: number }
  | { verb: 'Play'; url: string; loop: number }
  | { verb: 'Pause'; length: number };

export type Verb =
  | SpokenVerb
  | {
      verb: 'Gather';
      action?: string;
      method: HttpMethod;
      timeout: number;
      numDigits?: number;
      finishOnKey: string;
      actionOnEmptyResult: boolean;
      prompt: SpokenVerb[];
    }
  | { verb: 'Dial'; action?: string; method: HttpMethod; timeout: number; callerId?: string; number: string }
  | {
      verb: 'Enqueue';
      queue: string;
      action?: string;
      method: HttpMethod;
      waitUrl?: string;
      waitUrlMethod: HttpMethod;
      workflowSid?: string;
      task?: { text: string; priority?: number };
    }
  | { verb: 'Record'; action?: string; method: HttpMethod; maxLength: number; playBeep: boolean; timeout: number }
  | { verb: 'Redirect'; url: string; method: HttpMethod }
  | { verb: 'Hangup' }
  | { verb: 'Leave' };

export type HttpMethod = 'GET' | 'POST';

export class InvalidTwimlError extends Error {
  constructor(
    readonly problem: string,
    readonly document: string,
  ) {
    super(`${problem}\n--- the document ---\n${document}`);
  }
}

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  /** The element's text, entities decoded (only text nodes directly inside it). */
  text: string;
  /** Whether it has text that is not whitespace between child elements. */
  mixed: boolean;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  // Entities are decoded below in one pass, so `&amp;#10;` cannot turn into a newline.
  processEntities: false,
  ignoreDeclaration: true,
  allowBooleanAttributes: false,
});

/** Reads a document as the carrier named by `profile` would; throws InvalidTwimlError. */
export function readTwiml(document: string, profile: CarrierProfile, context: 'call' | 'hold' = 'call'): Verb[] {
  const root = parseXml(document);
  const fail = (problem: string): never => {
    throw new InvalidTwimlError(problem, document);
  };
  if (root.name !== 'Response') fail(`The root element is <${root.name}>, not <Response>.`);
  if (Object.keys(root.attributes).length > 0) fail('<Response> takes no attributes.');
  if (root.text.trim() !== '') fail('<Response> holds text outside any verb.');
  return root.children.map((node) => readVerb(node, profile, context, fail));
}

function parseXml(document: string): XmlNode {
  const wellFormed = XMLValidator.validate(document, { allowBooleanAttributes: false });
  if (wellFormed !== true) {
    throw new InvalidTwimlError(
      `Not well-formed XML: ${wellFormed.err.msg} (line ${wellFormed.err.line}, column ${wellFormed.err.col}).`,
      document,
    );
  }
  if (/<!DOCTYPE/i.test(document)) throw new InvalidTwimlError('A DOCTYPE has no place in TwiML.', document);
  const tree = parser.parse(document) as OrderedNode[];
  const elements = tree.filter((node) => elementName(node) !== undefined);
  if (elements.length !== 1) throw new InvalidTwimlError('A document has exactly one root element.', document);
  return toXmlNode(elements[0]!, document);
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text');
}

function toXmlNode(node: OrderedNode, document: string): XmlNode {
  const name = elementName(node)!;
  const content = (node[name] as OrderedNode[]) ?? [];
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(node[':@'] ?? {})) attributes[key] = decodeEntities(value, document);
  const children: XmlNode[] = [];
  let text = '';
  let mixed = false;
  for (const part of content) {
    if ('#text' in part) {
      const decoded = decodeEntities(String(part['#text']), document);
      text += decoded;
      if (decoded.trim() !== '') mixed = true;
    } else if (elementName(part) !== undefined) {
      children.push(toXmlNode(part, document));
    }
  }
  return { name, attributes, children, text, mixed: mixed && children.length > 0 };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string, document: string): string {
  return text.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
    const named = ENTITIES[name];
    if (named !== undefined && whole.endsWith(';')) return named;
    const numeric = /^#(?:x([0-9a-f]+)|([0-9]+))$/i.exec(name);
    if (numeric && whole.endsWith(';')) {
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
      if (code <= 0x10ffff && code > 0) return String.fromCodePoint(code);
    }
    throw new InvalidTwimlError(`"${whole}" is not an XML entity (a bare & must be written &amp;).`, document);
  });
}

type Fail = (problem: string) => never;

const ATTRIBUTES: Record<string, readonly string[]> = {
  Say: ['voice', 'language', 'loop'],
  Play: ['loop', 'digits'],
  Pause: ['length'],
  Gather: ['input', 'action', 'method', 'timeout', 'numDigits', 'finishOnKey', 'actionOnEmptyResult', 'language'],
  Dial: ['action', 'method', 'timeout', 'callerId', 'timeLimit', 'hangupOnStar', 'record', 'answerOnBridge'],
  Number: ['sendDigits'],
  Enqueue: ['action', 'method', 'waitUrl', 'waitUrlMethod', 'workflowSid'],
  Task: ['priority', 'timeout'],
  Record: ['action', 'method', 'timeout', 'maxLength', 'playBeep', 'finishOnKey', 'trim'],
  Redirect: ['method'],
  Hangup: [],
  Leave: [],
};

function readVerb(node: XmlNode, profile: CarrierProfile, context: 'call' | 'hold', fail: Fail): Verb {
  const known = ATTRIBUTES[node.name];
  if (known === undefined || node.name === 'Number' || node.name === 'Task') {
    fail(`<${node.name}> is not a verb this emulator's carriers know (${Object.keys(ATTRIBUTES).join(', ')}).`);
  }
  for (const attribute of Object.keys(node.attributes)) {
    if (!known.includes(attribute)) fail(`<${node.name}> has an unknown attribute "${attribute}".`);
  }
  const a = new Attributes(node, fail);
  switch (node.name) {
    case 'Say':
    case 'Play':
    case 'Pause':
      return readSpoken(node, a, fail);
    case 'Gather': {
      const input = a.text('input') ?? 'dtmf';
      if (input !== 'dtmf') fail(`<Gather input="${input}">: only DTMF input is portable.`);
      const timeout = a.integer('timeout', profile.gatherTimeout.min, profile.gatherTimeout.max) ?? 5;
      const finishOnKey = a.text('finishOnKey') ?? '#';
      if (!/^[0-9*#]?$/.test(finishOnKey)) fail(`<Gather finishOnKey="${finishOnKey}">: one key (0-9, *, #) or none.`);
      const prompt = node.children.map((child) => {
        if (!['Say', 'Play', 'Pause'].includes(child.name))
          fail(`<Gather> may hold Say, Play and Pause, not <${child.name}>.`);
        const verb = readVerb(child, profile, context, fail);
        return verb as SpokenVerb;
      });
      if (node.text.trim() !== '') fail('<Gather> holds text outside its verbs.');
      return {
        verb: 'Gather',
        ...optional('action', a.url('action')),
        method: a.method('method'),
        timeout,
        ...optional('numDigits', a.integer('numDigits', 1, 99)),
        finishOnKey,
        actionOnEmptyResult: a.boolean('actionOnEmptyResult') ?? false,
        prompt,
      };
    }
    case 'Dial': {
      const numbers = node.children;
      if (numbers.length !== 1 || numbers[0]!.name !== 'Number') fail('<Dial> holds exactly one <Number>.');
      const numberNode = numbers[0]!;
      for (const attribute of Object.keys(numberNode.attributes)) {
        if (!ATTRIBUTES['Number']!.includes(attribute)) fail(`<Number> has an unknown attribute "${attribute}".`);
      }
      if (numberNode.children.length > 0) fail('<Number> holds only the number.');
      const number = numberNode.text.trim();
      if (number === '') fail('<Number> is empty.');
      a.integer('timeLimit', 1, 14400);
      return {
        verb: 'Dial',
        ...optional('action', a.url('action')),
        method: a.method('method'),
        timeout: a.integer('timeout', profile.dialTimeout.min, profile.dialTimeout.max) ?? 30,
        ...optional('callerId', a.text('callerId')),
        number,
      };
    }
    case 'Enqueue': {
      const workflowSid = a.text('workflowSid');
      if (workflowSid !== undefined && !profile.taskRouter)
        fail(`${profile.name} has no TaskRouter: <Enqueue workflowSid> is Twilio's.`);
      let task: { text: string; priority?: number } | undefined;
      for (const child of node.children) {
        if (child.name !== 'Task' || task) fail('<Enqueue> holds the queue name, or one <Task> with a workflowSid.');
        if (workflowSid === undefined) fail('<Task> needs <Enqueue workflowSid>.');
        for (const attribute of Object.keys(child.attributes)) {
          if (!ATTRIBUTES['Task']!.includes(attribute)) fail(`<Task> has an unknown attribute "${attribute}".`);
        }
        const taskAttributes = new Attributes(child, fail);
        task = { text: child.text, ...optional('priority', taskAttributes.integer('priority', 0, 2 ** 31 - 1)) };
      }
      const queue = node.text.trim();
      if (!task && queue === '') fail('<Enqueue> names no queue.');
      if (task && queue !== '') fail('<Enqueue> holds both a queue name and a <Task>.');
      return {
        verb: 'Enqueue',
        queue,
        ...optional('action', a.url('action')),
        method: a.method('method'),
        ...optional('waitUrl', a.url('waitUrl')),
        waitUrlMethod: a.method('waitUrlMethod'),
        ...optional('workflowSid', workflowSid),
        ...optional('task', task),
      };
    }
    case 'Record': {
      noContent(node, fail);
      a.text('finishOnKey');
      a.boolean('trim', ['trim-silence', 'do-not-trim']);
      return {
        verb: 'Record',
        ...optional('action', a.url('action')),
        method: a.method('method'),
        maxLength: a.integer('maxLength', 1, 14400) ?? 3600,
        playBeep: a.boolean('playBeep') ?? true,
        timeout: a.integer('timeout', 0, 600) ?? 5,
      };
    }
    case 'Redirect': {
      if (node.children.length > 0) fail('<Redirect> holds only a URL.');
      return { verb: 'Redirect', url: absoluteUrl(node.text.trim(), '<Redirect>', fail), method: a.method('method') };
    }
    case 'Leave':
      noContent(node, fail);
      if (context !== 'hold') fail('<Leave> belongs in an <Enqueue> waitUrl document.');
      return { verb: 'Leave' };
    default:
      noContent(node, fail);
      return { verb: 'Hangup' };
  }
}

function readSpoken(node: XmlNode, a: Attributes, fail: Fail): SpokenVerb {
  if (node.children.length > 0) fail(`<${node.name}> holds only text (SSML is not portable).`);
  switch (node.name) {
    case 'Say': {
      if (node.text.trim() === '') fail('<Say> says nothing.');
      return {
        verb: 'Say',
        text: node.text,
        ...optional('voice', a.text('voice')),
        ...optional('language', a.text('language')),
        loop: a.integer('loop', 0, 1000) ?? 1,
      };
    }
    case 'Play':
      a.text('digits');
      return {
        verb: 'Play',
        url: absoluteUrl(node.text.trim(), '<Play>', fail),
        loop: a.integer('loop', 0, 1000) ?? 1,
      };
    default:
      noContent(node, fail);
      return { verb: 'Pause', length: a.integer('length', 1, 600) ?? 1 };
  }
}

function noContent(node: XmlNode, fail: Fail): void {
  if (node.children.length > 0 || node.text.trim() !== '') fail(`<${node.name}> holds nothing.`);
}

function absoluteUrl(value: string, where: string, fail: Fail): string {
  if (!/^https?:\/\/[^\s/?#]+[^\s]*$/i.test(value)) fail(`${where} needs an absolute http(s) URL, not "${value}".`);
  return value;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

class Attributes {
  constructor(
    private readonly node: XmlNode,
    private readonly fail: Fail,
  ) {}

  text(name: string): string | undefined {
    return this.node.attributes[name];
  }

  url(name: string): string | undefined {
    const value = this.text(name);
    return value === undefined ? undefined : absoluteUrl(value, `<${this.node.name} ${name}>`, this.fail);
  }

  method(name: string): HttpMethod {
    const value = this.text(name) ?? 'POST';
    if (value !== 'GET' && value !== 'POST') this.fail(`<${this.node.name} ${name}="${value}">: GET or POST.`);
    return value;
  }

  integer(name: string, min: number, max: number): number | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      this.fail(`<${this.node.name} ${name}="${value}">: a whole number from ${min} to ${max} on this carrier.`);
    }
    return n;
  }

  boolean(name: string, alternatives: readonly string[] = []): boolean | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    if (value === 'true') return true;
    if (value === 'false') return false;
    if (alternatives.includes(value)) return true;
    return this.fail(`<${this.node.name} ${name}="${value}">: true or false.`);
  }
}
