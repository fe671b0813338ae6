/** The one line a node shows under its step id: what an admin needs to recognise the step. */
import { asRecord, type StepFields } from '../validation/flowSteps';
import { plural } from '../words';

const MAX_SUMMARY = 48;

export function stepSummary(type: string | undefined, step: StepFields | undefined): string {
  if (!step) return 'not a step definition';
  if (!type) return typeof step.type === 'string' ? `unknown type "${clip(step.type, 24)}"` : 'no type';
  switch (type) {
    case 'play':
    case 'menu':
    case 'collect':
    case 'voicemail':
    case 'hangup':
      return promptOf(step) ?? (type === 'collect' && typeof step.variable === 'string' ? `into ${step.variable}` : '');
    case 'callback':
      return text(step.queue) ? `queue ${text(step.queue)}` : (promptOf(step) ?? '');
    case 'condition': {
      const branches = Array.isArray(step.branches) ? step.branches.length : 0;
      return `${plural(branches, 'branch', 'branches')}${typeof step.else === 'string' ? ' + else' : ''}`;
    }
    case 'business-hours':
      return hoursSummary(step);
    case 'set': {
      const names = Object.keys(asRecord(step.values) ?? {});
      return names.length ? clip(`set ${names.join(', ')}`, MAX_SUMMARY) : 'sets nothing';
    }
    case 'assign-dial':
      return text(step.queue) ? `queue ${text(step.queue)}` : 'no queue';
    case 'transfer':
      return text(step.to) ? `to ${text(step.to)}` : 'no number';
    case 'http':
      return clip(`${text(step.method) ?? '?'} ${text(step.url) ?? ''}`.trim(), MAX_SUMMARY);
    case 'goto-flow':
      return text(step.flow) ? `to flow ${text(step.flow)}` : 'no flow';
    default:
      return '';
  }
}

/** `mon-fri 09:00-17:00, sat 10:00-13:00 · America/New_York`: the hours first, the box shows what fits. */
function hoursSummary(step: StepFields): string {
  const hours = Object.entries(asRecord(step.hours) ?? {})
    .map(([days, ranges]) => `${days} ${Array.isArray(ranges) ? ranges.map(String).join(' ') : '?'}`)
    .join(', ');
  const zone = text(step.timezone) ?? 'no timezone';
  return clip(hours ? `${hours} · ${zone}` : `no hours · ${zone}`, MAX_SUMMARY * 2);
}

/** The prompt's first words, or the audio file's name. */
function promptOf(step: StepFields): string | undefined {
  const say = text(step.say);
  if (say) return firstWords(say);
  const audio = text(step.audio);
  if (audio) return `audio ${clip(audio.split(/[\\/]/).pop() ?? audio, MAX_SUMMARY - 6)}`;
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Up to MAX_SUMMARY characters, cut at a word boundary when one is near. */
export function firstWords(value: string, max = MAX_SUMMARY): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

export function clip(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('')}…`;
}
