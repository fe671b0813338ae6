/**
 * The properties panel of the selected step, built from the JSON Schema of its type: a label
 * and the schema's description for each field, the core's problems of the step, and real
 * controls where a form beats text (a weekly hours grid, holiday dates, a time-zone search,
 * the menu's keys, a queue list, a checked phone number, prompt variables, http `save`).
 * Each change is one setField edit; the YAML stays the source.
 */
import flowVersionSchema from '../../../schemas/flow-version.schema.json';
import { E164_PATTERN } from '../../core/ids';
import { CALLER_ID_KEYWORDS, CONDITION_OPERATORS, MENU_KEYS } from '../../core/model';
import { branchDrafts, type BranchDraft } from '../../core/flowEdits/branchDrafts';
import { EXIT_FIELDS } from '../../core/validation/flowSteps';
import type { FieldValue } from '../../core/flowEdits/fields';
import { deselect } from './main';
import { byId, editable, page, requestEdit } from './state';

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
const DAY_KEYS = ['mon-fri', 'sat-sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'mon-sun'];
let shownStep: string | null = null;
/** The fields the panel was built from: when the step's fields change (an edit landed), it is built again. */
let shownFields = '';
let timeZones: string[] | undefined;

/** Context the extension sends with the graph: what the pickers offer. */
export const pickerData = { queues: [] as string[], variables: [] as string[] };

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

/**
 * A time or date input is written when the admin leaves it or presses Enter, not at each keystroke:
 * the browser gives it a value as soon as its segments are complete (typing 12/25/2026 passes
 * through 0002-12-25), so only the finished value is committed, once. A field left unfinished
 * (the browser's value is then empty) changes nothing: a row is removed with its × button.
 */
function commitOnLeave(input: HTMLInputElement, commit: (value: string) => void): void {
  let committed = input.value;
  const done = (): void => {
    if (input.value === committed || input.value === '') return;
    committed = input.value;
    commit(input.value);
  };
  input.addEventListener('blur', done);
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    done();
  });
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

function stepSelect(
  id: string,
  value: string,
  change: (target: string) => void,
  unsetLabel = '(not connected: the call hangs up)',
): HTMLSelectElement {
  const select = element('select', { id }) as HTMLSelectElement;
  const steps = (page.graph?.nodes ?? []).filter((node) => !node.missing).map((node) => node.id);
  const shown = (): HTMLOptionElement =>
    steps.includes(value) ? option(value, value) : option(value, `${value} (missing)`);
  select.appendChild(option('', unsetLabel));
  if (value) select.appendChild(shown());
  // A menu's table has a list per key, each of every step: they are filled when one is used, not at each redraw.
  let filled = false;
  const fill = (): void => {
    if (filled) return;
    filled = true;
    select.replaceChildren(option('', unsetLabel), ...steps.map((step) => option(step, step)));
    if (value && !steps.includes(value)) select.appendChild(shown());
    select.value = value;
  };
  for (const event of ['focus', 'pointerdown', 'mousedown', 'keydown']) select.addEventListener(event, fill);
  select.value = value;
  select.addEventListener('change', () => change(select.value));
  return select;
}

function enumSelect(id: string, values: string[], value: string, change: (v: string) => void): HTMLSelectElement {
  const select = element('select', { id }) as HTMLSelectElement;
  for (const v of values) select.appendChild(option(v, v));
  select.value = value;
  select.addEventListener('change', () => change(select.value));
  return select;
}

function listInput(
  id: string,
  value: string,
  listId: string,
  values: readonly string[],
  change: (v: string) => void,
): HTMLElement {
  const wrap = element('div', { class: 'field-control' });
  const input = element('input', {
    id,
    type: 'text',
    value,
    list: `${listId}-list`,
    autocomplete: 'off',
  }) as HTMLInputElement;
  const list = element('datalist', { id: `${listId}-list` });
  for (const v of values) list.appendChild(option(v, v));
  input.addEventListener('change', () => change(input.value));
  wrap.append(input, list);
  return wrap;
}

function zones(): string[] {
  if (!timeZones) {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    timeZones = intl.supportedValuesOf?.('timeZone') ?? ['UTC'];
  }
  return timeZones;
}

function phoneField(id: string, value: string, change: (v: string) => void): HTMLElement {
  const wrap = element('div', { class: 'field-control' });
  const input = element('input', {
    id,
    type: 'tel',
    value,
    placeholder: '+14155550100',
    inputmode: 'tel',
  }) as HTMLInputElement;
  const check = element('p', { class: 'field-check', role: 'status' });
  const validate = (): void => {
    const ok = E164_PATTERN.test(input.value);
    input.setAttribute('aria-invalid', String(!ok));
    check.textContent = ok
      ? 'A valid E.164 number.'
      : 'Not an E.164 number yet: + then the country code and number, digits only (e.g. +14155550100).';
    check.className = `field-check ${ok ? 'ok' : 'bad'}`;
  };
  input.addEventListener('input', validate);
  input.addEventListener('change', () => change(input.value));
  validate();
  wrap.append(input, check);
  return wrap;
}

function promptField(id: string, value: string, change: (v: string) => void): HTMLElement {
  const wrap = element('div', { class: 'field-control' });
  const area = element('textarea', { id, rows: '3' }) as HTMLTextAreaElement;
  area.value = value;
  area.addEventListener('change', () => change(area.value));
  const chips = element('div', { class: 'variable-chips', role: 'group', 'aria-label': 'Insert a variable' });
  for (const variable of pickerData.variables) {
    const chip = element(
      'button',
      { type: 'button', class: 'variable-chip', title: `Insert {{${variable}}}` },
      `{{${variable}}}`,
    );
    chip.addEventListener('click', () => {
      const at = area.selectionStart ?? area.value.length;
      area.value = `${area.value.slice(0, at)}{{${variable}}}${area.value.slice(area.selectionEnd ?? at)}`;
      change(area.value);
    });
    chips.appendChild(chip);
  }
  wrap.append(area, chips);
  return wrap;
}

function menuOptions(value: Record<string, unknown>, change: (v: FieldValue) => void): HTMLElement {
  const table = element('table', { class: 'field-table', 'aria-label': 'Keys and the step each leads to' });
  const entries = Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : ''] as [string, string]);
  const commit = (): void => change(Object.fromEntries(entries.filter(([k, t]) => k && t)));
  table.appendChild(headerRow('key', 'leads to', ''));
  entries.forEach((entry, i) => {
    const key = enumSelect(`option-key-${i}`, [...MENU_KEYS], entry[0], (k) => ((entry[0] = k), commit()));
    key.setAttribute('aria-label', `Key of option ${i + 1}`);
    const target = stepSelect(`option-step-${i}`, entry[1], (t) => ((entry[1] = t), commit()));
    target.setAttribute('aria-label', `Step key ${entry[0]} leads to`);
    table.appendChild(
      row(
        key,
        target,
        removeButton(`Remove key ${entry[0]}`, () => (entries.splice(i, 1), commit())),
      ),
    );
  });
  const free = MENU_KEYS.find((k) => !(k in value));
  if (free)
    table.appendChild(row(addButton(`Add key ${free}`, () => change({ ...onlyStrings(value), [free]: firstStep() }))));
  return table;
}

/**
 * A condition's branches, tried in order: each a variable (the flow's, offered from the variables
 * it defines), an operator and a value, and the step it leads to; added, removed and moved up or
 * down here, written as one edit each. `else` is the exit field below.
 */
function conditionBranches(step: string, drafts: BranchDraft[]): HTMLElement {
  const wrap = element('div', { class: 'field-control' });
  const table = element('table', { class: 'field-table branches', 'aria-label': 'Branches, tried in order' });
  const commit = (next: BranchDraft[]): void => {
    if (editable()) requestEdit({ kind: 'setBranches', step, branches: next });
  };
  const list = element('datalist', { id: 'variables-list' });
  for (const v of pickerData.variables) list.appendChild(option(v, v));
  table.appendChild(headerRow('if variable', 'is', 'value', 'go to', ''));
  drafts.forEach((draft, i) => {
    const n = i + 1;
    const update = (change: Partial<BranchDraft>): void =>
      commit(drafts.map((d, j) => (j === i ? { ...d, ...change } : d)));
    const variable = element('input', {
      type: 'text',
      value: draft.variable,
      list: 'variables-list',
      autocomplete: 'off',
      placeholder: 'variable',
      'aria-label': `Variable of branch ${n}`,
    }) as HTMLInputElement;
    variable.addEventListener('change', () => update({ variable: variable.value.trim() }));
    const operator = enumSelect(`branch-op-${i}`, [...CONDITION_OPERATORS], draft.operator, (op) =>
      update({ operator: op as BranchDraft['operator'] }),
    );
    operator.setAttribute('aria-label', `Operator of branch ${n}`);
    const test = element('input', {
      type: 'text',
      value: draft.value,
      placeholder: draft.operator === 'in' ? 'a, b, c' : 'value',
      'aria-label': `Value of branch ${n}`,
    }) as HTMLInputElement;
    test.addEventListener('change', () => update({ value: test.value }));
    const next = stepSelect(`branch-next-${i}`, draft.next ?? '', (t) => update({ next: t || undefined }));
    next.setAttribute('aria-label', `Step branch ${n} leads to`);
    const moves = element('div', { class: 'branch-moves' });
    const move = (to: number): void => {
      const reordered = [...drafts];
      const [moved] = reordered.splice(i, 1);
      reordered.splice(to, 0, moved!);
      commit(reordered);
    };
    if (i > 0) moves.appendChild(iconButton('↑', `Move branch ${n} up`, () => move(i - 1)));
    if (i < drafts.length - 1) moves.appendChild(iconButton('↓', `Move branch ${n} down`, () => move(i + 1)));
    moves.appendChild(removeButton(`Remove branch ${n}`, () => commit(drafts.filter((_, j) => j !== i))));
    table.appendChild(row(variable, operator, test, next, moves));
  });
  table.appendChild(
    row(
      addButton('Add a branch', () =>
        commit([...drafts, { variable: pickerData.variables[0] ?? '', operator: 'equals', value: '' }]),
      ),
    ),
  );
  wrap.append(table, list);
  return wrap;
}

function iconButton(text: string, label: string, run: () => void): HTMLElement {
  const button = element('button', { type: 'button', class: 'field-move', 'aria-label': label, title: label }, text);
  button.addEventListener('click', run);
  return button;
}

function hoursGrid(value: Record<string, unknown>, change: (v: FieldValue) => void): HTMLElement {
  const table = element('table', { class: 'field-table', 'aria-label': 'Opening hours by day' });
  const entries = Object.entries(value).map(
    ([days, ranges]) => [days, Array.isArray(ranges) ? ranges.map(String) : []] as [string, string[]],
  );
  const commit = (): void => change(Object.fromEntries(entries.filter(([d]) => d)));
  table.appendChild(headerRow('days', 'open (from–to, several allowed)', ''));
  entries.forEach((entry, i) => {
    const days = enumSelect(
      `hours-days-${i}`,
      [...new Set([entry[0], ...DAY_KEYS])],
      entry[0],
      (d) => ((entry[0] = d), commit()),
    );
    days.setAttribute('aria-label', `Days of row ${i + 1}`);
    const ranges = element('div', { class: 'ranges' });
    entry[1].forEach((range, r) => {
      const [from = '', to = ''] = range.split('-');
      const start = element('input', {
        type: 'time',
        value: from,
        'aria-label': `${entry[0]} opens at`,
      }) as HTMLInputElement;
      const end = element('input', {
        type: 'time',
        value: to,
        'aria-label': `${entry[0]} closes at`,
      }) as HTMLInputElement;
      const update = (): void => {
        entry[1][r] = `${start.value}-${end.value}`;
        commit();
      };
      commitOnLeave(start, update);
      commitOnLeave(end, update);
      ranges.append(
        start,
        end,
        removeButton(`Remove ${range} on ${entry[0]}`, () => (entry[1].splice(r, 1), commit())),
      );
    });
    ranges.appendChild(addButton(`Add hours on ${entry[0]}`, () => (entry[1].push('09:00-17:00'), commit())));
    table.appendChild(
      row(
        days,
        ranges,
        removeButton(`Remove ${entry[0]}`, () => (entries.splice(i, 1), commit())),
      ),
    );
  });
  const unused = DAY_KEYS.find((d) => !(d in value));
  if (unused)
    table.appendChild(row(addButton(`Add ${unused}`, () => (entries.push([unused, ['09:00-17:00']]), commit()))));
  return table;
}

function holidayList(value: string[], change: (v: string[]) => void): HTMLElement {
  const list = element('div', { class: 'field-list', role: 'group', 'aria-label': 'Holidays' });
  const dates = [...value];
  dates.forEach((date, i) => {
    const input = element('input', { type: 'date', value: date, 'aria-label': `Holiday ${i + 1}` }) as HTMLInputElement;
    commitOnLeave(input, (value) => {
      dates[i] = value;
      change(dates.filter(Boolean));
    });
    list.append(
      input,
      removeButton(`Remove ${date}`, () => (dates.splice(i, 1), change(dates))),
    );
  });
  const add = element('input', { type: 'date', 'aria-label': 'Add a holiday' }) as HTMLInputElement;
  commitOnLeave(add, (value) => change([...dates, value]));
  list.appendChild(add);
  return list;
}

function pairTable(
  value: Record<string, unknown>,
  valueName: string,
  change: (v: Record<string, FieldValue>) => void,
): HTMLElement {
  const table = element('table', { class: 'field-table', 'aria-label': `Variable and ${valueName}` });
  const entries = Object.entries(value).map(
    ([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as [string, string],
  );
  const commit = (): void => change(Object.fromEntries(entries.filter(([k]) => k)));
  table.appendChild(headerRow('variable', valueName, ''));
  const rowOf = (entry: [string, string], i: number): HTMLElement => {
    const key = element('input', {
      type: 'text',
      value: entry[0],
      'aria-label': `Variable ${i + 1}`,
    }) as HTMLInputElement;
    const val = element('input', {
      type: 'text',
      value: entry[1],
      'aria-label': `${valueName} of ${entry[0] || `row ${i + 1}`}`,
    }) as HTMLInputElement;
    key.addEventListener('change', () => ((entry[0] = key.value), commit()));
    val.addEventListener('change', () => ((entry[1] = val.value), commit()));
    return row(
      key,
      val,
      removeButton(`Remove ${entry[0]}`, () => (entries.splice(i, 1), commit())),
    );
  };
  entries.forEach((entry, i) => table.appendChild(rowOf(entry, i)));
  table.appendChild(
    row(addButton('Add a row', () => table.insertBefore(rowOf(blank(entries), entries.length - 1), table.lastChild))),
  );
  return table;
}

function blank(entries: Array<[string, string]>): [string, string] {
  const entry: [string, string] = ['', ''];
  entries.push(entry);
  return entry;
}

function onlyStrings(value: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

function firstStep(): string {
  return page.graph?.nodes.find((n) => !n.missing)?.id ?? '';
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function headerRow(...cells: string[]): HTMLElement {
  const tr = element('tr');
  for (const cell of cells) tr.appendChild(element('th', { scope: 'col' }, cell));
  return tr;
}

function row(...cells: HTMLElement[]): HTMLElement {
  const tr = element('tr');
  for (const cell of cells) {
    const td = element('td');
    td.appendChild(cell);
    tr.appendChild(td);
  }
  return tr;
}

function addButton(label: string, run: () => void): HTMLElement {
  const button = element('button', { type: 'button', class: 'field-add' }, `+ ${label}`);
  button.addEventListener('click', run);
  return button;
}

function removeButton(label: string, run: () => void): HTMLElement {
  const button = element('button', { type: 'button', class: 'field-remove', 'aria-label': label, title: label }, '×');
  button.addEventListener('click', run);
  return button;
}

function option(value: string, text: string): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  return o;
}

function element(tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  if (text !== undefined) el.textContent = text;
  return el;
}
