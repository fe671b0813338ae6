/** What an import produces and reports: the contract of `callflow import --json` (docs/importing.md). */
import type { FlowDefinition } from '../model';

export const IMPORT_DIALECTS = ['twilio-studio', 'amazon-connect', 'genesys-archy'] as const;
export type ImportDialect = (typeof IMPORT_DIALECTS)[number];

export const DIALECT_NAMES: Readonly<Record<ImportDialect, string>> = {
  'twilio-studio': 'Twilio Studio',
  'amazon-connect': 'Amazon Connect',
  'genesys-archy': 'Genesys Architect (Archy YAML)',
};

/** How one node of the source was carried over. */
export type ImportOutcome = 'mapped' | 'approximated' | 'dropped';

/** One entry per node of the source: a Studio state, a Connect action or module, an Archy action, menu or choice. */
export interface ImportReportEntry {
  /** The node's name or identifier in the source. */
  source: string;
  /** The node's type in the source (`gather-input-on-call`, `MessageParticipant`, `transferToAcd`). */
  sourceType: string;
  result: ImportOutcome;
  /** The step ids it became (empty when dropped). */
  steps: string[];
  /** Why, in a sentence: what was approximated or dropped, what to check or fill in. */
  note: string;
}

export interface ImportOptions {
  /** The source file's name (the flow's default name when the file names none; said in messages). */
  fileName: string;
  /** Overrides detection. */
  from?: ImportDialect;
  /** Values for Archy `{{placeholder}}` substitutions. */
  set?: ReadonlyMap<string, string>;
  /** The IANA zone business-hours steps start with (the workspace's default). */
  timezone?: string;
}

/** A converted flow, not yet written anywhere. */
export interface ImportedFlow {
  dialect: ImportDialect;
  /** The flow's name in the source, if it has one. */
  name?: string;
  definition: FlowDefinition;
  /** The version file's text: the definition with `# imported:` comments next to the steps they concern. */
  text: string;
  report: ImportReportEntry[];
}
