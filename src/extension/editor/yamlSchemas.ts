/**
 * Offers our schemas to the Red Hat YAML extension when it is installed, per file by the core's
 * classifier (so a custom flowsDir works), through its registerContributor API. The schemas it
 * gets describe and suggest but never validate (core/language/editorSchemas.ts): the language
 * server stays the one source of problems, so no problem is shown twice.
 */
import * as vscode from 'vscode';
import {
  editorSchemaKind,
  editorSchemaKindOfUri,
  editorSchemaText,
  editorSchemaUri,
  type EditorSchemaKind,
} from '../../core';
import type { FlowFiles } from './flowFiles';

const YAML_EXTENSION = 'redhat.vscode-yaml';

interface YamlExtensionApi {
  registerContributor(
    schema: string,
    requestSchema: (resource: string) => string | undefined,
    requestSchemaContent: (uri: string) => string | Promise<string>,
    label?: string,
  ): boolean;
}

export async function offerSchemasToYamlExtension(
  files: FlowFiles,
  log: vscode.LogOutputChannel,
): Promise<vscode.Disposable[]> {
  const extension = vscode.extensions.getExtension<YamlExtensionApi>(YAML_EXTENSION);
  if (!extension) return [];
  const api = await extension.activate();
  if (typeof api?.registerContributor !== 'function') return [];
  // The YAML extension asks synchronously: each open file's kind is learned when it opens.
  const kinds = new Map<string, EditorSchemaKind>();
  const learn = async (document: vscode.TextDocument): Promise<void> => {
    const info = await files.describe(document.uri);
    if (info) kinds.set(document.uri.toString(), editorSchemaKind(info.role));
    else kinds.delete(document.uri.toString());
  };
  await Promise.all(vscode.workspace.textDocuments.map(learn));
  // The first argument is the URI scheme of the schemas this contributor serves.
  api.registerContributor(
    'callflow-schema',
    (resource) => {
      const kind = kinds.get(resource);
      return kind && editorSchemaUri(kind);
    },
    (uri) => {
      const kind = editorSchemaKindOfUri(uri);
      return kind ? editorSchemaText(kind) : '{}';
    },
    'Call Flow Studio',
  );
  log.info('Offered the flow schemas to the YAML extension (completion and hover; problems stay ours).');
  return [
    vscode.workspace.onDidOpenTextDocument((document) => void learn(document)),
    vscode.workspace.onDidCloseTextDocument((document) => kinds.delete(document.uri.toString())),
  ];
}
