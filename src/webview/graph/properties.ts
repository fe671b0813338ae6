/**
 * The properties panel of the selected step, built from the JSON Schema of its type: a label
 * and the schema's description for each field, the core's problems of the step, and real
 * controls where a form beats text (a weekly hours grid, holiday dates, a time-zone search,
 * the menu's keys, a queue list, a checked phone number, prompt variables, http `save`).
 * Each change is one setField edit; the YAML stays the source.
 */
import flowVersionSchema from '../../../schemas/flow-version.schema.json';
import { CALLER_ID_KEYWORDS } from '../../core/model';
import { branchDrafts } from '../../core/flowEdits/branchDrafts';
import { EXIT_FIELDS } from '../../core/validation/flowSteps';
import type { FieldValue } from '../../core/flowEdits/fields';
import { enumSelect, listInput, phoneField, pickerData, promptField, stepSelect, zones } from './fieldControls';
import { conditionBranches, holidayList, hoursGrid, menuOptions, pairTable } from './fieldTables';
import { element } from './htmlDom';
import { deselect } from './canvasInput';
import { byId, editable, page, requestEdit } from './state';

export { pickerData } from './fieldControls';

interface PropertySchema {
  type?: string | string[];
  description?: string;
  enum?: string[];
  default?: unknown;
}
interface TypeSchema {
  title?: string;
  description?: string;
  properties?: Record<string, PropertySchema>;
  required?: string[];
}

const panel = byId('properties');
let shownStep: string | null = null;
/** The fields the panel was built from: when the step's fields change (an edit landed), it is built again. */
let shownFields = '';

export function showProperties(): void {
  const node = page.selected ? page.nodesById.get(page.selected) : undefined;
  if (!node || node.missing || !node.fields) {
    panel.hidden = true;
    shownStep = null;
    return;
  }
  panel.hidden = false;
  const fields = node.fields;
  const fieldsText = JSON.stringify(fields);
  // A redraw with the same fields (the graph moved, a problem changed) keeps the panel and the field the admin is in.
  if (shownStep === node.id && shownFields === fieldsText) {
    renderProblems();
    return;
  }
  const refocus = shownStep === node.id ? focusedControl() : undefined;
  shownStep = node.id;
  shownFields = fieldsText;
  const schema = (flowVersionSchema.definitions as Record<string, TypeSchema>)[node.type];
  const title = element('h2', { class: 'properties-title' }, `${node.id}`);
  const close = element(
    'button',
    { type: 'button', class: 'properties-close', title: 'Close (Esc)', 'aria-label': 'Close the properties' },
    '×',
  );
  close.addEventListener('click', () => deselect());
  const heading = element('div', { class: 'properties-header' });
  heading.append(title, close);
  const subtitle = element('p', { class: 'properties-help' }, schema?.description ?? `${node.type} step`);
  const problems = element('ul', { id: 'properties-problems', class: 'properties-problems' });
  const form = element('form', { class: 'properties-form', 'aria-label': `Properties of ${node.id}` });
  form.addEventListener('submit', (e) => e.preventDefault());
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    if (name === 'type') continue;
    form.appendChild(
      fieldRow(node.id, node.type, name, property, fields[name], schema?.required?.includes(name) ?? false),
    );
  }
  panel.replaceChildren(heading, subtitle, problems, form);
  renderProblems();
  refocus?.();
}

/**
 * How to find the control the admin is in once the panel is built again (by its id or its label),
 * falling back to the panel itself so the keyboard stays in the page.
 */
function focusedControl(): (() => void) | undefined {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !panel.contains(active)) return undefined;
  const id = active.id;
  const label = active.getAttribute('aria-label');
  return () => {
    const again =
      (id && document.getElementById(id)) ||
      (label && panel.querySelector<HTMLElement>(`[aria-label="${CSS.escape(label)}"]`)) ||
      null;
    (again instanceof HTMLElement ? again : panel).focus({ preventScroll: true });
  };
}

function renderProblems(): void {
  const node = page.selected ? page.nodesById.get(page.selected) : undefined;
  const list = document.getElementById('properties-problems');
  if (!list || !node) return;
  list.replaceChildren(
    ...node.problems.map((p) => element('li', { class: `file-problem file-problem-${p.severity}` }, p.message)),
  );
}

function fieldRow(
  step: string,
  type: string,
  name: string,
  property: PropertySchema,
  value: unknown,
  required: boolean,
): HTMLElement {
  const id = `field-${name}`;
  const row = element('div', { class: 'field' });
  const label = element('label', { for: id, class: 'field-label' }, `${name}${required ? ' *' : ''}`);
  const help = element('p', { id: `${id}-help`, class: 'field-help' }, property.description ?? '');
  const set = (next: FieldValue | undefined): void => {
    if (!editable()) return;
    requestEdit({ kind: 'setField', step, field: name, ...(next === undefined ? {} : { value: next }) });
  };
  const clearable = (text: string): FieldValue | undefined => (text === '' && !required ? undefined : text);
  let control: HTMLElement;
  if ((EXIT_FIELDS[type] ?? []).includes(name))
    control = stepSelect(
      id,
      typeof value === 'string' ? value : '',
      (t) => set(t || undefined),
      // An unset holiday exit is not a hang-up: holidays take the closed step (docs/flow-format.md section 4).
      type === 'business-hours' && name === 'holiday' ? '(not connected: holidays use the closed step)' : undefined,
    );
  else if (name === 'options') control = menuOptions(asRecord(value), set);
  else if (name === 'hours') control = hoursGrid(asRecord(value), set);
  else if (name === 'holidays')
    control = holidayList(Array.isArray(value) ? value.map(String) : [], (list) => set(list.length ? list : undefined));
  else if (name === 'save' || name === 'values')
    control = pairTable(asRecord(value), name === 'save' ? 'JSON path' : 'value', (map) =>
      set(Object.keys(map).length ? map : undefined),
    );
  else if (name === 'branches') control = conditionBranches(step, branchDrafts(value));
  else if (name === 'say' || name === 'body')
    control = promptField(id, typeof value === 'string' ? value : '', (t) => set(clearable(t)));
  else if (name === 'to') control = phoneField(id, typeof value === 'string' ? value : '', (t) => set(t));
  else if (name === 'caller-id')
    control = listInput(id, typeof value === 'string' ? value : '', 'caller-ids', CALLER_ID_KEYWORDS, (t) =>
      set(clearable(t)),
    );
  else if (name === 'timezone')
    control = listInput(id, typeof value === 'string' ? value : '', 'timezones', zones(), (t) => set(t));
  else if (name === 'queue')
    control = listInput(id, typeof value === 'string' ? value : '', 'queues', pickerData.queues, (t) =>
      set(clearable(t)),
    );
  else if (property.enum)
    control = enumSelect(id, property.enum, typeof value === 'string' ? value : '', (t) => set(t));
  else if (property.type === 'number' || property.type === 'integer') {
    const input = element('input', {
      id,
      type: 'number',
      value: typeof value === 'number' ? String(value) : '',
      placeholder: typeof property.default === 'number' ? String(property.default) : '',
    }) as HTMLInputElement;
    input.addEventListener('change', () => set(input.value === '' ? undefined : Number(input.value)));
    control = input;
  } else {
    const input = element('input', {
      id,
      type: 'text',
      value: typeof value === 'string' ? value : '',
    }) as HTMLInputElement;
    input.addEventListener('change', () => set(clearable(input.value)));
    control = input;
  }
  control.setAttribute('aria-describedby', `${id}-help`);
  row.append(label, control, help);
  return row;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
