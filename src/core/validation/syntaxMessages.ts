/**
 * The yaml package's syntax errors in an admin's words, by its error code: what is wrong on
 * the line and what to write instead. Positions are reported by the caller.
 */
import type { YAMLError } from 'yaml';
import { NESTED_TOO_DEEP } from '../yamlText';

type Explain = (error: YAMLError, text: string) => string;

const MESSAGES: Partial<Record<string, Explain>> = {
  BAD_INDENT: (error) => {
    if (/Flow map/.test(error.message))
      return 'A { … } mapping is not closed where it should be. End it with } on the same line, or indent its continuation lines further.';
    if (/Flow sequence/.test(error.message))
      return 'A [ … ] list is not closed where it should be. End it with ] on the same line, or indent its continuation lines further.';
    return 'This line is not indented like the lines around it. Fields of one step start in the same column; indent with spaces, two per level.';
  },
  TAB_AS_INDENT: () =>
    'This line is indented with a tab. YAML only allows spaces for indentation: replace the tab with spaces.',
  MULTILINE_IMPLICIT_KEY: () =>
    'This line has no colon after its field name, so YAML reads it together with the next line. Write it as name: value, with a space after the colon.',
  BLOCK_AS_IMPLICIT_KEY: () =>
    'A mapping starts where a field name was expected. Check the line above for a missing colon or a wrong indentation.',
  BAD_SCALAR_START: (error, text) => {
    const char = text.charAt(error.pos[0]);
    return `A value cannot start with ${char ? `"${char}"` : 'this character'} unless it is in quotes. Put the whole text in quotes, e.g. "${char}…".`;
  },
  MISSING_CHAR: (error) => {
    if (/\]/.test(error.message)) return 'A [ … ] list is not closed. Add the closing ].';
    if (/\}/.test(error.message)) return 'A { … } mapping is not closed. Add the closing }.';
    if (/,|:/.test(error.message))
      return 'Items inside { } or [ ] are separated by commas, and each field of { } needs a colon.';
    return 'A closing character is missing here.';
  },
  BAD_DQ_ESCAPE: () =>
    'This backslash starts an escape that double-quoted text does not know. Write \\\\ for a backslash, or use single quotes.',
  MULTIPLE_DOCS: () =>
    'A second YAML document starts here (---). A call flow file holds one document: remove the --- line, or move what follows to its own file.',
  BLOCK_IN_FLOW: () =>
    'Indented lines or a - list cannot go inside { } or [ ]. Write the whole value inside the brackets, or drop the brackets.',
  UNEXPECTED_TOKEN: () =>
    'YAML did not expect this here. Check this line and the one above for a missing colon, quote or bracket, or a wrong indentation.',
  BAD_ALIAS: () => 'An alias (*name) must name an anchor (&name) written earlier in the file.',
  ALIAS_PROPS: () => 'An alias (*name) cannot have an anchor or a tag of its own.',
  MULTIPLE_ANCHORS: () => 'A value has two anchors (&name); give it one.',
  MULTIPLE_TAGS: () => 'A value has two tags (!tag); call flow files need none.',
  BAD_PROP_ORDER: () => 'An anchor or tag is written after its value; write it before the value, or remove it.',
  TAG_RESOLVE_FAILED: () =>
    'YAML cannot read this value with its !tag. Call flow files use plain values: remove the tag.',
  BAD_DIRECTIVE: () => 'This % line is not a YAML directive. Remove it; call flow files need no directives.',
  BAD_COLLECTION_TYPE: () => 'This !tag does not fit the kind of value it is on. Remove the tag.',
  KEY_OVER_1024_CHARS: () =>
    'A field name longer than 1024 characters is not allowed. Shorten it, or check for a missing line break.',
  NON_STRING_KEY: () => 'Field names are plain text; a list or mapping cannot be one.',
  RESOURCE_EXHAUSTION: () => 'The file is too complex to read (too many nested or repeated values).',
};

/** "YAML syntax: …" in plain words; the yaml package's own sentence when the code is one we do not know. */
export function syntaxMessage(error: YAMLError, text: string): string {
  if (/Maximum call stack/.test(error.message) || error.code === NESTED_TOO_DEEP)
    return 'YAML syntax: the file is nested too deeply to read.';
  const explain = MESSAGES[error.code];
  if (explain) return `YAML syntax: ${explain(error, text)}`;
  const message = error.message.replace(/ at line \d+, column \d+[\s\S]*$/, '').trim();
  const sentence = message.endsWith('.') ? message : `${message}.`;
  return `YAML syntax: ${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}`;
}
