/**
 * Amazon Connect blocks that each become a step (or a few): prompts, comparisons, hours of
 * operation, contact attributes, queue transfers, third-party transfers, Lambda functions, other
 * flows and modules, endings.
 */
import { flowIdFromName, isE164 } from '../ids';
import type { ConditionBranch, ConditionTest } from '../model';
import type { ConnectAction, ConnectCondition } from './connectActions';
import { lastSegment, type ConnectConversion } from './connectConversion';
import { hoursToFillIn, httpToFillIn, numberToFillIn } from './fillIns';
import { numberOf, recordOf, textOf } from './sourceText';
import { variableName } from './templates';
import { transferOptions } from './transferOptions';

export function message(connect: ConnectConversion, action: ConnectAction): void {
  const prompt = connect.prompt(action);
  if (!prompt.fields.say && !prompt.fields.audio) return connect.drop(action, action.next, 'It plays nothing');
  const id = connect.stepId('play');
  connect.b.add(id, { type: 'play', ...prompt.fields, next: connect.b.exitTo(action.next) });
  connect.finish(action, id, prompt.notes);
}

export function compare(connect: ConnectConversion, action: ConnectAction): void {
  const raw = textOf(action.parameters.ComparisonValue) ?? '';
  const reference = connect.reference(raw);
  const variable = reference ?? variableName(raw.replace(/^\$\./, ''));
  const tests = conditionBranches(connect, variable, action.conditions);
  const notes = [...tests.notes];
  if (!reference)
    notes.push(`It compares ${raw}, which cannot be said as a variable of the flow; check the variable ${variable}`);
  const id = connect.stepId('condition');
  const elseTarget = connect.error(action, 'NoMatchingCondition') ?? action.next;
  if (tests.branches.length === 0) {
    notes.push('It has no condition callflow can test');
    tests.branches.push({ when: { variable, equals: '' }, next: connect.b.exitTo(elseTarget) });
  }
  connect.b.add(id, { type: 'condition', branches: tests.branches, else: connect.b.exitTo(elseTarget) });
  connect.finish(action, id, notes);
}

export function conditionBranches(
  connect: ConnectConversion,
  variable: string,
  conditions: ConnectCondition[],
): { branches: ConditionBranch[]; notes: string[] } {
  const branches: ConditionBranch[] = [];
  const notes: string[] = [];
  for (const condition of conditions) {
    const value = condition.operands[0] ?? '';
    const number = numberOf(value);
    const next = connect.b.exitTo(condition.next);
    const when = (test: Omit<ConditionTest, 'variable'>): ConditionBranch => ({
      when: { variable, ...test },
      next,
    });
    switch (condition.operator) {
      case 'Equals':
        branches.push(when({ equals: value }));
        break;
      case 'NumberGreaterThan':
        branches.push(when({ 'greater-than': number ?? value }));
        break;
      case 'NumberLessThan':
        branches.push(when({ 'less-than': number ?? value }));
        break;
      case 'NumberGreaterOrEqualTo':
        branches.push(when({ 'greater-than': number ?? value }), when({ equals: number ?? value }));
        break;
      case 'NumberLessOrEqualTo':
        branches.push(when({ 'less-than': number ?? value }), when({ equals: number ?? value }));
        break;
      case 'TextContains':
        branches.push(when({ contains: value }));
        break;
      case 'TextStartsWith':
        branches.push(when({ 'starts-with': value }));
        break;
      case 'TextEndsWith':
        branches.push(when({ 'ends-with': value }));
        break;
      default:
        branches.push(when({ equals: value }));
        notes.push(`The operator ${condition.operator} has no equal here; it is tested as "equals ${value}"`);
    }
  }
  return { branches, notes };
}

export function hours(connect: ConnectConversion, action: ConnectAction): void {
  const open = action.conditions.find((condition) => condition.operands[0]?.toLowerCase() === 'true')?.next;
  const closed = action.conditions.find((condition) => condition.operands[0]?.toLowerCase() === 'false')?.next;
  const id = connect.stepId('hours');
  connect.b.add(
    id,
    hoursToFillIn(connect.context.timezone, { open: connect.b.exitTo(open), closed: connect.b.exitTo(closed) }),
  );
  const hoursId = textOf(action.parameters.HoursOfOperationId);
  const named = action.displayNames.get('HoursOfOperationId');
  const which = hoursId
    ? `the hours of operation ${named ? `"${named}" ` : ''}(${hoursId})`
    : "the queue's hours of operation";
  connect.b.comment(id, `Connect checked ${which}: fill in the opening hours and check the time zone.`);
  const error = connect.error(action, 'NoMatchingError');
  connect.finish(action, id, [
    `Connect keeps the schedule outside the flow (${which}); fill in the opening hours (validation reports no-opening-hours until you do)`,
    ...(error !== undefined && error !== closed ? [`its error branch (to ${error}) is not carried over`] : []),
  ]);
}

export function attributes(connect: ConnectConversion, action: ConnectAction): void {
  const flowAttributes = action.type === 'UpdateFlowAttributes';
  const source = recordOf(flowAttributes ? action.parameters.FlowAttributes : action.parameters.Attributes);
  const values = Object.create(null) as Record<string, string>;
  const notes: string[] = [];
  let sets = false;
  const keys = source ? Object.keys(source) : [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const raw = source![key];
    const value = flowAttributes ? textOf(recordOf(raw)?.Value) : textOf(raw);
    if (value === undefined) continue;
    const text = connect.text(value);
    const variable = variableName(key);
    values[variable] = text.text;
    sets = true;
    for (let n = 0; n < text.notes.length; n++) notes.push(text.notes[n]!);
    if (variable !== key) notes.push(`The attribute ${key} is the variable ${variable}`);
  }
  if (!sets) return connect.drop(action, action.next, 'It sets no attribute');
  const id = connect.stepId('set');
  connect.b.add(id, { type: 'set', values, next: connect.b.exitTo(action.next) });
  connect.finish(action, id, notes);
}

export function queue(connect: ConnectConversion, action: ConnectAction): void {
  const queues = [...(connect.queuesBefore.get(action.id) ?? [])];
  const notes: string[] = [];
  const failed = connect.error(action, 'QueueAtCapacity') ?? connect.error(action, 'NoMatchingError');
  if (queues.length === 0) {
    queues.push('queue');
    notes.push(
      "No UpdateContactTargetQueue before it names the queue (the previous flow set it): rename queue to your agents' queue",
    );
  }
  if (queues.length === 1) {
    const id = connect.stepId('queue');
    connect.b.add(id, { type: 'assign-dial', queue: queues[0]!, 'no-answer': connect.b.exitTo(failed) });
    return connect.finish(action, id, notes);
  }
  // Several working queues lead here: the queue each path set is the one it dials.
  const conditionId = connect.stepId('which-queue');
  const ids = queues.map((queue) => {
    const id = connect.stepId(`queue-${queue}`);
    connect.b.add(id, { type: 'assign-dial', queue, 'no-answer': connect.b.exitTo(failed) });
    return id;
  });
  connect.b.add(conditionId, {
    type: 'condition',
    branches: queues
      .slice(1)
      .map((queue, i) => ({ when: { variable: 'queue', equals: queue }, next: connect.b.exitToStep(ids[i + 1]!) })),
    else: connect.b.exitToStep(ids[0]!),
  });
  connect.finish(
    action,
    conditionId,
    [
      `Several working queues lead here (${queues.join(', ')}); the variable queue, set where Connect set the working queue, picks one`,
    ],
    [conditionId, ...ids],
  );
}

export function transfer(connect: ConnectConversion, action: ConnectAction): void {
  const raw = textOf(action.parameters.ThirdPartyPhoneNumber) ?? '';
  const notes: string[] = [];
  let to = raw;
  if (!isE164(raw)) {
    to = numberToFillIn(raw || 'the transfer');
    notes.push(`The number ${raw || '(none)'} is not written out in the flow: fill it in`);
  }
  if (textOf(action.parameters.ContinueFlowExecution)?.toLowerCase() === 'true')
    notes.push(
      `Connect goes on to ${action.next ?? 'the next block'} once the third party hangs up; here a connected transfer ends the call`,
    );
  const failed = action.errors[0]?.next;
  const id = connect.stepId('transfer');
  const options = transferOptions(
    // The Flow language's name, and the older exports' (ThirdPartyConnectionTimeLimitSeconds).
    numberOf(
      action.parameters.ThirdPartyConnectionTimeoutSeconds ?? action.parameters.ThirdPartyConnectionTimeLimitSeconds,
    ),
    textOf(recordOf(action.parameters.CallerId)?.Number),
    notes,
  );
  connect.b.add(id, { type: 'transfer', to, ...options, failed: connect.b.exitTo(failed) });
  connect.finish(action, id, notes);
}

export function lambda(connect: ConnectConversion, action: ConnectAction): void {
  const arn = textOf(action.parameters.LambdaFunctionARN) ?? '';
  const name = action.displayNames.get('LambdaFunctionARN') ?? lastSegment(arn);
  const id = connect.stepId(`lambda-${name}`);
  const step = httpToFillIn(`the Lambda function ${name}`, {
    success: connect.b.exitTo(action.next),
    failure: connect.b.exitTo(connect.error(action, 'NoMatchingError') ?? action.errors[0]?.next),
  });
  const externals = connect.externals();
  if (externals.size > 0)
    step.save = Object.fromEntries([...externals].map((key) => [variableName(`External.${key}`), key]));
  connect.b.add(id, step);
  connect.b.comment(id, `Lambda ${arn}.`);
  connect.finish(action, id, [
    `Connect invokes the Lambda function ${name}; fill in the https address of a service that does its work (validation reports invalid-url until you do)`,
  ]);
}

export function otherFlow(connect: ConnectConversion, action: ConnectAction): void {
  const module = action.type === 'InvokeFlowModule';
  const key = module ? 'FlowModuleId' : 'ContactFlowId';
  const ref = textOf(action.parameters[key]) ?? '';
  const name = action.displayNames.get(key) ?? connect.reference(ref) ?? lastSegment(ref);
  const flow = flowIdFromName(name) || 'other-flow';
  const id = connect.stepId(`goto-${flow}`);
  connect.b.add(id, { type: 'goto-flow', flow });
  if (ref) connect.b.comment(id, `Connect ${module ? 'flow module' : 'flow'} ${ref}.`);
  connect.finish(action, id, [
    ...(module
      ? [
          `A flow module returns to this flow when it ends (to ${action.next ?? 'nothing'}); goto-flow hands the call over for good, so the blocks after it are not carried over`,
        ]
      : []),
    `Import that flow with --id ${flow}, or point flow at the flow that replaces it`,
  ]);
}

export function hangup(connect: ConnectConversion, action: ConnectAction): void {
  const id = connect.stepId('hangup');
  connect.b.add(id, { type: 'hangup' });
  connect.finish(
    action,
    id,
    action.type === 'EndFlowModuleExecution' ? ['A module returns to its flow here; an imported flow hangs up'] : [],
  );
}
