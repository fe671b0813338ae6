/** What every dialect's converter gets and gives back. */
import { InvalidInputError } from '../errors';
import { type FlowBuilder } from './builder';
import { DIALECT_NAMES, type ImportDialect } from './types';

export interface ConvertContext {
  fileName: string;
  timezone?: string;
  /** The text the value was parsed from: what a converter may search to learn that it need not walk the value. */
  sourceText?: string;
}

export interface Converted {
  /** The flow's name in the source, when it has one. */
  name?: string;
  builder: FlowBuilder;
  /** The source node the call starts at. */
  startNode: string;
}

/** A file that has no incoming-call entry: refused, saying what it is and which entries it has. */
export function noCallEntry(dialect: ImportDialect, fileName: string, what: string): InvalidInputError {
  return new InvalidInputError(
    'import-no-call-entry',
    `${fileName} is ${/^[AEIOU]/.test(DIALECT_NAMES[dialect]) ? 'an' : 'a'} ${DIALECT_NAMES[dialect]} flow with no incoming-call entry: ${what}.`,
    'callflow imports voice flows that answer incoming calls; export the flow that answers your number instead.',
  );
}
