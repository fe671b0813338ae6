import { InvalidInputError } from '../errors';
import type { ConvertContext, Converted } from './context';
import type { SourceValue } from './sourceText';

export function convertGenesysArchy(_value: SourceValue, context: ConvertContext): Converted {
  throw new InvalidInputError(
    'import-not-available',
    `${context.fileName} is a genesys-archy flow; importing it is not available yet.`,
  );
}
