import { isTimeZone } from '../validation/timeRules';
import { stringify } from 'yaml';
import { InvalidInputError } from '../errors';
import { DEFAULT_SETTINGS, type WorkspaceSettings } from '../model';
import { printable } from '../ids';
import { parsePlainYaml } from '../yamlText';
import { parseEnvironments } from './environments';

export const SETTINGS_FILE = 'callflow.yaml';

// One folder name: no `.`/`..`, no leading dash, nothing a shell, a pathspec or a ref would read specially.
const PATH_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/;
// A tag prefix becomes the first components of `<prefix>/<flow-id>/v<N>`: keep it to plain ref components.
const REF_COMPONENT = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,49}$/;

export function validateFlowsDir(value: string): string | undefined {
  const segments = value.split('/');
  if (value.length === 0 || value.length > 200) return 'flowsDir must be a relative folder path.';
  for (const segment of segments) {
    if (!PATH_SEGMENT.test(segment) || segment.endsWith('.')) {
      return `flowsDir "${printable(value)}" must be a relative folder path of letters, digits, "_", "-" and "." (no "..", no leading "/").`;
    }
  }
  return undefined;
}

export function validateTagPrefix(value: string): string | undefined {
  const segments = value.split('/');
  if (segments.length > 4 || !segments.every((s) => REF_COMPONENT.test(s))) {
    return `tagPrefix "${printable(value)}" must be one or more "/"-separated words of letters, digits, "_" and "-".`;
  }
  return undefined;
}

export function validateTimezone(value: string): string | undefined {
  if (isTimeZone(value)) return undefined;
  return `timezone "${printable(value)}" is not a time zone. Use an IANA name such as America/New_York or Europe/London.`;
}

/** Reads callflow.yaml; a missing or empty file means all defaults. */
export function parseSettings(text: string | undefined): WorkspaceSettings {
  if (text === undefined || text.trim() === '') return { ...DEFAULT_SETTINGS };
  const parsed = parsePlainYaml(text);
  if ('error' in parsed) {
    throw new InvalidInputError(
      'invalid-settings',
      `${SETTINGS_FILE} is not valid YAML: ${parsed.error}.`,
      'Fix callflow.yaml and try again.',
    );
  }
  const raw = parsed.value;
  if (raw === null || raw === undefined) return { ...DEFAULT_SETTINGS };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InvalidInputError(
      'invalid-settings',
      `${SETTINGS_FILE} must be a map of settings.`,
      'See the flowsDir, tagPrefix and timezone settings in the docs.',
    );
  }
  const record = raw as Record<string, unknown>;
  const settings: WorkspaceSettings = { ...DEFAULT_SETTINGS };
  const problem = (message: string): never => {
    throw new InvalidInputError('invalid-settings', `${SETTINGS_FILE}: ${message}`, 'Fix callflow.yaml and try again.');
  };
  if (record.flowsDir !== undefined) {
    if (typeof record.flowsDir !== 'string') problem('flowsDir must be text.');
    const p = validateFlowsDir(record.flowsDir as string);
    if (p) problem(p);
    settings.flowsDir = (record.flowsDir as string).replace(/\/+$/, '');
  }
  if (record.tagPrefix !== undefined) {
    if (typeof record.tagPrefix !== 'string') problem('tagPrefix must be text.');
    const p = validateTagPrefix(record.tagPrefix as string);
    if (p) problem(p);
    settings.tagPrefix = record.tagPrefix as string;
  }
  if (record.timezone !== undefined) {
    const p =
      typeof record.timezone === 'string'
        ? validateTimezone(record.timezone)
        : 'timezone must be an IANA time zone such as America/New_York.';
    if (p) problem(p);
    settings.timezone = record.timezone as string;
  }
  if (record.environments !== undefined) settings.environments = parseEnvironments(record.environments, problem);
  return settings;
}

export function serializeSettings(settings: Partial<WorkspaceSettings>): string {
  const header =
    '# Call Flow Studio workspace. All settings are optional:\n' +
    '#   flowsDir: flows        # where flows/<flow-id>/ folders live\n' +
    '#   tagPrefix: callflow    # publish tags are <tagPrefix>/<flow-id>/v<N>\n' +
    '#   timezone: America/New_York   # default time zone of new flows\n';
  const body: Record<string, string> = {};
  if (settings.flowsDir !== undefined && settings.flowsDir !== DEFAULT_SETTINGS.flowsDir)
    body.flowsDir = settings.flowsDir;
  if (settings.tagPrefix !== undefined && settings.tagPrefix !== DEFAULT_SETTINGS.tagPrefix)
    body.tagPrefix = settings.tagPrefix;
  if (settings.timezone !== undefined) body.timezone = settings.timezone;
  return header + (Object.keys(body).length > 0 ? stringify(body) : '');
}
