/** The version file of an imported flow: the definition, with `# imported:` comments over the steps they concern. */
import { Document, isMap, isScalar } from 'yaml';
import type { FlowDefinition } from '../model';

export function writeImportedFlow(
  definition: FlowDefinition,
  comments: ReadonlyMap<string, readonly string[]>,
  header: string,
): string {
  const doc = new Document(definition);
  doc.commentBefore = commentText([header]);
  const steps = doc.get('steps', true);
  if (isMap(steps)) {
    for (const pair of steps.items) {
      const id = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const notes = id === undefined ? undefined : comments.get(id);
      if (notes && notes.length > 0 && isScalar(pair.key))
        pair.key.commentBefore = commentText(notes.map((n) => `imported: ${n}`));
    }
  }
  return doc.toString({ lineWidth: 0 });
}

/** Comment lines as the yaml package writes them (each line gets its `#`); no line breaks inside one note. */
function commentText(lines: readonly string[]): string {
  return lines.map((line) => ' ' + line.replace(/[\r\n]+/g, ' ')).join('\n');
}
