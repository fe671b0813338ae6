/** Where each step of a version file is written, for marking a simulated call's path in the editor. */
import { isMap, isScalar } from 'yaml';
import { parseYamlForReading } from '../yamlText';
import type { EditorRange } from './liveProblems';

/**
 * The range of each step's key (`welcome:`) under `steps`, by step id, for whatever part of
 * the text parses. Duplicate ids keep the first (as validation reports the second).
 */
export function stepKeyRanges(text: string): Map<string, EditorRange> {
  const ranges = new Map<string, EditorRange>();
  const { document, lineCounter } = parseYamlForReading(text);
  const root = document.contents;
  if (!isMap(root)) return ranges;
  const steps = root.items.find((pair) => isScalar(pair.key) && pair.key.value === 'steps')?.value;
  if (!isMap(steps)) return ranges;
  for (const pair of steps.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const id = String(pair.key.value);
    if (ranges.has(id)) continue;
    const from = lineCounter.linePos(pair.key.range[0]);
    const to = lineCounter.linePos(pair.key.range[1]);
    ranges.set(id, {
      startLine: from.line - 1,
      startCharacter: from.col - 1,
      endLine: to.line - 1,
      endCharacter: to.col - 1,
    });
  }
  return ranges;
}
