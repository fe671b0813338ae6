/**
 * The panel's controls for one value: a step picker (for an exit), a choice of the schema's values,
 * a text with suggestions (queues, time zones, caller ids), a checked phone number, and a prompt
 * with the flow's variables to insert.
 */
import { E164_PATTERN } from '../../core/ids';
import { element, option } from './htmlDom';
import { page } from './state';

let timeZones: string[] | undefined;

/** Context the extension sends with the graph: what the pickers offer. */
export const pickerData = { queues: [] as string[], variables: [] as string[] };

export function stepSelect(
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

export function enumSelect(
  id: string,
  values: string[],
  value: string,
  change: (v: string) => void,
): HTMLSelectElement {
  const select = element('select', { id }) as HTMLSelectElement;
  for (const v of values) select.appendChild(option(v, v));
  select.value = value;
  select.addEventListener('change', () => change(select.value));
  return select;
}

export function listInput(
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

export function zones(): string[] {
  if (!timeZones) {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    timeZones = intl.supportedValuesOf?.('timeZone') ?? ['UTC'];
  }
  return timeZones;
}

export function phoneField(id: string, value: string, change: (v: string) => void): HTMLElement {
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

export function promptField(id: string, value: string, change: (v: string) => void): HTMLElement {
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
