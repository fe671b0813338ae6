/**
 * Genesys Architect: an Archy YAML `inboundCall` flow. Archy is structured (lists of actions
 * whose outputs hold lists of their own), so each action is a node whose call goes on to the
 * action after it, and an output's list goes on to the action after its parent: the same
 * graph the Architect editor draws. Menus and their choices become one menu step each.
 */
import { InvalidInputError } from '../errors';
import { sequence } from './archyActions';
import { ArchyConversion } from './archyConversion';
import { convertMenu } from './archyMenus';
import { FlowBuilder } from './builder';
import { noCallEntry, type ConvertContext, type Converted } from './context';
import { ARCHY_FLOW_KINDS } from './detect';
import { isRecord, listOf, recordOf, textOf, type SourceValue } from './sourceText';

export function convertGenesysArchy(value: SourceValue, context: ConvertContext): Converted {
  if (!isRecord(value)) throw notArchy(context.fileName);
  const flow = recordOf(value.inboundCall);
  if (!flow) {
    const kind = Object.keys(value).find((key) => key in ARCHY_FLOW_KINDS);
    if (!kind) throw notArchy(context.fileName);
    throw noCallEntry(
      'genesys-archy',
      context.fileName,
      `it is ${ARCHY_FLOW_KINDS[kind]} (${kind}), not an inbound call flow`,
    );
  }
  return convertInboundCall(new ArchyConversion(flow, new FlowBuilder(), context));
}

function notArchy(fileName: string): InvalidInputError {
  return new InvalidInputError(
    'import-not-dialect',
    `${fileName} is not a Genesys Archy flow: it has no "inboundCall" (nor another Archy flow kind) at its top.`,
    'Export the flow with `archy export --flowType inboundcall --outputFormat yaml`, or pick the dialect with --from.',
  );
}

/** Every menu and task of the flow converted; the call starts at the initial greeting, then the startUpRef. */
function convertInboundCall(archy: ArchyConversion): Converted {
  const startRef = textOf(archy.flow.startUpRef) ?? '';
  const start = archy.refKey(startRef);
  if (!start)
    throw noCallEntry(
      'genesys-archy',
      archy.context.fileName,
      `its startUpRef (${startRef || 'none'}) names no menu or task of the flow`,
    );
  for (const [ref, menu] of archy.menus) convertMenu(archy, ref, menu);
  for (const [ref, task] of archy.tasks) {
    const name = textOf(task.name) ?? ref;
    archy.b.passThrough(`task:${ref}`, sequence(archy, listOf(task.actions), name, `task:${ref}/actions`, undefined));
  }
  let entry = start;
  const greeting = archy.prompt(archy.flow.initialGreeting);
  if (greeting.fields.say || greeting.fields.audio) {
    const id = archy.b.stepId('initial-greeting');
    archy.b.add(id, { type: 'play', ...greeting.fields, next: archy.b.exitTo(start) });
    archy.b.enter('initialGreeting', id);
    archy.finish('initialGreeting', 'initialGreeting', id, greeting.notes);
    entry = 'initialGreeting';
  }
  const name = textOf(archy.flow.name);
  return { builder: archy.b, startNode: entry, ...(name ? { name } : {}) };
}
