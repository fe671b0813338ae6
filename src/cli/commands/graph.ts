import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import {
  contextForFlow,
  GRAPH_FORMATS,
  InvalidInputError,
  parseCallTarget,
  printable,
  renderGraph,
  type GraphFormat,
} from '../../core';
import { readUserFile } from '../../platform/nodeWorkspaceFiles';
import type { VerbContext } from '../verbContext';
import type { VerbRegistrar } from '../program';

export function registerGraphVerbs(verb: VerbRegistrar): void {
  verb(
    'graph <target>',
    (c) =>
      c
        .description(
          'draw a flow version as a diagram, for pull requests and docs: flow-id (its draft, else its published version), flow-id@N, flow-id@draft, or a version file',
        )
        .option('--format <format>', 'mermaid (paste into a PR or a markdown file) or svg', 'mermaid')
        .option('--output <file>', 'write to a file instead of stdout'),
    async (ctx, targetText: string) => {
      const { format, output } = ctx.options as { format: string; output?: string };
      if (!(GRAPH_FORMATS as readonly string[]).includes(format)) {
        throw new InvalidInputError(
          'invalid-format',
          `--format must be ${GRAPH_FORMATS.join(' or ')}, not "${printable(format)}".`,
        );
      }
      const drawing = /\.ya?ml$/i.test(targetText)
        ? await drawFile(ctx, targetText, format as GraphFormat)
        : await drawVersion(ctx, targetText, format as GraphFormat);
      if (output) {
        await writeOutput(path.resolve(ctx.cwd, output), output, drawing.endsWith('\n') ? drawing : drawing + '\n');
        ctx.note(`Wrote the ${format} diagram of ${targetText} to ${output}.`);
      } else {
        ctx.out(drawing);
      }
    },
  );
}

/** `--output` names a file the user chose: a path that cannot be one is bad input, said as such (exit 2). */
async function writeOutput(absolute: string, given: string, text: string): Promise<void> {
  try {
    await writeFile(absolute, text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? `its folder ${path.dirname(given)} does not exist`
        : code === 'EISDIR'
          ? 'it is a folder'
          : undefined;
    if (!why) throw err;
    throw new InvalidInputError(
      'invalid-output',
      `Cannot write the diagram to ${printable(given)}: ${why}.`,
      'Give --output a file name in an existing folder (e.g. --output graph.svg).',
    );
  }
}

async function drawVersion(ctx: VerbContext, targetText: string, format: GraphFormat): Promise<string> {
  const target = parseCallTarget(targetText);
  if (target.kind !== 'flow') {
    throw new InvalidInputError(
      'invalid-target',
      'callflow graph takes a flow or a file, not a phone number.',
      'Run `callflow graph support-line`, `callflow graph support-line@3` or `callflow graph path/to/v3.yaml`.',
    );
  }
  const workspace = await ctx.workspace();
  const version = await workspace.loadVersion(target.flowId, target.selector);
  const context = contextForFlow(await workspace.workspaceContext(), target.flowId);
  return renderGraph(version.text, version.file, format, { context, title: `${target.flowId} v${version.version}` });
}

/** Any version file, in a workspace or not (without a workspace, goto-flow targets are not checked). */
async function drawFile(ctx: VerbContext, file: string, format: GraphFormat): Promise<string> {
  const absolute = path.resolve(ctx.cwd, file);
  const text = await readUserFile(absolute, file, 'flow');
  if (text === undefined) throw new InvalidInputError('missing-file', `${file} does not exist.`, 'Check the path.');
  const workspace = await ctx.workspace().catch(() => undefined);
  const relative = workspace && path.relative(workspace.root, absolute).split(path.sep).join('/');
  const role =
    workspace && relative && !relative.startsWith('..')
      ? await workspace.fileRole(relative).catch(() => undefined)
      : undefined;
  const context =
    workspace && role?.kind === 'version' ? contextForFlow(await workspace.workspaceContext(), role.flowId) : undefined;
  return renderGraph(text, file, format, { ...(context ? { context } : {}), title: file });
}
