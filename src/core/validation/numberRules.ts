/**
 * The rules numbers.yaml is held to, one source for every reader: `validate`, `list`, `verify`,
 * `assign` and `unassign` (docs/flow-format.md, section 5).
 */
import type { Document, Node } from 'yaml';
import type { Severity } from './problems';
import { firstAnchorOrAlias } from '../yamlText';

/** Said by validate (as `yaml-anchor`), list and verify, and the reason assign and unassign refuse. */
export const NUMBERS_ANCHOR_MESSAGE = 'numbers.yaml uses YAML anchors or aliases (&name, *name); write each entry out';

/**
 * The first anchor or alias in numbers.yaml. callflow edits the file: an assign or unassign could
 * remove the entry an alias refers to, and aliases can expand without end.
 */
export function numbersAnchorOrAlias(document: Document.Parsed): Node | undefined {
  return firstAnchorOrAlias(document);
}

/**
 * A number whose flow has no published version plays nothing to its callers; the contract lets a
 * number ring only a flow that has one (docs/flow-format.md, section 2, assign). So it is an error,
 * in validate (`unpublished-flow`) and verify (`number-unpublished-flow`) alike.
 */
export function unpublishedNumberTarget(number: string, flow: string): { severity: Severity; message: string } {
  return {
    severity: 'error',
    message: `${number} is assigned to "${flow}", which has no published version: calls to it cannot be answered. Publish "${flow}", or assign the number to a published flow.`,
  };
}
