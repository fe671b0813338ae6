/**
 * Amazon Connect's three export shapes read into one list of actions: the Flow language
 * (`Version`, `StartAction`, `Actions`), the DescribeContactFlow envelope (`Name`, `Type`,
 * `Content` as a JSON string) and the older console export (`{"modules": [...]}`), whose modules
 * are translated to the Flow language's action types and transitions.
 */
import { InvalidInputError } from '../errors';
import { noCallEntry } from './context';
import {
  isRecord,
  listOf,
  parseJsonText,
  recordOf,
  textOf,
  type SourceRecord,
  type SourceValue,
  table,
} from './sourceText';

export interface ConnectCondition {
  next?: string;
  operator: string;
  operands: string[];
}

export interface ConnectAction {
  id: string;
  /** The Flow language type the converter works with. */
  type: string;
  /** The type as the file names it (a module's own type in the older export). */
  sourceType: string;
  parameters: SourceRecord;
  next?: string;
  conditions: ConnectCondition[];
  errors: { next?: string; errorType: string }[];
  /** Names the console shows for the action's resources (a queue, a flow, a prompt). */
  displayNames: ReadonlyMap<string, string>;
}

export interface ConnectFlow {
  name?: string;
  start: string;
  actions: Map<string, ConnectAction>;
}

const INBOUND_TYPES = new Set(['CONTACT_FLOW', 'contactFlow', 'contact_flow']);
const FLOW_TYPES: Readonly<Record<string, string>> = table({
  CUSTOMER_QUEUE: 'a customer queue flow (what callers hear while they wait in a queue)',
  CUSTOMER_HOLD: 'a customer hold flow',
  CUSTOMER_WHISPER: 'a customer whisper flow',
  AGENT_HOLD: 'an agent hold flow',
  AGENT_WHISPER: 'an agent whisper flow',
  OUTBOUND_WHISPER: 'an outbound whisper flow',
  AGENT_TRANSFER: 'a transfer-to-agent flow',
  QUEUE_TRANSFER: 'a transfer-to-queue flow',
  CAMPAIGN: 'an outbound campaign flow',
  customerQueue: 'a customer queue flow (what callers hear while they wait in a queue)',
  customerHold: 'a customer hold flow',
  customerWhisper: 'a customer whisper flow',
  agentHold: 'an agent hold flow',
  agentWhisper: 'an agent whisper flow',
  outboundWhisper: 'an outbound whisper flow',
  agentTransfer: 'a transfer-to-agent flow',
  queueTransfer: 'a transfer-to-queue flow',
});

export function readConnectFlow(value: SourceValue, fileName: string): ConnectFlow {
  if (!isRecord(value)) throw notConnect(fileName);
  const envelope = isRecord(value.ContactFlow) ? value.ContactFlow : value;
  const name = textOf(envelope.Name);
  refuseNonInbound(textOf(envelope.Type), fileName);
  let flow: SourceRecord = envelope;
  if (typeof envelope.Content === 'string') {
    const content = parseJsonText(envelope.Content, `${fileName} (its "Content")`);
    if (!isRecord(content)) throw notConnect(fileName);
    flow = content;
  }
  if (Array.isArray(flow.modules)) return readModules(flow, fileName, name);
  if (!Array.isArray(flow.Actions)) throw notConnect(fileName);
  const metadata = recordOf(recordOf(flow.Metadata)?.ActionMetadata);
  const actions = new Map<string, ConnectAction>();
  for (const raw of flow.Actions) {
    const record = recordOf(raw);
    const id = textOf(record?.Identifier);
    if (!record || !id || actions.has(id)) continue;
    const transitions = recordOf(record.Transitions);
    const type = textOf(record.Type) ?? 'Unknown';
    const next = textOf(transitions?.NextAction);
    const action: ConnectAction = {
      id,
      type,
      sourceType: type,
      parameters: recordOf(record.Parameters) ?? (Object.create(null) as SourceRecord),
      conditions: readConditions(transitions?.Conditions),
      errors: readErrors(transitions?.Errors),
      displayNames: displayNamesOf(recordOf(metadata?.[id])),
    };
    if (next) action.next = next;
    actions.set(id, action);
  }
  const start = textOf(flow.StartAction);
  if (!start) throw noCallEntry('amazon-connect', fileName, 'it has no StartAction');
  const metaName = textOf(recordOf(flow.Metadata)?.name);
  return { start, actions, ...((name ?? metaName) ? { name: (name ?? metaName)! } : {}) };
}

/** Plain loops rather than flatMap and spreads: a 1,000-action flow reads each transition once, cheaply. */
function readConditions(value: SourceValue | undefined): ConnectCondition[] {
  const conditions: ConnectCondition[] = [];
  for (const item of listOf(value)) {
    const cr = recordOf(item);
    const condition = recordOf(cr?.Condition);
    if (!cr || !condition) continue;
    const operands: string[] = [];
    for (const operand of listOf(condition.Operands)) operands.push(textOf(operand) ?? '');
    const read: ConnectCondition = { operator: textOf(condition.Operator) ?? 'Equals', operands };
    const target = textOf(cr.NextAction);
    if (target) read.next = target;
    conditions.push(read);
  }
  return conditions;
}

function readErrors(value: SourceValue | undefined): ConnectAction['errors'] {
  const errors: ConnectAction['errors'] = [];
  for (const item of listOf(value)) {
    const er = recordOf(item);
    if (!er) continue;
    const read: ConnectAction['errors'][number] = { errorType: textOf(er.ErrorType) ?? 'NoMatchingError' };
    const target = textOf(er.NextAction);
    if (target) read.next = target;
    errors.push(read);
  }
  return errors;
}

function refuseNonInbound(type: string | undefined, fileName: string): void {
  if (type === undefined || INBOUND_TYPES.has(type)) return;
  const what = FLOW_TYPES[type] ?? `a flow of type ${type}`;
  throw noCallEntry(
    'amazon-connect',
    fileName,
    `it is ${what} (Type ${type}), not an inbound contact flow that answers calls`,
  );
}

function notConnect(fileName: string): InvalidInputError {
  return new InvalidInputError(
    'import-not-dialect',
    `${fileName} is not an Amazon Connect flow: it has no "Actions" (Flow language), "Content" (DescribeContactFlow) or "modules" (the older export).`,
    'Export the flow from the Connect console or with `aws connect describe-contact-flow`, or pick the dialect with --from.',
  );
}

/** The names of an action without metadata (most actions of a flow written by hand or by a tool). */
const NO_DISPLAY_NAMES: ReadonlyMap<string, string> = new Map();

/** Where the Flow language's metadata names an action's resource: its key there, the parameter it names. */
const DISPLAY_NAME_KEYS = [
  ['queue', 'QueueId'],
  ['contactFlow', 'ContactFlowId'],
  ['promptName', 'PromptId'],
  ['hoursOfOperation', 'HoursOfOperationId'],
  ['flowModule', 'FlowModuleId'],
] as const;

/** The console's names of resources, from the Flow language's Metadata.ActionMetadata of one action. */
function displayNamesOf(metadata: SourceRecord | undefined): ReadonlyMap<string, string> {
  if (!metadata) return NO_DISPLAY_NAMES;
  const names = new Map<string, string>();
  const parameters = recordOf(metadata.parameters);
  for (const [key, value] of Object.entries(parameters ?? {})) {
    const display = textOf(recordOf(value)?.displayName);
    if (display) names.set(key, display);
  }
  for (const [key, target] of DISPLAY_NAME_KEYS) {
    const value = metadata[key];
    const display = typeof value === 'string' ? value : textOf(recordOf(value)?.text);
    if (display && !names.has(target)) names.set(target, display);
  }
  return names;
}

// ---- The older console export ----

/** Module types of the older export, as the Flow language's action types. */
const MODULE_TYPES: Readonly<Record<string, string>> = table({
  PlayPrompt: 'MessageParticipant',
  GetUserInput: 'GetParticipantInput',
  StoreUserInput: 'GetParticipantInput',
  SetQueue: 'UpdateContactTargetQueue',
  Disconnect: 'DisconnectParticipant',
  CheckHoursOfOperation: 'CheckHoursOfOperation',
  InvokeExternalResource: 'InvokeLambdaFunction',
  SetAttributes: 'UpdateContactAttributes',
  CheckAttribute: 'Compare',
  Loop: 'Loop',
  SetLoggingBehavior: 'UpdateFlowLoggingBehavior',
  SetVoice: 'UpdateContactTextToSpeechVoice',
  SetRecordingBehavior: 'UpdateContactRecordingBehavior',
  SetEventHook: 'UpdateContactEventHooks',
  InvokeFlowModule: 'InvokeFlowModule',
});

const OLD_OPERATORS: Readonly<Record<string, string>> = table({
  GreaterThan: 'NumberGreaterThan',
  GreaterThanOrEqualTo: 'NumberGreaterOrEqualTo',
  LessThan: 'NumberLessThan',
  LessThanOrEqualTo: 'NumberLessOrEqualTo',
  StartsWith: 'TextStartsWith',
  Contains: 'TextContains',
  EndsWith: 'TextEndsWith',
});

const BRANCH_ERRORS: Readonly<Record<string, string>> = table({
  Timeout: 'InputTimeLimitExceeded',
  NoMatch: 'NoMatchingCondition',
  Error: 'NoMatchingError',
  AtCapacity: 'QueueAtCapacity',
  CallFailed: 'CallFailed',
});

function readModules(flow: SourceRecord, fileName: string, envelopeName: string | undefined): ConnectFlow {
  const metadata = recordOf(flow.metadata);
  refuseNonInbound(textOf(flow.type) ?? textOf(metadata?.type), fileName);
  const actions = new Map<string, ConnectAction>();
  for (const raw of flow.modules as SourceValue[]) {
    const module = recordOf(raw);
    const id = textOf(module?.id);
    if (!module || !id || actions.has(id)) continue;
    const sourceType = textOf(module.type) ?? 'Unknown';
    const target = textOf(module.target);
    const parameters = Object.create(null) as SourceRecord;
    const displayNames = new Map<string, string>();
    const attributes = Object.create(null) as SourceRecord;
    for (const p of listOf(module.parameters)) {
      const param = recordOf(p);
      const name = textOf(param?.name);
      if (!param || !name) continue;
      const value = param.value ?? null;
      const resource = textOf(param.resourceName);
      const key = MODULE_PARAMETERS[name] ?? name;
      if (name === 'Attribute' && sourceType === 'SetAttributes') {
        const attribute = textOf(param.key);
        if (attribute) attributes[attribute] = value;
        continue;
      }
      if (name === 'Attribute' && sourceType === 'CheckAttribute') {
        const namespace = textOf(param.namespace) ?? 'User Defined';
        parameters.ComparisonValue =
          namespace === 'User Defined'
            ? `$.Attributes.${textOf(value) ?? ''}`
            : `$.${namespace}.${textOf(value) ?? ''}`;
        continue;
      }
      if (name === 'TextToSpeechType' && textOf(value) === 'ssml' && parameters.Text !== undefined) {
        parameters.SSML = parameters.Text;
        delete parameters.Text;
        continue;
      }
      parameters[key] = value;
      if (resource) displayNames.set(key, resource);
    }
    if (sourceType === 'SetAttributes') parameters.Attributes = attributes;
    if (sourceType === 'StoreUserInput') parameters.StoreInput = 'True';
    const type =
      sourceType === 'Transfer'
        ? target === 'Queue'
          ? 'TransferContactToQueue'
          : target === 'Flow'
            ? 'TransferToFlow'
            : 'TransferParticipantToThirdParty'
        : (MODULE_TYPES[sourceType] ?? sourceType);
    const action: ConnectAction = { id, type, sourceType, parameters, conditions: [], errors: [], displayNames };
    for (const b of listOf(module.branches)) {
      const branch = recordOf(b);
      const condition = textOf(branch?.condition);
      if (!branch || !condition) continue;
      const next = textOf(branch.transition);
      const to = next ? { next } : {};
      if (condition === 'Success') action.next ??= next;
      else if (condition === 'Evaluate') {
        const operator = textOf(branch.conditionType) ?? 'Equals';
        action.conditions.push({
          ...to,
          operator: OLD_OPERATORS[operator] ?? operator,
          operands: [textOf(branch.conditionValue) ?? ''],
        });
      } else if (condition === 'True' || condition === 'False')
        action.conditions.push({ ...to, operator: 'Equals', operands: [condition] });
      else if (condition === 'Looping' || condition === 'Complete')
        action.conditions.push({
          ...to,
          operator: 'Equals',
          operands: [condition === 'Looping' ? 'ContinueLooping' : 'DoneLooping'],
        });
      else action.errors.push({ ...to, errorType: BRANCH_ERRORS[condition] ?? condition });
    }
    actions.set(id, action);
  }
  const start = textOf(flow.start);
  if (!start) throw noCallEntry('amazon-connect', fileName, 'it has no "start" module');
  const name = envelopeName ?? textOf(metadata?.name);
  return { start, actions, ...(name ? { name } : {}) };
}

const MODULE_PARAMETERS: Readonly<Record<string, string>> = table({
  AudioPrompt: 'PromptId',
  Timeout: 'InputTimeLimitSeconds',
  Queue: 'QueueId',
  PhoneNumber: 'ThirdPartyPhoneNumber',
  FunctionArn: 'LambdaFunctionARN',
  Hours: 'HoursOfOperationId',
  ContactFlowId: 'ContactFlowId',
});
