/**
 * Hover: a field's documentation from the schemas; on a step id, the step (type, summary,
 * exits); on a variable, where it is set; on a time zone, the time there now; on a
 * business-hours step, its schedule in words.
 */
import { isTimeZone } from '../validation';
import type { FileKind } from '../validation/schemaRegistry';
import { cursorContext } from './cursor';
import { stepKeyAt, type FlowOutline, type OutlineStep } from './flowOutline';
import { flowOutlineOf, type LanguageFile } from './languageFile';
import { stepIdAt } from './navigation';
import { scheduleInWords } from './schedule';
import { describe, schemaAt, stepTypeSchema } from './schemaDocs';
import { valueAt, variableAt } from './textAt';
import type { TextSpan } from './types';
import type { EnvironmentSettings } from '../model';

export interface HoverResult {
  span: TextSpan;
  /** Markdown. */
  contents: string;
}

const SCHEMA_KIND: Partial<Record<LanguageFile['role']['kind'], FileKind>> = {
  version: 'flow',
  manifest: 'manifest',
  numbers: 'numbers',
  settings: 'settings',
};

export function hover(file: LanguageFile, offset: number, now: Date = new Date()): HoverResult | undefined {
  if (file.role.kind === 'version') {
    const outline = flowOutlineOf(file);
    const variable = variableAt(file.text, offset);
    if (variable)
      return { span: variable.span, contents: variableDoc(outline, variable.name, file.index?.environments ?? []) };
    const at = stepIdAt(outline, offset);
    if (at) {
      const step = outline.stepById.get(at.id);
      const isKey = stepKeyAt(outline, offset) !== undefined;
      return {
        span: at.span,
        contents: step ? stepDoc(step, outline, isKey) : `No step \`${at.id}\` in this flow.`,
      };
    }
  }
  const value = valueAt(file.text, offset);
  if (value?.key === 'timezone' && isTimeZone(value.text))
    return { span: value.span, contents: timeZoneDoc(value.text, now) };
  return fieldHover(file, offset);
}

function stepDoc(step: OutlineStep, outline: FlowOutline, withUses: boolean): string {
  const schema = step.type ? stepTypeSchema(step.type) : undefined;
  const lines = [`**${step.id}** · \`${step.type ?? 'no type'}\`${schema?.title ? ` — ${schema.title}` : ''}`];
  if (step.summary) lines.push('', step.summary);
  if (step.type === 'business-hours') lines.push('', scheduleInWords(step.fields));
  const exits = outline.references.filter((r) => r.from === step.id);
  if (exits.length > 0) lines.push('', `Exits: ${exits.map((e) => `${e.exit} → \`${e.target}\``).join(', ')}`);
  if (withUses) {
    const uses = outline.references.filter((r) => r.target === step.id);
    lines.push(
      '',
      uses.length === 0
        ? 'Nothing leads here.'
        : `Reached from ${uses.map((u) => (u.from ? `\`${u.from}\` (${u.exit})` : 'start')).join(', ')}`,
    );
  }
  return lines.join('\n');
}

function variableDoc(outline: FlowOutline, name: string, environments: readonly EnvironmentSettings[]): string {
  const environmentValue = /^env\.(.+)$/.exec(name)?.[1];
  if (environmentValue !== undefined) {
    if (environments.length === 0)
      return `\`${name}\`: an environment value, but callflow.yaml defines no environments.`;
    const rows = environments.map(
      (e) =>
        `| ${e.name} | ${Object.hasOwn(e.values, environmentValue) ? `\`${e.values[environmentValue]}\`` : '*no value*'} |`,
    );
    return [`\`${name}\`: an environment value.`, '', '| environment | value |', '|---|---|', ...rows].join('\n');
  }
  if (name.startsWith('secret.'))
    return `\`${name}\`: a secret, read from the runtime's environment variable \`${name.slice('secret.'.length)}\` when the request is made; never stored.`;
  const defined = outline.variables.get(name);
  if (!defined) return `\`${name}\`: no step sets this variable; it is empty in a call.`;
  if (!defined.step) return `\`${name}\`: built in, every call has it.`;
  return `\`${name}\`: set by the ${defined.how} step \`${defined.step}\`.`;
}

function timeZoneDoc(zone: string, now: Date): string {
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'shortOffset',
  }).format(now);
  return `**${zone}**: it is ${local} there now.`;
}

/** The schema's description of the key under the cursor (or of the step type a `type:` names). */
function fieldHover(file: LanguageFile, offset: number): HoverResult | undefined {
  const kind = SCHEMA_KIND[file.role.kind];
  if (!kind) return undefined;
  const lineStart = file.text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = file.text.indexOf('\n', offset);
  const line = file.text.slice(lineStart, lineEnd < 0 ? file.text.length : lineEnd);
  const match = /^(\s*(?:-\s+)*)(["']?)([^\s:"'#]+)\2\s*:/.exec(line);
  if (!match) return undefined;
  const keyStart = lineStart + match[1]!.length;
  const keyEnd = keyStart + match[2]!.length * 2 + match[3]!.length;
  const key = match[3]!;
  const context = cursorContext(file.text, keyStart);
  if (!context) return undefined;
  const stepId = kind === 'flow' && context.path[0] === 'steps' ? context.path[1] : undefined;
  const type = stepId ? flowOutlineOf(file).stepById.get(stepId)?.type : undefined;
  if (offset >= keyStart && offset <= keyEnd) {
    const schema = schemaAt(kind, [...context.path, key], type);
    const text = describe(schema);
    return text ? { span: { start: keyStart, end: keyEnd }, contents: `**${key}**: ${text}` } : undefined;
  }
  const value = valueAt(file.text, offset);
  if (key === 'type' && value && stepTypeSchema(value.text)) {
    const schema = stepTypeSchema(value.text)!;
    return { span: value.span, contents: `**${value.text}** — ${schema.title ?? ''}\n\n${describe(schema) ?? ''}` };
  }
  return undefined;
}
