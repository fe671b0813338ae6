import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { contextForFlow } from '../../core/workspace/fileRoles';
import { loadVersion, parseCallTarget } from '../../core/calls';
import { InvalidInputError } from '../../core/errors';
import { GRAPH_FORMATS, renderGraph, type GraphFormat } from '../../core/graph';
import { printable } from '../../core/ids';
import type { VerbRegistrar } from '../program';

export function registerGraphVerbs(verb: VerbRegistrar): void {
  verb('graph <target>', (c) => c
    .description('draw a flow version as a diagram, for pull requests and docs: flow-id (its draft, else its published version), flow-id@N or flow-id@draft')
    .option('--format <format>', 'mermaid (paste into a PR or a markdown file) or svg', 'mermaid')
    .option('--output <file>', 'write to a file instead of stdout'),
  async (ctx, targetText: string) => {
    const { format, output } = ctx.options as { format: string; output?: string };
    if (!(GRAPH_FORMATS as readonly string[]).includes(format)) {
      throw new InvalidInputError('invalid-format', `--format must be ${GRAPH_FORMATS.join(' or ')}, not "${printable(format)}".`);
    }
    const target = parseCallTarget(targetText);
    if (target.kind !== 'flow') {
      throw new InvalidInputError('invalid-target', 'callflow graph takes a flow, not a phone number.', 'Run `callflow graph support-line` or `callflow graph support-line@3`.');
    }
    const store = await ctx.store();
    const version = await loadVersion(store, target.flowId, target.selector);
    const context = contextForFlow(await store.fullContext(), target.flowId);
    const drawing = renderGraph(version.text, version.file, format as GraphFormat, { context, title: `${target.flowId} v${version.version}` });
    if (output) {
      await writeFile(path.resolve(ctx.cwd, output), drawing.endsWith('\n') ? drawing : drawing + '\n');
      ctx.note(`Wrote ${format} of ${target.flowId} v${version.version} to ${output}.`);
    } else {
      ctx.out(drawing);
    }
  });
}
