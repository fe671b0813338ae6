/** Genesys Archy menus: each menu and its keypad choices become one menu step. */
import type { MenuStep } from '../model';
import { action, sequence } from './archyActions';
import { DTMF, type ArchyConversion } from './archyConversion';
import { listOf, numberOf, recordOf, textOf, type SourceRecord } from './sourceText';

export function convertMenu(archy: ArchyConversion, ref: string, menu: SourceRecord): void {
  const name = textOf(menu.name) ?? ref;
  const prompt = archy.prompt(menu.audio);
  const id = archy.b.stepId(name);
  const settings = recordOf(menu.settingsMenu);
  const repeat = numberOf(recordOf(settings?.repeatCount)?.lit) ?? archy.repeatCount;
  const timeout =
    numberOf(recordOf(recordOf(settings?.menuSelectionTimeout)?.lit)?.seconds) ??
    numberOf(recordOf(recordOf(recordOf(archy.flow.settingsMenu)?.menuSelectionTimeout)?.lit)?.seconds);
  const step: MenuStep = { type: 'menu', ...prompt.fields, options: {} };
  const notes = [...prompt.notes];
  for (const item of listOf(menu.choices)) {
    const choice = recordOf(item);
    const type = choice ? Object.keys(choice)[0] : undefined;
    const body = type ? recordOf(choice![type]) : undefined;
    if (!type || !body) continue;
    const choiceName = `${name}/${textOf(body.name) ?? type}`;
    const key = DTMF[textOf(body.dtmf) ?? ''];
    if (key === undefined) {
      archy.b.report(choiceName, type, 'dropped', 'It has no keypad key (speech only): callers cannot choose it here.');
      continue;
    }
    const target = choiceTarget(archy, type, body, choiceName, ref);
    if (step.options[key] === undefined) step.options[key] = archy.b.exitTo(target);
  }
  if (timeout !== undefined && timeout > 0) step.timeout = timeout;
  if (repeat !== undefined && repeat >= 0) step.attempts = Math.min(10, Math.max(1, Math.floor(repeat) + 1));
  step['no-input'] = archy.b.exitTo(undefined);
  step.invalid = archy.b.exitTo(undefined);
  if (Object.keys(step.options).length === 0) {
    notes.push('It has no choice with a key; a menu needs one, so 1 hangs up');
    step.options['1'] = archy.b.exitTo(undefined);
  }
  archy.b.add(id, step);
  archy.b.enter(`menu:${ref}`, id);
  archy.finish(name, 'menu', id, notes);
}

/** A menu choice: the node the key leads to. */
function choiceTarget(
  archy: ArchyConversion,
  type: string,
  body: SourceRecord,
  source: string,
  menuRef: string,
): string | undefined {
  const key = `choice:${source}`;
  switch (type) {
    case 'menuJumpToMenu':
    case 'menuJumpToTask':
    case 'menuSubMenu': {
      const target = archy.refKey(
        textOf(body.targetMenuRef) ?? textOf(body.targetTaskRef) ?? textOf(body.subMenuRef) ?? '',
      );
      archy.b.passThrough(key, target);
      archy.b.report(
        source,
        type,
        target ? 'mapped' : 'dropped',
        target ? '' : 'It names no menu or task of the flow; the key hangs up.',
      );
      return key;
    }
    case 'menuRepeat': {
      archy.b.passThrough(key, `menu:${menuRef}`);
      archy.b.report(source, type, 'mapped', '');
      return key;
    }
    case 'menuTask': {
      const actions = listOf(recordOf(body.task)?.actions ?? body.actions);
      archy.b.passThrough(key, sequence(archy, actions, source, `${key}/actions`, undefined));
      archy.b.report(source, type, 'mapped', '');
      return key;
    }
    default: {
      // A choice that is an action (menuTransferToAcd, menuDisconnect, ...): converted as that action.
      const actionName = type.replace(/^menu/, '');
      const actionType = actionName.charAt(0).toLowerCase() + actionName.slice(1);
      return action(archy, actionType, body, source, key, undefined, type);
    }
  }
}
