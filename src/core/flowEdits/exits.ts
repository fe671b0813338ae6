/**
 * Exits as the canvas names them: the part of a graph edge id after `<step>:` (see
 * ../graph/exitLabels), i.e. `next`, `no-input`, `options.3` (a menu key), `branches.0` (a
 * condition branch's `next`), `else`. docs/flow-format.md section 4 lists each type's exits.
 */
import { MENU_KEYS } from '../model';
import { EXIT_FIELDS } from '../validation/flowSteps';
import type { YamlPath } from './yamlEdits';

/** One exit of one step. */
export interface ExitRef {
  step: string;
  exit: string;
}

/** The path of the exit's value below the step: `options.3` → [options, "3"], `branches.0` → [branches, 0, next]. */
export function exitValuePath(exit: string): { parent: YamlPath; key: string } {
  const option = /^options\.(.+)$/.exec(exit);
  if (option) return { parent: ['options'], key: option[1]! };
  const branch = /^branches\.(\d+)$/.exec(exit);
  if (branch) return { parent: ['branches', Number(branch[1])], key: 'next' };
  return { parent: [], key: exit };
}

/** Whether a step of `type` can have the exit at all (a menu key must be one keypad key). */
export function isExitOf(type: string | undefined, exit: string): boolean {
  if (!type) return false;
  if (type === 'menu' && exit.startsWith('options.'))
    return (MENU_KEYS as readonly string[]).includes(exit.slice('options.'.length));
  if (type === 'condition' && /^branches\.\d+$/.test(exit)) return true;
  return (EXIT_FIELDS[type] ?? []).includes(exit);
}

/** The exit a new step takes over when it is dropped onto a line: the way "on" for its type. */
export const MAIN_EXIT: Record<string, string | undefined> = {
  play: 'next',
  menu: 'options.1',
  collect: 'next',
  condition: 'else',
  'business-hours': 'open',
  set: 'next',
  'assign-dial': 'no-answer',
  transfer: 'failed',
  voicemail: 'next',
  callback: 'next',
  http: 'success',
  'goto-flow': undefined,
  hangup: undefined,
};

/** How an admin reads the exit: `next`, `key 3`, `branch 1`. */
export function exitName(exit: string): string {
  const { parent, key } = exitValuePath(exit);
  if (parent[0] === 'options') return `key ${key}`;
  if (parent[0] === 'branches') return `branch ${Number(parent[1]) + 1}`;
  return key;
}
