/**
 * What a step dropped from the palette starts as. Fields that decide where a live call goes
 * (the number, the queue, the flow, the URL) and what callers hear start empty, so validation
 * asks for them before the draft can be published: a placeholder never reaches a caller.
 */
import { STEP_TYPES, type StepType } from '../model';
import { STEP_ID_PATTERN } from '../ids';
import flowVersionSchema from '../../../schemas/flow-version.schema.json';

export interface StepTemplateOptions {
  /** IANA zone for a business-hours step (the workspace's default zone). */
  timezone?: string;
}

/**
 * Field lines of a new step of `type`, below `type:`, as [key, YAML value] (exits are added by
 * the caller). A value's further lines (after `\n`) are indented one level below its key.
 */
export function templateFields(type: StepType, options: StepTemplateOptions = {}): Array<[string, string]> {
  switch (type) {
    case 'play':
      return [['say', '""']];
    case 'menu':
      return [['say', '""']];
    case 'collect':
      return [
        ['say', '""'],
        ['variable', 'digits'],
      ];
    case 'condition':
      // One branch to fill in: with an empty variable it is an error, so it cannot go live as it is.
      return [['branches', '\n- when: { variable: "", equals: "" }']];
    case 'business-hours':
      return [
        ['timezone', options.timezone ?? 'America/New_York'],
        ['hours', '{ mon-fri: ["09:00-17:00"] }'],
      ];
    case 'set':
      return [['values', '{}']];
    case 'assign-dial':
      return [['queue', '""']];
    case 'transfer':
      return [['to', '""']];
    case 'voicemail':
      return [['say', '""']];
    case 'callback':
      return [
        ['say', '""'],
        ['queue', '""'],
      ];
    case 'http':
      return [
        ['method', 'GET'],
        ['url', '""'],
      ];
    case 'goto-flow':
      return [['flow', '""']];
    case 'hangup':
      return [];
  }
}

export function isStepTypeName(value: string): value is StepType {
  return (STEP_TYPES as readonly string[]).includes(value);
}

/** `play-1`, `play-2`, …: the first id of that form no step has. */
export function freshStepId(type: StepType, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${type}-${n}`;
    if (!taken.has(id) && STEP_ID_PATTERN.test(id)) return id;
  }
}

/** Each type's title in the schema (`Play a message`): the palette's and the quick pick's words. */
export function stepTypeTitle(type: StepType): string {
  const definition = (flowVersionSchema.definitions as Record<string, { title?: string; description?: string }>)[type];
  return definition?.title ?? type;
}

/** What a step of the type does, from the schema. */
export function stepTypeDescription(type: StepType): string {
  const definition = (flowVersionSchema.definitions as Record<string, { title?: string; description?: string }>)[type];
  return definition?.description ?? '';
}
