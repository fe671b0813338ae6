/** The file kinds schemas/ describes, and the schema keywords only editors read. */
export type FileKind = 'flow' | 'manifest' | 'numbers' | 'settings';

/** The keywords of schemas/ that only editors read: completion, hover and snippets. */
export const EDITOR_KEYWORDS = [
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'defaultSnippets',
] as const;
