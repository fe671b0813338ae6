/** Hover requests: the core's markdown at the hovered word. */
import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { hover } from '../../core';
import { rangeOf, type ServerContext } from '../context';

export async function provideHover(ctx: ServerContext, params: HoverParams): Promise<Hover | null> {
  const file = await ctx.file(params.textDocument.uri);
  if (!file) return null;
  const result = hover(file, file.document.offsetAt(params.position));
  if (!result) return null;
  return { contents: { kind: 'markdown', value: result.contents }, range: rangeOf(file.document, result.span) };
}
