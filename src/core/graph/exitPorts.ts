/** The exit ports of a step on the canvas: every exit its type has (docs/flow-format.md section 4), set or not. */
import { MENU_KEYS } from '../model';
import { asRecord, EXIT_FIELDS, type StepFields } from '../validation/flowSteps';
import type { GraphPort } from './types';

export function exitPorts(type: string | undefined, step: StepFields | undefined): GraphPort[] {
  if (!type || !step) return [];
  const ports: GraphPort[] = [];
  const port = (exit: string, label: string, target: unknown): GraphPort =>
    typeof target === 'string' && target !== '' ? { exit, label, target } : { exit, label };
  if (type === 'menu') {
    const options = asRecord(step.options) ?? {};
    for (const [key, target] of Object.entries(options)) ports.push(port(`options.${key}`, key, target));
    const free = MENU_KEYS.find((key) => !(key in options));
    if (free) ports.push({ exit: `options.${free}`, label: '+', adds: true });
  }
  if (type === 'condition' && Array.isArray(step.branches)) {
    step.branches.forEach((branch, index) =>
      ports.push(port(`branches.${index}`, String(index + 1), asRecord(branch)?.next)),
    );
  }
  for (const field of EXIT_FIELDS[type] ?? []) ports.push(port(field, field, step[field]));
  return ports;
}
