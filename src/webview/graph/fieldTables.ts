/**
 * The panel's editors for fields that hold a table: a menu's keys, a condition's branches, the
 * weekly hours, the holiday dates, and name-value pairs (set's values, http's save). Rows are
 * added, changed and removed here; each change writes the whole field once.
 */
import { CONDITION_OPERATORS, MENU_KEYS } from '../../core/model';
import type { BranchDraft } from '../../core/flowEdits/branchDrafts';
import type { FieldValue } from '../../core/flowEdits/fields';
import { enumSelect, pickerData, stepSelect } from './fieldControls';
import { element, option } from './htmlDom';
import { editable, page, requestEdit } from './state';

const DAY_KEYS = ['mon-fri', 'sat-sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'mon-sun'];

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

export function menuOptions(value: Record<string, unknown>, change: (v: FieldValue) => void): HTMLElement {
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
export function conditionBranches(step: string, drafts: BranchDraft[]): HTMLElement {
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

export function hoursGrid(value: Record<string, unknown>, change: (v: FieldValue) => void): HTMLElement {
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

export function holidayList(value: string[], change: (v: string[]) => void): HTMLElement {
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

export function pairTable(
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
